import type { CheckCases } from '../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';
const LOGIN_LAYOUT_MISSING = 'file:res/layout/activity_login.xml';
const WECHAT_LOGIN = 'dex:Lorg/pledgeaudit/fixture/rights/remote/MainActivity;->loginWithWeChat()V';
const CUCC_SDK = 'dex:Lcom/sdk/mobile/manager/login/cucc/OauthManager;';
const DELETE_LAYOUT = 'file:res/layout/activity_delete_account.xml';
const M = 'Lorg/pledgeaudit/fixture/rights/missing/LoginActivity;';

/**
 * Fire/silent cases of the clause 6, 7 and 8 checks (fixtures/src/rights-*, demo-shop,
 * coverage-shell). rights-complete offers every path; rights-missing none; rights-conditions a
 * conditional deletion and only a permission-settings jump; rights-remote a WeChat login and a
 * policy that is only a URL; rights-shell a WebView shell with one-click login; rights-api-only
 * deletion as a link and an API route; rights-share-only no accounts at all.
 */
export const RIGHTS_CASES: Record<string, CheckCases> = {
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
  'c07/no-account-deletion': {
    fires: [
      { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'fail', at: LOGIN_LAYOUT_MISSING }] },
      // The README demo "lacks account deletion".
      { fixture: 'demo-shop', expect: [{ messageId: 'none', verdict: 'fail', at: 'file:res/layout/activity_login.xml' }] },
      // WeChat login is an account even without login text; a remote policy does not excuse it.
      { fixture: 'rights-remote', expect: [{ messageId: 'none', verdict: 'fail', at: WECHAT_LOGIN, owner: 'app' }] },
      // A WebView shell: the deletion page may be remote.
      { fixture: 'rights-shell', expect: [{ messageId: 'blind', verdict: 'review', at: CUCC_SDK, owner: 'cucc-login' }] },
    ],
    // 注销账号 (rights-complete, rights-conditions); only an H5 link and an API route naming
    // deletion (rights-api-only); no accounts (rights-share-only, coverage-shell).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-conditions' }, { fixture: 'rights-api-only' }, { fixture: 'rights-share-only' }, { fixture: 'coverage-shell' }],
  },
  'c07/deletion-conditions': {
    fires: [{ fixture: 'rights-conditions', expect: [{ messageId: 'conditions', verdict: 'warn', at: DELETE_LAYOUT }] }],
    // rights-complete's policy mentions 刷脸登录 more than 300 characters away from 注销账号.
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-missing' }, { fixture: 'demo-shop' }],
  },
  'c07/no-deletion-timing': {
    fires: [
      { fixture: 'rights-conditions', expect: [{ messageId: 'missing', verdict: 'review', at: DELETE_LAYOUT }] },
      { fixture: 'rights-api-only', expect: [{ messageId: 'missing', verdict: 'review', at: 'resource:string/h5_cancel' }] },
    ],
    // A 15-working-day commitment (rights-complete); no deletion at all (rights-missing).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-missing' }],
  },
  'c07/local-residue': {
    fires: [
      {
        fixture: 'rights-missing',
        expect: [
          { messageId: 'preferences', verdict: 'review', at: `dex:${M}->onVerified(Ljava/lang/String;Ljava/lang/String;)V`, owner: 'app' },
          { messageId: 'database', verdict: 'review', at: `dex:${M}->createTables(Landroid/database/sqlite/SQLiteDatabase;)V`, owner: 'app' },
        ],
      },
    ],
    // The same keys and columns, cleared on logout (Editor.clear, deleteDatabase); demo-shop
    // stores only its consent flag.
    silent: [{ fixture: 'rights-complete' }, { fixture: 'demo-shop' }],
  },
  'c08/no-complaint-channel': {
    fires: [
      { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message' }] },
      { fixture: 'rights-remote', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message' }] },
      { fixture: 'rights-shell', expect: [{ messageId: 'blind', verdict: 'review', at: APP }] },
    ],
    // E-mail and phone in the bundled policy (rights-complete), 意见反馈 (rights-conditions), a
    // FeedbackActivity (rights-api-only), 联系我们 with an e-mail (demo-shop), no PI (coverage-shell).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-conditions' }, { fixture: 'rights-api-only' }, { fixture: 'demo-shop' }, { fixture: 'coverage-shell' }],
  },
  'c08/complaint-channel': {
    fires: [
      { fixture: 'rights-complete', expect: [{ messageId: 'contact', verdict: 'review', at: 'file:assets/privacy.html' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'contact', verdict: 'review', at: 'resource:string/settings_contact' }] },
      { fixture: 'rights-api-only', expect: [{ messageId: 'contact', verdict: 'review', at: "manifest:/manifest/application/activity[@android:name='org.pledgeaudit.fixture.rights.api.FeedbackActivity']" }] },
      // Only a label: where it leads is a UI question.
      { fixture: 'rights-conditions', expect: [{ messageId: 'termsOnly', verdict: 'review', at: 'resource:string/feedback' }] },
    ],
    silent: [{ fixture: 'rights-missing' }, { fixture: 'rights-remote' }, { fixture: 'rights-shell' }],
  },
};
