import check from '../../../rules/c05/accessibility-service.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SERVICE = "manifest:/manifest/application/service[@android:name='org.pledgeaudit.fixture.risky.ScreenReader']";

testCheck(check, {
  fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'declared', verdict: 'warn', at: `${SERVICE}/@android:permission`, data: { name: 'org.pledgeaudit.fixture.risky.ScreenReader' } }] }],
  silent: [{ fixture: 'clean' }],
});
