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
  ],
  // code-safe calls UMConfigure.preInit before init.
  silent: [{ fixture: 'code-safe' }],
});
