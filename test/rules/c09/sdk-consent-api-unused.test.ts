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
      // AMap's privacy gate is never called (its API names are not confirmed by the vendor's
      // docs); the renamed Umeng (meta-data only) is not blamed.
      fixture: 'sdk-mix',
      expect: [
        {
          messageId: 'missingUnverified',
          verdict: 'warn',
          owner: 'amap-location',
          data: { sdks: ['amap-location'], api: ['Lcom/amap/api/location/AMapLocationClient;->updatePrivacyAgree', 'Lcom/amap/api/location/AMapLocationClient;->updatePrivacyShow'] },
        },
      ],
    },
  ],
  // code-safe calls UMConfigure.preInit before init.
  silent: [{ fixture: 'code-safe' }],
});
