import check from '../../../rules/c09/undeclared-sdk.js';
import { testCheck } from '../../helpers/rule-tester.js';

const AMAP = 'dex:Lcom/amap/api/location/AMapLocation;';
const JCORE_DEMO = "manifest:/manifest/application/meta-data[@android:name='JPUSH_APPKEY']";
const JPUSH_DEMO = "manifest:/manifest/application/provider[@android:name='cn.jpush.android.service.InitProvider']";
const DEMO_ALL_DECLARED = [
  { name: '友盟+', package: 'com.umeng' },
  { name: '高德定位 SDK', package: 'com.amap.api.location' },
  { name: '极光 JCore', package: 'cn.jiguang' },
  { name: '极光推送', package: 'cn.jpush' },
];

testCheck(check, {
  fires: [
    {
      // The policy lists only Umeng: AMap and both Jiguang SDKs are undisclosed.
      fixture: 'demo-shop',
      options: { declaredSdks: [{ name: '友盟+', package: 'com.umeng' }] },
      expect: [
        { messageId: 'undeclared', verdict: 'warn', at: AMAP, owner: 'amap-location', data: { sdk: 'amap-location', packages: 'com.amap.api.fence, com.amap.api.location, com.aps …' } },
        { messageId: 'undeclared', verdict: 'warn', at: JCORE_DEMO, owner: 'jiguang-jcore' },
        { messageId: 'undeclared', verdict: 'warn', at: JPUSH_DEMO, owner: 'jpush' },
      ],
    },
    {
      // Prefixes match at name boundaries only: `com.ume` is not `com.umeng`, and Umeng
      // Analytics' package does not cover Umeng's common SDK.
      fixture: 'demo-shop',
      options: { declaredSdks: [{ name: '友盟统计', package: 'com.umeng.analytics' }, { name: 'x', package: 'com.ume' }, ...DEMO_ALL_DECLARED.slice(1)] },
      expect: [{ messageId: 'undeclared', verdict: 'warn', owner: 'umeng-common' }],
    },
    {
      // An empty list declares that the app has no third-party SDK at all.
      fixture: 'sdk-mix',
      options: { declaredSdks: [] },
      expect: [
        { messageId: 'undeclared', verdict: 'warn', at: AMAP, owner: 'amap-location' },
        { messageId: 'undeclared', verdict: 'warn', at: 'file:lib/arm64-v8a/libjcore_2.1.so', owner: 'jiguang-jcore' },
        { messageId: 'undeclared', verdict: 'warn', at: "manifest:/manifest/application/meta-data[@android:name='UMENG_APPKEY']", owner: 'umeng-analytics' },
      ],
    },
  ],
  silent: [
    // No declared list (no config): nothing to compare; c09/sdk-inventory asks a person to.
    { fixture: 'demo-shop' },
    { fixture: 'demo-shop', options: { declaredSdks: DEMO_ALL_DECLARED } },
    // A declared SDK that is not in the app is information, never a finding.
    { fixture: 'clean', options: { declaredSdks: [{ name: '友盟+', package: 'com.umeng' }] } },
  ],
});
