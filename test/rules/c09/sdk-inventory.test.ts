import check from '../../../rules/c09/sdk-inventory.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // AMap reads the location in its own code; JCore is seen by its native library only.
      fixture: 'sdk-mix',
      expect: [
        {
          messageId: 'sdks',
          verdict: 'review',
          at: 'dex:Lcom/amap/api/location/AMapLocation;',
          owner: 'amap-location',
          data: { count: 3, sdks: ['amap-location', 'jiguang-jcore', 'umeng-analytics'], categories: ['maps-location', 'push', 'analytics'], pi: ['LOCATION'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }],
});
