import check from '../../../rules/c06/no-rights-path.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SOURCES = 'textSourcesFull';

testCheck(check, {
  fires: [
    {
      // The only login text is "微博登录" and the Weibo share SDK is bundled: it may only authorise Weibo.
      fixture: 'sdk-starts',
      expect: [{ messageId: 'platformOnly', verdict: 'review', at: 'resource:string/weibo_login', data: { login: ['quote:登录'], sources: 'textSourcesFull' } }],
    },
    {
      // Login and registration, and not one word about rights anywhere.
      fixture: 'rights-missing',
      expect: [{ messageId: 'none', verdict: 'warn', at: 'file:res/layout/activity_login.xml', data: { login: ['quote:登录', 'quote:注册'], sources: SOURCES } }],
    },
    {
      // A jump to the system permission page withdraws permissions, not consent to the policy.
      fixture: 'rights-conditions',
      expect: [
        {
          messageId: 'permissionOnly',
          verdict: 'review',
          at: 'resource:string/login_title',
          data: { login: ['quote:手机号登录', 'quote:验证码', 'quote:注册'], sources: SOURCES, path: ['Settings.ACTION_APPLICATION_DETAILS_SETTINGS'] },
        },
      ],
    },
    {
      // The policy is only a URL: the rights may be on that page. WeChat login is an account.
      fixture: 'rights-remote',
      expect: [
        {
          messageId: 'remote',
          verdict: 'review',
          at: 'dex:Lorg/pledgeaudit/fixture/rights/remote/MainActivity;->loginWithWeChat()V',
          owner: 'app',
          data: { login: ['term:wechatLogin'], sources: SOURCES, url: 'https://www.rights-remote.example.cn/privacy/index.html' },
        },
      ],
    },
    { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'file:res/layout/activity_login.xml' }] },
    {
      // Signing in only authorises Weibo, but the app reads the signed-in user's Weibo data and
      // offers no rights path at all: the rights are owed whether or not the account is its own.
      fixture: 'rights-platform-auth',
      expect: [{ messageId: 'none', verdict: 'warn', at: 'file:res/layout/activity_auth.xml', data: { login: ['quote:登录', 'quote:注册'], sources: SOURCES } }],
    },
    {
      // A WebView shell with carrier one-click login: its pages, rights included, are remote.
      fixture: 'rights-shell',
      expect: [
        {
          messageId: 'blind',
          verdict: 'review',
          // The app's own call into the login SDK: the accounts, and the missing rights, are the app's.
          at: 'dex:Lorg/pledgeaudit/fixture/rights/shell/MainActivity;->oneClickLogin()V',
          owner: 'app',
          data: { login: ['sdk:cucc-login'], sources: SOURCES, activity: 'org.pledgeaudit.fixture.rights.shell.MainActivity', url: 'https://m.rights-shell.example.cn/', why: 'webview-shell' },
        },
      ],
    },
  ],
  // Every path (rights-complete); no accounts: WeChat used to share only, 注册 only in 注册地址
  // (rights-share-only), a shell without login (coverage-shell), the only login text is the share
  // SDK's Instapaper sign-in, resources its code looks up by name (rights-sdk-resources).
  silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-share-only' }, { fixture: 'coverage-shell' }, { fixture: 'rights-sdk-resources' }],
});
