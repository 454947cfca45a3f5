import check from '../../../rules/c05/input-method.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SERVICE = "manifest:/manifest/application/service[@android:name='org.pledgeaudit.fixture.risky.Keyboard']";

testCheck(check, {
  // An input method service in an app that requests INTERNET.
  fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'ime', verdict: 'review', at: `${SERVICE}/@android:permission`, data: { name: 'org.pledgeaudit.fixture.risky.Keyboard' } }] }],
  silent: [{ fixture: 'clean' }],
});
