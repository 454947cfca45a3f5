import check from '../../../rules/c07/no-account-deletion.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SOURCES = 'textSourcesFull';

testCheck(check, {
  fires: [
    {
      // The only login text is "微博登录" and the Weibo share SDK is bundled: it may only authorise Weibo.
      fixture: 'sdk-starts',
      expect: [{ messageId: 'platformOnly', verdict: 'review', at: 'resource:string/weibo_login', data: { login: ['quote:登录'], sources: 'textSourcesFull' } }],
    },
    { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'fail', at: 'file:res/layout/activity_login.xml', data: { login: ['quote:登录', 'quote:注册'], sources: SOURCES } }] },
    // The README demo "lacks account deletion".
    { fixture: 'demo-shop', expect: [{ messageId: 'none', verdict: 'fail', at: 'file:res/layout/activity_login.xml', data: { login: ['quote:手机号登录', 'quote:验证码', 'quote:登录'], sources: SOURCES } }] },
    // WeChat login is an account even without login text; a remote policy does not excuse it.
    {
      fixture: 'rights-remote',
      expect: [{ messageId: 'none', verdict: 'fail', at: 'dex:Lorg/pledgeaudit/fixture/rights/remote/MainActivity;->loginWithWeChat()V', owner: 'app', data: { login: ['term:wechatLogin'], sources: SOURCES } }],
    },
    {
      // Weibo SSO and "当前登录用户" (the signed-in Weibo user), but no account, password or
      // registration text of the app's own: the login may only authorise Weibo.
      fixture: 'rights-platform-auth',
      expect: [{ messageId: 'noOwnAccount', verdict: 'review', at: 'file:res/layout/activity_auth.xml', data: { login: ['quote:登录', 'quote:注册'], sources: SOURCES } }],
    },
    // A WebView shell: the deletion page may be remote.
    {
      fixture: 'rights-shell',
      expect: [
        {
          messageId: 'blind',
          verdict: 'review',
          // The app's own call into the login SDK: the accounts are the app's, not the SDK vendor's.
          at: 'dex:Lorg/pledgeaudit/fixture/rights/shell/MainActivity;->oneClickLogin()V',
          owner: 'app',
          data: { login: ['sdk:cucc-login'], sources: SOURCES, activity: 'org.pledgeaudit.fixture.rights.shell.MainActivity', url: 'https://m.rights-shell.example.cn/', why: 'webview-shell' },
        },
      ],
    },
  ],
  // 注销账号 (rights-complete, rights-conditions); only an H5 link and an API route naming
  // deletion (rights-api-only); no accounts (rights-share-only, coverage-shell); the only login text
  // is the share SDK's Instapaper sign-in, resources its code looks up by name (rights-sdk-resources).
  silent: [
    { fixture: 'rights-complete' },
    { fixture: 'rights-conditions' },
    { fixture: 'rights-api-only' },
    { fixture: 'rights-share-only' },
    { fixture: 'coverage-shell' },
    { fixture: 'rights-sdk-resources' },
  ],
});
