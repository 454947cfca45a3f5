import type { CheckCases } from '../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';

/** Fire/silent cases of the checks that read the string evidence index (clauses 1, 4, 9, 10). */
export const STRING_CASES: Record<string, CheckCases> = {
  'c01/no-privacy-policy': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
      { fixture: 'manifest-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
      // Only an SDK's resources and code mention a privacy policy: not the app's.
      { fixture: 'policy-sdk-only', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
    ],
    // A policy in resources (demo-shop, in a dialog and as a link), in assets (clean), in
    // Traditional Chinese and English only (policy-english).
    silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'strings-basic' }, { fixture: 'policy-english' }],
  },
  'c01/no-consent-choice': {
    fires: [{ fixture: 'consent-weak', expect: [{ messageId: 'weak', verdict: 'warn', at: 'resource:string/notice_ok' }] }],
    // 不同意 (demo-shop, clean), Decline (policy-english); no policy at all (code-risky).
    silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'policy-english' }, { fixture: 'code-risky' }],
  },
  'c01/pre-ticked-consent': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'ticked', verdict: 'warn' }] },
      {
        fixture: 'strings-basic',
        expect: [
          { messageId: 'ticked', verdict: 'warn' },
          { messageId: 'ticked', verdict: 'warn' },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'consent-weak' }],
  },
  'c01/policy-not-chinese': {
    fires: [{ fixture: 'policy-english', expect: [{ messageId: 'only', verdict: 'warn', at: 'resource:string/privacy_message' }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'demo-shop' }, { fixture: 'code-risky' }],
  },
  'c01/bundled-policy-incomplete': {
    fires: [
      // The bundled privacy policy lacks an SDK list and sensitive PI; the user agreement in
      // res/raw is not a privacy policy and is not judged.
      { fixture: 'strings-basic', expect: [{ messageId: 'missing', verdict: 'warn' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'resource:string/privacy_url' }] },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
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
  'c09/sdk-not-in-policy': {
    fires: [
      // The bundled policy names 友盟 and 极光推送, not 高德.
      { fixture: 'policy-sdks', expect: [{ messageId: 'unnamed', verdict: 'warn', at: 'dex:Lcom/amap/api/location/AMapLocationClient;', owner: 'amap-location' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'resource:string/privacy_url' }] },
    ],
    // No SDK (clean); SDKs but no policy at all, which is c01's failure (consent-unsafe).
    silent: [{ fixture: 'clean' }, { fixture: 'consent-unsafe' }],
  },
  'c10/cleartext-pi-endpoint': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'http', verdict: 'warn', at: 'resource:string/api_user_profile' }] },
      { fixture: 'strings-basic', expect: [{ messageId: 'http', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/strings/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app' }] },
    ],
    // An https price endpoint (code-risky); an http policy page carries no PI (demo-shop's privacy_url is not reported).
    silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
  },
};
