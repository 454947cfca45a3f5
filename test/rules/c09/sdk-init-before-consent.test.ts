import check from '../../../rules/c09/sdk-init-before-consent.js';
import { testCheck } from '../../helpers/rule-tester.js';

const D = 'dex:';
const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const direct = (sdk: string, api: string, app: string) => ({ sdk, apis: [api], rootKind: 'application', root: `${app};->onCreate`, path: [`${app};->onCreate()V`] });

testCheck(check, {
  fires: [
    {
      fixture: 'consent-unsafe',
      // Umeng UMConfigure.init and Pangle TTAdSdk.init, both called by the app's onCreate.
      expect: [
        { messageId: 'direct', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app', path: [`${U}/App;->onCreate()V`], data: direct('pangle', 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init', `${U}/App`) },
        { messageId: 'direct', verdict: 'fail', at: `${D}${U}/App;->onCreate()V`, owner: 'app', path: [`${U}/App;->onCreate()V`], data: direct('umeng-common', 'Lcom/umeng/commonsdk/UMConfigure;->init', `${U}/App`) },
      ],
    },
    // JPush's own InitProvider starting JPush is c09/auto-init-provider's finding, not this one.
    {
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'direct',
          verdict: 'fail',
          at: `${D}Lcom/example/shiguang/ShopApplication;->onCreate()V`,
          owner: 'app',
          data: direct('umeng-common', 'Lcom/umeng/commonsdk/UMConfigure;->init', 'Lcom/example/shiguang/ShopApplication'),
        },
        {
          // JPush's own boot receiver starts JPush when the device boots, before the app is opened.
          messageId: 'reachable',
          verdict: 'warn',
          at: 'dex:Lcn/jpush/android/service/PushReceiver;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V',
          owner: 'jpush',
          data: {
            sdk: 'jpush',
            apis: ['Lcn/jpush/android/api/JPushInterface;->init'],
            rootKind: 'boot-receiver',
            root: 'Lcn/jpush/android/service/PushReceiver;->onReceive',
            path: ['Lcn/jpush/android/service/PushReceiver;->onReceive(Landroid/content/Context;Landroid/content/Intent;)V'],
          },
        },
      ],
    },
  ],
  // Umeng init behind the consent flag; JPush init after JCollectionAuth.setAuth.
  silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }, { fixture: 'sdk-starts' }],
});
