import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const C = 'Lorg/pledgeaudit/fixture/code';
const APP_ONCREATE = `${D}${C}/App;->onCreate()V`;
const MAIN_ONCREATE = `${D}${C}/MainActivity;->onCreate(Landroid/os/Bundle;)V`;
const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const PANGLE_INIT = 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V';
const MAP_ONCREATE = `${D}Lorg/pledgeaudit/fixture/map/MapActivity;->onCreate(Landroid/os/Bundle;)V`;
const PER = 'Lorg/pledgeaudit/fixture/periodic';
const M = 'manifest:';
const APP = `${M}/manifest/application`;
const R = 'org.pledgeaudit.fixture.risky';
const perm = (name: string) => `${M}/manifest/uses-permission[@android:name='android.permission.${name}']`;
const comp = (kind: string, name: string) => `${APP}/${kind}[@android:name='${name}']`;

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
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
  'c02/background-location': {
    fires: [
      {
        fixture: 'manifest-risky',
        expect: [
          { messageId: 'permission', verdict: 'warn', at: perm('ACCESS_BACKGROUND_LOCATION') },
          { messageId: 'service', verdict: 'warn', at: `${comp('service', `${R}.TrackerService`)}/@android:foregroundServiceType` },
        ],
      },
      {
        // A fitness app tracks workouts in the background as its basic function.
        fixture: 'manifest-risky',
        options: { categories: ['运动健身类'] },
        expect: [
          { messageId: 'permission', verdict: 'review', at: perm('ACCESS_BACKGROUND_LOCATION') },
          { messageId: 'service', verdict: 'review', at: `${comp('service', `${R}.TrackerService`)}/@android:foregroundServiceType` },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
  },
  'c02/query-all-packages': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'queryAll', verdict: 'warn', at: perm('QUERY_ALL_PACKAGES') }] }],
    silent: [{ fixture: 'clean' }],
  },
  'c02/phone-number': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'permission', verdict: 'warn', at: perm('READ_PHONE_NUMBERS') }] }],
    silent: [{ fixture: 'clean' }],
  },
};
