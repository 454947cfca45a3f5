import check from '../../../rules/c09/sdk-consent-api-unused.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Umeng Analytics and Umeng Common share one gate, UMConfigure.preInit: one finding.
      fixture: 'code-risky',
      expect: [{ messageId: 'missing', verdict: 'warn', owner: 'umeng-analytics', data: { sdks: ['umeng-analytics', 'umeng-common'], api: ['Lcom/umeng/commonsdk/UMConfigure;->preInit'] } }],
    },
    {
      // The bundled AMap classes have no updatePrivacy* methods at all: an older SDK, so the fix is
      // an upgrade (review), not a call. The renamed Umeng (meta-data only) is not blamed.
      fixture: 'sdk-mix',
      expect: [
        {
          messageId: 'predatesSince',
          verdict: 'review',
          owner: 'amap-location',
          data: { sdks: ['amap-location'], api: ['Lcom/amap/api/location/AMapLocationClient;->updatePrivacyAgree', 'Lcom/amap/api/location/AMapLocationClient;->updatePrivacyShow'], since: '5.6.0' },
        },
      ],
    },
    {
      // Umeng never gated; the bundled JPush has no JCollectionAuth at all (older than the API).
      fixture: 'demo-shop',
      expect: [
        { messageId: 'missing', verdict: 'warn', at: 'dex:Lcom/umeng/analytics/MobclickAgent;', owner: 'umeng-analytics', data: { sdks: ['umeng-analytics', 'umeng-common'], api: ['Lcom/umeng/commonsdk/UMConfigure;->preInit'] } },
        {
          messageId: 'predates',
          verdict: 'review',
          at: "manifest:/manifest/application/provider[@android:name='cn.jpush.android.service.InitProvider']",
          owner: 'jpush',
          data: { sdks: ['jpush'], api: ['Lcn/jiguang/api/utils/JCollectionAuth;->setAuth'] },
        },
      ],
    },
    {
      // Getui's PushManager.preInit is bundled and never called; its name comes from samples.
      fixture: 'sdk-starts',
      expect: [
        {
          messageId: 'missingUnverified',
          verdict: 'warn',
          at: "manifest:/manifest/application/provider[@android:name='com.getui.gtc.base.GtcProvider']",
          owner: 'getui-push',
          data: { sdks: ['getui-push'], api: ['Lcom/igexin/sdk/PushManager;->preInit'] },
        },
      ],
    },
  ],
  // code-safe calls UMConfigure.preInit before init.
  silent: [{ fixture: 'code-safe' }],
});
