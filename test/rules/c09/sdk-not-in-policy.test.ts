import check from '../../../rules/c09/sdk-not-in-policy.js';
import { asBundled, policyFixture } from '../../helpers/policies.js';
import { testCheck } from '../../helpers/rule-tester.js';

const OMITS_ZH = policyFixture('demo-shop-omits.zh.txt');
const JCORE_NAMES = ['jiguangjcore', '极光jcore', 'jiguang', '极光'];
const JPUSH_NAMES = ['jpush', '极光推送', 'jiguang', '极光'];
const JPUSH_AT = "manifest:/manifest/application/provider[@android:name='cn.jpush.android.service.InitProvider']";
const JCORE_AT = "manifest:/manifest/application/meta-data[@android:name='JPUSH_APPKEY']";

testCheck(check, {
  fires: [
    {
      // The bundled policy names 友盟 and 极光推送, not 高德.
      fixture: 'policy-sdks',
      expect: [
        {
          messageId: 'unnamed',
          verdict: 'warn',
          at: 'dex:Lcom/amap/api/location/AMapLocationClient;',
          owner: 'amap-location',
          data: { sdk: 'amap-location', entry: 'assets/privacy.html', names: ['amaplocationsdk', '高德定位', 'autonavi', '高德'] },
        },
      ],
    },
    {
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'remote',
          verdict: 'review',
          at: 'resource:string/privacy_url',
          data: { url: 'http://www.example.com/shiguang/privacy.html', sdks: ['amap-location', 'jiguang-jcore', 'jpush', 'umeng-analytics', 'umeng-common'] },
        },
      ],
    },
    {
      // SDKs, and no policy text or link anywhere: never a pass.
      fixture: 'sdk-starts',
      expect: [{ messageId: 'noPolicy', verdict: 'review', at: 'manifest:/manifest/application', data: { sdks: ['firebase-core', 'getui-push', 'weibo-sdk'] } }],
    },
    {
      // The published policy omits Jiguang: JPush reads the IMSI (fail), JCore only is bundled (warn).
      fixture: 'demo-shop',
      options: { policy: OMITS_ZH },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', at: JCORE_AT, owner: 'jiguang-jcore', data: { sdk: 'jiguang-jcore', entry: 'demo-shop-omits.zh.txt', names: JCORE_NAMES } },
        { messageId: 'unnamedReadsPi', verdict: 'fail', at: JPUSH_AT, owner: 'jpush', data: { sdk: 'jpush', entry: 'demo-shop-omits.zh.txt', names: JPUSH_NAMES, pi: ['IMSI'] } },
      ],
    },
    {
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-omits.en.txt') },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'jiguang-jcore' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'jpush', data: { sdk: 'jpush', entry: 'demo-shop-omits.en.txt', names: JPUSH_NAMES, pi: ['IMSI'] } },
      ],
    },
    {
      // The same text as a bundled copy: what CLAUSES.md gives (warn), fail only under --strict.
      fixture: 'demo-shop',
      options: { policy: asBundled(OMITS_ZH) },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'jiguang-jcore' },
        { messageId: 'unnamedReadsPi', verdict: 'warn', owner: 'jpush' },
      ],
    },
    {
      fixture: 'demo-shop',
      options: { policy: asBundled(OMITS_ZH), strict: true },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'jiguang-jcore' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'jpush' },
      ],
    },
    {
      // No third-party section at all: every SDK is unnamed; Umeng Analytics reads nothing but starts before consent.
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-no-sdk-section.en.md') },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'amap-location', data: { sdk: 'amap-location', entry: 'demo-shop-no-sdk-section.en.md', names: ['amaplocationsdk', '高德定位', 'autonavi', '高德'] } },
        { messageId: 'unnamed', verdict: 'warn', owner: 'jiguang-jcore' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'jpush' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'umeng-common', data: { sdk: 'umeng-common', entry: 'demo-shop-no-sdk-section.en.md', names: ['umengcommonsdk', '友盟基础组件库', 'umeng', '友盟'], pi: ['ANDROID_ID', 'MAC'] } },
        { messageId: 'unnamedStartsEarly', verdict: 'fail', owner: 'umeng-analytics', data: { sdk: 'umeng-analytics', entry: 'demo-shop-no-sdk-section.en.md', names: ['umenganalytics', 'u-app', '友盟统计', 'umeng'] } },
      ],
    },
    {
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-no-sdk-section.zh.txt') },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'amap-location' },
        { messageId: 'unnamed', verdict: 'warn', owner: 'jiguang-jcore' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'jpush' },
        { messageId: 'unnamedReadsPi', verdict: 'fail', owner: 'umeng-common' },
        { messageId: 'unnamedStartsEarly', verdict: 'fail', owner: 'umeng-analytics' },
      ],
    },
    {
      // FirebaseInitProvider starts Firebase with the process; the Weibo SDK is only called on login.
      fixture: 'sdk-starts',
      options: { policy: OMITS_ZH },
      expect: [
        { messageId: 'unnamed', verdict: 'warn', owner: 'weibo-sdk' },
        { messageId: 'unnamedStartsEarly', verdict: 'fail', at: "manifest:/manifest/application/provider[@android:name='com.google.firebase.provider.FirebaseInitProvider']", owner: 'firebase-core' },
      ],
    },
  ],
  // No SDK (clean); a policy that names every SDK of the demo app, in Chinese (Markdown) and English (HTML).
  silent: [
    { fixture: 'clean' },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.zh.md') } },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.en.html') } },
  ],
});
