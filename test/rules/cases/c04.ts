import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const PANGLE_INIT = 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V';
const ADS = `${D}Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;`;

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c04/marketing-sdk-sensitive-pi': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'reads', verdict: 'warn', at: `${ADS}->collect(Landroid/content/Context;)V`, owner: 'pangle' }] },
      // Reached from Application.onCreate with no gate: the read happens before consent.
      { fixture: 'consent-unsafe', expect: [{ messageId: 'beforeConsent', verdict: 'fail', at: `${D}${PANGLE_INIT}`, owner: 'pangle', path: [`${U}/App;->onCreate()V`, PANGLE_INIT] }] },
      // The same SDK behind the consent flag: still a marketing SDK reading location, so a warn.
      { fixture: 'consent-safe', expect: [{ messageId: 'reads', verdict: 'warn', at: `${D}${PANGLE_INIT}`, owner: 'pangle' }] },
    ],
    silent: [{ fixture: 'code-safe' }, { fixture: 'sdk-mix' }],
  },
  'c04/face-recognition-sdk': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'face', verdict: 'review', owner: 'megvii-faceplusplus' }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c04/sms-or-number-with-marketing-sdk': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'pattern', verdict: 'warn', at: `${ADS}->sms(Landroid/telephony/SmsManager;)V` }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c04/no-personalise-option': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'none', verdict: 'warn', owner: 'jiguang-jcore' }] },
      { fixture: 'code-risky', expect: [{ messageId: 'none', verdict: 'warn', owner: 'pangle' }] },
    ],
    // Umeng and Pangle with a 个性化广告 switch (consent-safe); no marketing SDK (clean).
    silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
  },
  'c04/separate-consent': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'missing', verdict: 'review', at: 'dex:Lcom/example/shiguang/location/LocationHelper;->start(Landroid/content/Context;)V', owner: 'app' }] },
      { fixture: 'code-risky', expect: [{ messageId: 'missing', verdict: 'review', owner: 'pangle' }] },
    ],
    // Location read with a text asking for a separate consent (consent-safe).
    silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }, { fixture: 'manifest-risky' }],
  },
  'c04/third-party-endpoints': {
    fires: [{ fixture: 'demo-shop', expect: [{ messageId: 'hosts', verdict: 'review', at: 'dex:Lcom/umeng/analytics/MobclickAgent;->onEvent(Landroid/content/Context;Ljava/lang/String;)V' }] }],
    // demo-shop's own API host and code-risky's price endpoint belong to no tracking vendor.
    silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
  },
};
