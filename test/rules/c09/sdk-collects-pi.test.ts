import check from '../../../rules/c09/sdk-collects-pi.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        { messageId: 'reads', verdict: 'warn', owner: 'pangle', data: { sdk: 'pangle', kinds: ['LOCATION', 'MICROPHONE', 'SMS'] } },
        { messageId: 'reads', verdict: 'warn', owner: 'umeng-common', data: { sdk: 'umeng-common', kinds: ['MAC'] } },
      ],
    },
    {
      fixture: 'sdk-mix',
      expect: [{ messageId: 'reads', verdict: 'warn', at: 'dex:Lcom/amap/api/location/AMapLocationClient;->startLocation()V', owner: 'amap-location', data: { sdk: 'amap-location', kinds: ['LOCATION'] } }],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
});
