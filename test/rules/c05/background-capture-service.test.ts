import check from '../../../rules/c05/background-capture-service.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // foregroundServiceType="location|mediaProjection": only mediaProjection captures.
      fixture: 'manifest-risky',
      expect: [
        {
          messageId: 'service',
          verdict: 'warn',
          at: "manifest:/manifest/application/service[@android:name='org.pledgeaudit.fixture.risky.TrackerService']/@android:foregroundServiceType",
          data: { name: 'org.pledgeaudit.fixture.risky.TrackerService', types: 'mediaProjection' },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
