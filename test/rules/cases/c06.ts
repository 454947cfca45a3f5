import type { CheckCases } from '../../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';
const LOGIN_LAYOUT_MISSING = 'file:res/layout/activity_login.xml';
const WECHAT_LOGIN = 'dex:Lorg/pledgeaudit/fixture/rights/remote/MainActivity;->loginWithWeChat()V';
const CUCC_SDK = 'dex:Lcom/sdk/mobile/manager/login/cucc/OauthManager;';

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c06/no-rights-path': {
    fires: [
      { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'warn', at: LOGIN_LAYOUT_MISSING }] },
      // A jump to the system permission page withdraws permissions, not consent to the policy.
      { fixture: 'rights-conditions', expect: [{ messageId: 'permissionOnly', verdict: 'review', at: 'resource:string/login_title' }] },
      // The policy is only a URL: the rights may be on that page.
      { fixture: 'rights-remote', expect: [{ messageId: 'remote', verdict: 'review', at: WECHAT_LOGIN, owner: 'app' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'file:res/layout/activity_login.xml' }] },
      { fixture: 'rights-shell', expect: [{ messageId: 'remote', verdict: 'review', at: CUCC_SDK, owner: 'cucc-login' }] },
    ],
    // Every path (rights-complete); no accounts: WeChat used to share only, 注册 only in 注册地址
    // (rights-share-only), a shell without login (coverage-shell).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-share-only' }, { fixture: 'coverage-shell' }],
  },
  'c06/no-pi-lists': {
    fires: [
      { fixture: 'rights-missing', expect: [{ messageId: 'missing', verdict: 'warn', at: 'resource:string/privacy_message' }] },
      // Anchored at the bundled policy, where the lists belong.
      { fixture: 'rights-share-only', expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:assets/privacy.html' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:res/layout/activity_splash.xml' }] },
      { fixture: 'rights-shell', expect: [{ messageId: 'blind', verdict: 'review', at: APP }] },
    ],
    // Both lists (rights-complete); no personal information handled (coverage-shell).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'coverage-shell' }],
  },
  'c06/no-handling-time': {
    fires: [
      // "签收后15日内可申请退货" is a return window, not a commitment to answer requests.
      { fixture: 'rights-missing', expect: [{ messageId: 'missing', verdict: 'review', at: 'resource:string/privacy_message' }] },
      // Anchored at the bundled agreement, where the commitment belongs.
      { fixture: 'rights-conditions', expect: [{ messageId: 'missing', verdict: 'review', at: 'file:assets/agreement.html' }] },
      { fixture: 'rights-shell', expect: [{ messageId: 'missing', verdict: 'review', at: APP }] },
    ],
    // 15个工作日 in a bundled policy.
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-share-only' }, { fixture: 'coverage-shell' }],
  },
};
