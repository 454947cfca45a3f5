import check from '../../../rules/c09/sdk-not-in-policy.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // The bundled policy names 友盟 and 极光推送, not 高德.
      fixture: 'policy-sdks',
      expect: [
        {
          messageId: 'unnamed',
          verdict: 'warn',
          at: 'dex:Lcom/amap/api/location/AMapLocationClient;',
          owner: 'amap-location',
          data: { sdk: 'amap-location', entry: 'assets/privacy.html', names: ['amaplocationsdk', '高德定位', 'autonavi', '高德'] },
        },
      ],
    },
    {
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'remote',
          verdict: 'review',
          at: 'resource:string/privacy_url',
          data: { url: 'http://www.example.com/shiguang/privacy.html', sdks: ['amap-location', 'jiguang-jcore', 'jpush', 'umeng-analytics', 'umeng-common'] },
        },
      ],
    },
  ],
  // No SDK (clean); SDKs but no policy at all, which is c01's failure (consent-unsafe).
  silent: [{ fixture: 'clean' }, { fixture: 'consent-unsafe' }],
});
