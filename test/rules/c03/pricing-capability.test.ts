import check from '../../../rules/c03/pricing-capability.js';
import { testCheck } from '../../helpers/rule-tester.js';

const C = 'dex:Lorg/pledgeaudit/fixture/code';

testCheck(check, {
  fires: [
    {
      // Device IDs, MAC, app list and location read by the app, Umeng and Pangle bundled, a price
      // API whose URL template sends the IMEI; no non-personalised option anywhere in the text.
      fixture: 'code-risky',
      expect: [
        { messageId: 'inputsNoOption', verdict: 'review', at: `${C}/App;->onCreate()V` },
        {
          messageId: 'priceEndpoints',
          verdict: 'review',
          at: `${C}/net/PriceApi;->quoteUrl(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;`,
        },
      ],
    },
    {
      // The consent-safe app reads the same identifiers (after consent) and its settings have a
      // "个性化广告" switch, which the message quotes.
      fixture: 'consent-safe',
      expect: [
        {
          messageId: 'inputs',
          verdict: 'review',
          at: 'dex:Lorg/pledgeaudit/fixture/consentsafe/App;->onCreate()V',
          data: { kinds: ['IMEI', 'MAC', 'LOCATION', 'ANDROID_ID'], sdks: ['pangle', 'umeng-analytics', 'umeng-common'], option: '个性化广告' },
        },
      ],
    },
  ],
  // No profiling input and no per-user SDK.
  silent: [{ fixture: 'clean' }],
});
