import check from '../../../rules/c04/marketing-sdk-sensitive-pi.js';
import { testCheck } from '../../helpers/rule-tester.js';

const PANGLE_INIT = 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V';
const ADS = 'dex:Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;';

testCheck(check, {
  fires: [
    {
      // Pangle reads location (and calls SmsManager) inside its own code; nothing reaches it from startup.
      fixture: 'code-risky',
      expect: [{ messageId: 'reads', verdict: 'warn', at: `${ADS}->collect(Landroid/content/Context;)V`, owner: 'pangle', data: { sdk: 'pangle', category: 'ads', kinds: ['LOCATION', 'SMS'] } }],
    },
    {
      // Reached from Application.onCreate with no gate: the read happens before consent.
      fixture: 'consent-unsafe',
      expect: [
        {
          messageId: 'beforeConsent',
          verdict: 'fail',
          at: `dex:${PANGLE_INIT}`,
          owner: 'pangle',
          path: ['Lorg/pledgeaudit/fixture/consentunsafe/App;->onCreate()V', PANGLE_INIT],
          data: { sdk: 'pangle', category: 'ads', kinds: ['LOCATION'] },
        },
      ],
    },
    // The same SDK behind the consent flag: still a marketing SDK reading location, so a warn.
    { fixture: 'consent-safe', expect: [{ messageId: 'reads', verdict: 'warn', at: `dex:${PANGLE_INIT}`, owner: 'pangle' }] },
  ],
  silent: [{ fixture: 'code-safe' }, { fixture: 'sdk-mix' }],
});
