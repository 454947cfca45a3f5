import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const AMAP = 'dex:Lcom/amap/api/location/AMapLocation;';
const JCORE_DEMO = "manifest:/manifest/application/meta-data[@android:name='JPUSH_APPKEY']";
const JPUSH_DEMO = "manifest:/manifest/application/provider[@android:name='cn.jpush.android.service.InitProvider']";
const DEMO_ALL_DECLARED = [
  { name: '友盟+', package: 'com.umeng' },
  { name: '高德定位 SDK', package: 'com.amap.api.location' },
  { name: '极光 JCore', package: 'cn.jiguang' },
  { name: '极光推送', package: 'cn.jpush' },
];
const M = 'manifest:';
const APP = `${M}/manifest/application`;
const R = 'org.pledgeaudit.fixture.risky';
const comp = (kind: string, name: string) => `${APP}/${kind}[@android:name='${name}']`;

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c09/sdk-init-before-consent': {
    fires: [
      {
        fixture: 'consent-unsafe',
        // Umeng UMConfigure.init and Pangle TTAdSdk.init, both called by the app's onCreate.
        expect: [
          { messageId: 'direct', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app', path: [`${U}/App;->onCreate()V`] },
          { messageId: 'direct', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app', path: [`${U}/App;->onCreate()V`] },
        ],
      },
      // JPush's own InitProvider starting JPush is c09/auto-init-provider's finding, not this one.
      { fixture: 'demo-shop', expect: [{ messageId: 'direct', verdict: 'fail', at: `${D}Lcom/example/shiguang/ShopApplication;->onCreate()V`, owner: 'app' }] },
    ],
    // Umeng init behind the consent flag; JPush init after JCollectionAuth.setAuth.
    silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
  },
  'c09/sdk-inventory': {
    fires: [{ fixture: 'sdk-mix', expect: [{ messageId: 'sdks', verdict: 'review' }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c09/sdk-consent-api-unused': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'missing', verdict: 'warn', owner: 'umeng-analytics' }] },
      // AMap's privacy gate is never called; the renamed Umeng (meta-data only) is not blamed.
      { fixture: 'sdk-mix', expect: [{ messageId: 'missing', verdict: 'warn', owner: 'amap-location' }] },
    ],
    // code-safe calls UMConfigure.preInit before init.
    silent: [{ fixture: 'code-safe' }],
  },
  'c09/sdk-collects-pi': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'reads', verdict: 'warn', owner: 'pangle' },
          { messageId: 'reads', verdict: 'warn', owner: 'umeng-common' },
        ],
      },
      { fixture: 'sdk-mix', expect: [{ messageId: 'reads', verdict: 'warn', at: `${D}Lcom/amap/api/location/AMapLocationClient;->startLocation()V`, owner: 'amap-location' }] },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c09/dynamic-code-loading': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'loads', verdict: 'review', owner: 'app' }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c09/auto-init-provider': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'provider', verdict: 'warn', at: comp('provider', 'cn.jpush.android.service.InitProvider'), owner: 'jpush' },
          {
            messageId: 'initializer',
            verdict: 'warn',
            at: `${comp('provider', 'androidx.startup.InitializationProvider')}/meta-data[@android:name='com.umeng.commonsdk.UMInitializer']`,
            owner: 'umeng-common',
          },
        ],
      },
    ],
    // manifest-protected registers Sentry's provider but sets io.sentry.auto-init=false.
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c09/self-start-receiver': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'receiver', verdict: 'warn', at: comp('receiver', `${R}.BootReceiver`) }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
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
  'c09/undeclared-sdk': {
    fires: [
      {
        // The policy lists only Umeng: AMap and both Jiguang SDKs are undisclosed.
        fixture: 'demo-shop',
        options: { declaredSdks: [{ name: '友盟+', package: 'com.umeng' }] },
        expect: [
          { messageId: 'undeclared', verdict: 'warn', at: AMAP, owner: 'amap-location' },
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
  },
};
