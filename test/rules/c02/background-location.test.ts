import check from '../../../rules/c02/background-location.js';
import { testCheck } from '../../helpers/rule-tester.js';

const PERMISSION = "manifest:/manifest/uses-permission[@android:name='android.permission.ACCESS_BACKGROUND_LOCATION']";
const TRACKER = 'org.pledgeaudit.fixture.risky.TrackerService';
const SERVICE = `manifest:/manifest/application/service[@android:name='${TRACKER}']/@android:foregroundServiceType`;

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        { messageId: 'permission', verdict: 'warn', at: PERMISSION },
        { messageId: 'service', verdict: 'warn', at: SERVICE, data: { service: TRACKER } },
      ],
    },
    {
      // A fitness app tracks workouts in the background as its basic function.
      fixture: 'manifest-risky',
      options: { categories: ['运动健身类'] },
      expect: [
        { messageId: 'permission', verdict: 'review', at: PERMISSION },
        { messageId: 'service', verdict: 'review', at: SERVICE },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
