import type { CheckCases } from '../helpers/rule-tester.js';

const D = 'dex:';
const C = 'Lorg/pledgeaudit/fixture/code';
const APP_ONCREATE = `${D}${C}/App;->onCreate()V`;
const MAIN_ONCREATE = `${D}${C}/MainActivity;->onCreate(Landroid/os/Bundle;)V`;
const PAGE = `${D}${C}/web/Page;->setUp(Landroid/webkit/WebView;)V`;
const CRYPTO_WEAK = `${D}${C}/crypto/Crypto;->weak()V`;
const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const PANGLE_INIT = 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V';
const MAP_ONCREATE = `${D}Lorg/pledgeaudit/fixture/map/MapActivity;->onCreate(Landroid/os/Bundle;)V`;
const PER = 'Lorg/pledgeaudit/fixture/periodic';
const ADS = `${D}Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;`;

/** Fire/silent cases of the DEX-evidence checks (fixtures/src/code-risky, code-safe, sdk-mix, demo-shop). */
export const CODE_CASES: Record<string, CheckCases> = {
  'c01/bulk-permission-request': {
    // Three groups from a static array built in <clinit>.
    fires: [{ fixture: 'permissions-bulk', expect: [{ messageId: 'bundle', verdict: 'warn', at: `${D}Lorg/pledgeaudit/fixture/permsbulk/MainActivity;->onCreate(Landroid/os/Bundle;)V`, owner: 'app' }] }],
    // One group on launch; two groups on a screen the user opened.
    silent: [{ fixture: 'permissions-single' }, { fixture: 'code-safe' }],
  },
  'c02/outside-necessary-set': {
    fires: [
      // Location is necessary for a map app only.
      { fixture: 'category-map', options: { categories: ['网上购物类'] }, expect: [{ messageId: 'outside', verdict: 'warn', at: MAP_ONCREATE, owner: 'app' }] },
      {
        fixture: 'consent-unsafe',
        options: { categories: ['新闻资讯类'] },
        expect: [
          { messageId: 'outside', verdict: 'warn', at: `${D}${U}/App;->onCreate()V`, owner: 'app' },
          { messageId: 'outside', verdict: 'warn', at: `${D}${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
          { messageId: 'outside', verdict: 'warn', at: `${D}${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
          { messageId: 'outside', verdict: 'warn', at: `${D}${PANGLE_INIT}`, owner: 'pangle' },
        ],
      },
      // No category: the reads are listed for review, never passed.
      { fixture: 'category-map', expect: [{ messageId: 'noCategory', verdict: 'review', at: MAP_ONCREATE }] },
      // 网络借贷类: the reference has no transcription of its necessary set.
      { fixture: 'category-map', options: { categories: ['网络借贷类'] }, expect: [{ messageId: 'unknownSet', verdict: 'review', at: MAP_ONCREATE }] },
    ],
    silent: [
      { fixture: 'category-map', options: { categories: ['地图导航类'] } },
      // The union of necessary sets: a map app that is also a news app may read location.
      { fixture: 'category-map', options: { categories: ['地图导航类', '新闻资讯类'] } },
      { fixture: 'clean', options: { categories: ['新闻资讯类'] } },
      { fixture: 'clean' },
    ],
  },
  'c02/periodic-collection': {
    fires: [
      {
        fixture: 'periodic',
        // The one-shot Timer task reading the IMEI is not reported.
        expect: [
          { messageId: 'loop', verdict: 'review', at: `${D}${PER}/LocationPoller;->run()V`, owner: 'app', path: [`${PER}/LocationPoller;->run()V`] },
          {
            messageId: 'loop',
            verdict: 'review',
            at: `${D}${PER}/DeviceIds;->androidId(Landroid/content/Context;)Ljava/lang/String;`,
            owner: 'app',
            path: [`${PER}/Heartbeat;->run()V`, `${PER}/DeviceIds;->androidId(Landroid/content/Context;)Ljava/lang/String;`],
          },
        ],
      },
    ],
    silent: [{ fixture: 'code-risky' }, { fixture: 'demo-shop' }, { fixture: 'clean' }],
  },
  'c02/startup-pi-in-no-pi-category': {
    fires: [
      {
        fixture: 'consent-unsafe',
        options: { categories: ['新闻资讯类'] },
        // First-party reads only: Pangle's location read is the outside-necessary-set warn.
        expect: [
          { messageId: 'startup', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app' },
          { messageId: 'startup', verdict: 'fail', at: `${D}${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
          { messageId: 'startup', verdict: 'fail', at: `${D}${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
        ],
      },
      { fixture: 'category-map', options: { categories: ['浏览器类'] }, expect: [{ messageId: 'startup', verdict: 'fail', at: MAP_ONCREATE, owner: 'app', path: [MAP_ONCREATE.slice(D.length)] }] },
    ],
    silent: [
      // Same reads behind the consent flag.
      { fixture: 'consent-safe', options: { categories: ['新闻资讯类'] } },
      // Not every chosen type is a no-PI type.
      { fixture: 'category-map', options: { categories: ['地图导航类', '浏览器类'] } },
      { fixture: 'consent-unsafe', options: { categories: ['网上购物类'] } },
      { fixture: 'consent-unsafe' },
    ],
  },
  'c02/collect-before-consent': {
    fires: [
      {
        fixture: 'consent-unsafe',
        expect: [
          // Directly in Application.onCreate, which has no branch at all.
          { messageId: 'direct', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app', path: [`${U}/App;->onCreate()V`] },
          // Two calls deep from a provider's onCreate.
          {
            messageId: 'reachable',
            verdict: 'warn',
            at: `${D}${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`,
            owner: 'app',
            path: [`${U}/StartupProvider;->onCreate()Z`, `${U}/Telemetry;->start(Landroid/content/Context;)V`, `${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`],
          },
          // invoke-interface Probe.probe resolved to its only implementation.
          {
            messageId: 'reachable',
            verdict: 'warn',
            at: `${D}${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`,
            owner: 'app',
            path: [`${U}/App;->onCreate()V`, `${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`],
          },
          // Inside the SDK the app initialises first thing.
          { messageId: 'reachable', verdict: 'warn', at: `${D}${PANGLE_INIT}`, owner: 'pangle', path: [`${U}/App;->onCreate()V`, PANGLE_INIT] },
        ],
      },
      {
        fixture: 'demo-shop',
        expect: [
          { messageId: 'direct', verdict: 'fail', at: `${D}Lcom/example/shiguang/ShopApplication;->onCreate()V`, owner: 'app' },
          { messageId: 'reachable', verdict: 'warn', at: `${D}Lcom/example/shiguang/analytics/DeviceProfile;->installedApps(Landroid/content/Context;)Ljava/util/List;`, owner: 'app' },
          { messageId: 'reachable', verdict: 'warn', at: `${D}Lcn/jpush/android/api/JPushInterface;->collectDevice(Landroid/content/Context;)V`, owner: 'jpush' },
          { messageId: 'reachable', verdict: 'warn', at: `${D}Lcom/umeng/commonsdk/statistics/common/DeviceConfig;->getMac(Landroid/content/Context;)Ljava/lang/String;`, owner: 'umeng-common' },
        ],
      },
    ],
    // The same reads behind a saved-consent branch, in the method itself and one call up.
    silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
  },
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
  'c02/immutable-identifiers': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          // Both reached from Application.onCreate with no gate (E2): fail.
          { messageId: 'readBeforeConsent', verdict: 'fail', at: APP_ONCREATE, owner: 'app' },
          { messageId: 'readBeforeConsent', verdict: 'fail', at: `${D}Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;)V`, owner: 'umeng-common' },
        ],
      },
      {
        fixture: 'sdk-mix',
        expect: [
          { messageId: 'readBeforeConsent', verdict: 'fail', at: `${D}Lorg/pledgeaudit/fixture/sdkmix/MainActivity;->onCreate(Landroid/os/Bundle;)V`, owner: 'app' },
          // Not reachable from a startup root: the plain warn.
          { messageId: 'read', verdict: 'warn', at: `${D}La/a/b;->a(Landroid/net/wifi/WifiInfo;)Ljava/lang/String;`, owner: 'unknown' },
        ],
      },
      // IMEI and MAC behind the consent flag: read, but not before consent.
      { fixture: 'consent-safe', expect: [{ messageId: 'read', verdict: 'warn', owner: 'app' }] },
    ],
    silent: [{ fixture: 'code-safe' }, { fixture: 'clean' }],
  },
  'c02/installed-app-list': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'read', verdict: 'warn', at: APP_ONCREATE, owner: 'app' }] },
      // An app store needs the list for its basic function.
      { fixture: 'code-risky', options: { categories: ['应用商店类'] }, expect: [{ messageId: 'readByStore', verdict: 'review', at: APP_ONCREATE, owner: 'app' }] },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c02/unused-dangerous-permission': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'unused', verdict: 'warn', at: "manifest:/manifest/uses-permission[@android:name='android.permission.READ_CALENDAR']" }] }],
    // code-safe requests CAMERA (Camera.open) and READ_CONTACTS (ContactsContract URI): both used.
    silent: [{ fixture: 'code-safe' }],
  },
  'c02/clipboard-on-launch': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'launch', verdict: 'warn', at: MAIN_ONCREATE, owner: 'app' }] }],
    // code-safe reads the clipboard in a paste handler of a non-launcher activity.
    silent: [{ fixture: 'code-safe' }],
  },
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
  'c05/clipboard-listener': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'listen', verdict: 'warn', at: MAIN_ONCREATE, owner: 'app' }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c05/monitoring-api-in-ads-sdk': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'sdk', verdict: 'warn', at: `${ADS}->record(Landroid/media/AudioRecord;)V`, owner: 'pangle' }] },
      { fixture: 'code-risky', options: { strict: true }, expect: [{ messageId: 'sdk', verdict: 'fail', owner: 'pangle' }] },
    ],
    silent: [{ fixture: 'code-safe' }],
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
  'c10/trust-all-certificates': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [{ messageId: 'trustAll', verdict: 'fail', at: `${D}${C}/net/TrustAll;->checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V`, owner: 'app' }],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/hostname-verifier': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'alwaysTrue', verdict: 'fail', at: `${D}${C}/net/AnyHost;->verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z` },
          { messageId: 'allowAll', verdict: 'fail', at: `${D}${C}/net/AnyHost;->legacy()Ljava/lang/Object;` },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-ssl-error-proceed': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [{ messageId: 'proceed', verdict: 'fail', at: `${D}${C}/web/Client;->onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V` }],
      },
    ],
    // code-safe proceeds only on one branch and cancels otherwise.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-javascript-interface': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'legacy', verdict: 'fail', at: PAGE }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'bridge', verdict: 'warn', at: `${D}Lcom/example/shiguang/WebActivity;->onCreate(Landroid/os/Bundle;)V` }] },
    ],
    // code-safe exposes an interface but keeps JavaScript disabled.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-file-access': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE },
          { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE },
          { messageId: 'fileWithJs', verdict: 'warn', at: PAGE },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/webview-debugging': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'debugging', verdict: 'warn', at: PAGE },
          { messageId: 'mixed', verdict: 'warn', at: PAGE },
        ],
      },
    ],
    // code-safe enables debugging only behind a flag and uses mixed-content mode 1.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/weak-crypto': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'broken', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'ecb', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'rsaNoOaep', verdict: 'warn', at: CRYPTO_WEAK },
          { messageId: 'digest', verdict: 'warn', at: CRYPTO_WEAK },
        ],
      },
    ],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/hardcoded-key': {
    fires: [
      {
        fixture: 'code-risky',
        expect: [
          { messageId: 'key', verdict: 'warn', at: `${D}${C}/crypto/Crypto;->keys()V` },
          { messageId: 'key', verdict: 'warn', at: `${D}${C}/crypto/Crypto;->keys()V` },
        ],
      },
    ],
    // code-safe builds its key from a parameter.
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/world-readable-files': {
    fires: [{ fixture: 'code-risky', expect: [{ messageId: 'world', verdict: 'fail', at: MAIN_ONCREATE }] }],
    silent: [{ fixture: 'code-safe' }],
  },
  'c10/pi-logged': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'logged', verdict: 'warn', at: APP_ONCREATE, owner: 'app' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'logged', verdict: 'warn', at: `${D}Lcom/example/shiguang/ShopApplication;->onCreate()V` }] },
    ],
    // sdk-mix reads an IMEI but never logs it.
    silent: [{ fixture: 'code-safe' }, { fixture: 'sdk-mix' }],
  },
};

const NSC = 'file:res/xml/network_security_config.xml';

/** Fire/silent cases of the network security config, signing and key-material checks. */
export const TLS_CASES: Record<string, CheckCases> = {
  'c10/trusts-user-certificates': {
    fires: [
      {
        fixture: 'tls-weak',
        expect: [
          { messageId: 'user', verdict: 'warn', at: NSC },
          { messageId: 'overridePins', verdict: 'warn', at: NSC },
        ],
      },
    ],
    // nsc-domain-cleartext trusts user CAs only inside <debug-overrides>.
    silent: [{ fixture: 'nsc-domain-cleartext' }, { fixture: 'clean' }],
  },
  'c10/v1-signature-only': {
    fires: [{ fixture: 'signing-v1-only', expect: [{ messageId: 'janus', verdict: 'fail', at: 'signing:v1' }] }],
    // The same app signed v1+v2+v3.
    silent: [{ fixture: 'signing-debug' }, { fixture: 'clean' }],
  },
  'c10/debug-certificate': {
    fires: [{ fixture: 'signing-debug', expect: [{ messageId: 'debug', verdict: 'fail', at: 'signing:v1' }] }],
    silent: [{ fixture: 'signing-v1-only' }, { fixture: 'clean' }],
  },
  'c10/private-key-in-apk': {
    fires: [
      {
        fixture: 'tls-weak',
        expect: [
          { messageId: 'pem', verdict: 'fail', at: 'file:assets/certs/client_key.txt' },
          { messageId: 'file', verdict: 'fail', at: 'file:assets/certs/client.p12' },
        ],
      },
    ],
    // tls-weak's res/raw/corp_ca.pem is a public CA certificate, not a key: it is not reported.
    silent: [{ fixture: 'clean' }, { fixture: 'nsc-domain-cleartext' }],
  },
};
