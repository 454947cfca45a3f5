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
      ],
    },
  ],
  // Umeng init behind the consent flag; JPush init after JCollectionAuth.setAuth.
  silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
  unexercised: {
    reachable:
      'no fixture initialises an SDK through a helper method called from a startup root without a consent gate: every ungated SDK init in the fixtures sits directly in Application.onCreate (direct), and the indirect ones (consent-safe) are gated',
  },
});
