import type { CheckCases } from '../../helpers/rule-tester.js';

const LOGIN_LAYOUT_MISSING = 'file:res/layout/activity_login.xml';
const WECHAT_LOGIN = 'dex:Lorg/pledgeaudit/fixture/rights/remote/MainActivity;->loginWithWeChat()V';
const CUCC_SDK = 'dex:Lcom/sdk/mobile/manager/login/cucc/OauthManager;';
const DELETE_LAYOUT = 'file:res/layout/activity_delete_account.xml';
const M = 'Lorg/pledgeaudit/fixture/rights/missing/LoginActivity;';

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
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
};
