import check from '../../../rules/c02/immutable-identifiers.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        // Both reached from Application.onCreate with no gate (E2): fail.
        { messageId: 'readBeforeConsent', verdict: 'fail', at: 'dex:Lorg/pledgeaudit/fixture/code/App;->onCreate()V', owner: 'app', data: { owner: 'app', kinds: ['IMEI'] } },
        {
          messageId: 'readBeforeConsent',
          verdict: 'fail',
          at: 'dex:Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;)V',
          owner: 'umeng-common',
          data: { owner: 'sdk:umeng-common', kinds: ['MAC'] },
        },
      ],
    },
    {
      fixture: 'sdk-mix',
      expect: [
        { messageId: 'readBeforeConsent', verdict: 'fail', at: 'dex:Lorg/pledgeaudit/fixture/sdkmix/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app' },
        // Not reachable from a startup root: the plain warn, held by renamed code nobody can be named for.
        { messageId: 'read', verdict: 'warn', at: 'dex:La/a/b;->a(Landroid/net/wifi/WifiInfo;)Ljava/lang/String;', owner: 'unknown', data: { owner: 'unknown:a.a', kinds: ['MAC'] } },
        // A look-alike of Umeng's package is neither Umeng nor the app: unidentified code, named by its package.
        { messageId: 'read', verdict: 'warn', at: 'dex:Lcom/umengx/Tracker;->subscriber(Landroid/telephony/TelephonyManager;)Ljava/lang/String;', owner: 'unknown', data: { owner: 'unknown:com.umengx', kinds: ['IMSI'] } },
        // Under AutoNavi's namespace, outside every catalogued AMap SDK: the vendor's code, not the app's.
        { messageId: 'read', verdict: 'warn', at: 'dex:Lcom/amap/apiextra/location/Helper;->serial()Ljava/lang/String;', owner: 'vendor', data: { owner: 'vendor:amap:com.amap.apiextra.location', kinds: ['SERIAL'] } },
      ],
    },
    // Only the plugin a computed-name load may create reads anything; the reads in classes no load
    // admits (outside the cast, "$Stub" lookups, a Dialog, a self-created listener) are dead.
    {
      fixture: 'reflection-liveness',
      expect: [{ messageId: 'readBeforeConsent', verdict: 'fail', at: 'dex:Lcom/plugkit/DevicePlugin;->start(Landroid/content/Context;)V', owner: 'app', data: { owner: 'app', kinds: ['IMEI'] } }],
    },
    // IMEI and MAC behind the consent flag: read, but not before consent.
    { fixture: 'consent-safe', expect: [{ messageId: 'read', verdict: 'warn', owner: 'app', data: { owner: 'app', kinds: ['IMEI', 'MAC'] } }] },
  ],
  // code-safe's SerialInfo reads Build.SERIAL in methods nothing calls; "getSerial" is quoted only
  // inside them, so no reflection reaches them: dead code, no finding.
  silent: [{ fixture: 'code-safe' }, { fixture: 'clean' }],
});
