import check from '../../../rules/c02/collect-before-consent.js';
import { testCheck } from '../../helpers/rule-tester.js';

const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const PANGLE_INIT = 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V';

testCheck(check, {
  fires: [
    {
      fixture: 'consent-unsafe',
      expect: [
        // Directly in Application.onCreate, which has no branch at all.
        {
          messageId: 'direct',
          verdict: 'fail',
          at: `dex:${U}/App;->onCreate()V`,
          owner: 'app',
          path: [`${U}/App;->onCreate()V`],
          data: { kinds: ['IMEI'], count: 1, rootKind: 'application', root: `${U}/App;->onCreate`, owner: 'app' },
        },
        // Two calls deep from a provider's onCreate.
        {
          messageId: 'reachable',
          verdict: 'warn',
          at: `dex:${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`,
          owner: 'app',
          path: [`${U}/StartupProvider;->onCreate()Z`, `${U}/Telemetry;->start(Landroid/content/Context;)V`, `${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`],
          data: {
            kinds: ['ANDROID_ID'],
            count: 1,
            rootKind: 'provider',
            root: `${U}/StartupProvider;->onCreate`,
            owner: 'app',
            path: [`${U}/StartupProvider;->onCreate()Z`, `${U}/Telemetry;->start(Landroid/content/Context;)V`, `${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`],
          },
        },
        // invoke-interface Probe.probe resolved to its only implementation.
        {
          messageId: 'reachable',
          verdict: 'warn',
          at: `dex:${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`,
          owner: 'app',
          path: [`${U}/App;->onCreate()V`, `${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`],
        },
        // Inside the SDK the app initialises first thing: the SDK is named as the owner.
        {
          messageId: 'reachable',
          verdict: 'warn',
          at: `dex:${PANGLE_INIT}`,
          owner: 'pangle',
          path: [`${U}/App;->onCreate()V`, PANGLE_INIT],
          data: { kinds: ['LOCATION'], count: 1, rootKind: 'application', root: `${U}/App;->onCreate`, owner: 'sdk:pangle', path: [`${U}/App;->onCreate()V`, PANGLE_INIT] },
        },
      ],
    },
    {
      fixture: 'demo-shop',
      expect: [
        { messageId: 'direct', verdict: 'fail', at: 'dex:Lcom/example/shiguang/ShopApplication;->onCreate()V', owner: 'app' },
        { messageId: 'reachable', verdict: 'warn', at: 'dex:Lcom/example/shiguang/analytics/DeviceProfile;->installedApps(Landroid/content/Context;)Ljava/util/List;', owner: 'app' },
        { messageId: 'reachable', verdict: 'warn', at: 'dex:Lcn/jpush/android/api/JPushInterface;->collectDevice(Landroid/content/Context;)V', owner: 'jpush' },
        { messageId: 'reachable', verdict: 'warn', at: 'dex:Lcom/umeng/commonsdk/statistics/common/DeviceConfig;->getMac(Landroid/content/Context;)Ljava/lang/String;', owner: 'umeng-common' },
      ],
    },
  ],
  // The same reads behind a saved-consent branch, in the method itself and one call up.
  silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
});
