import check from '../../../rules/c02/unused-dangerous-permission.js';
import { testCheck } from '../../helpers/rule-tester.js';

const AT = "manifest:/manifest/uses-permission[@android:name='android.permission.READ_CALENDAR']";

testCheck(check, {
  fires: [
    { fixture: 'code-risky', expect: [{ messageId: 'unused', verdict: 'warn', at: AT, data: { permission: 'android.permission.READ_CALENDAR' } }] },
    // Reflection or native code may use it, so only --strict makes it a failure.
    { fixture: 'code-risky', options: { strict: true }, expect: [{ messageId: 'unused', verdict: 'fail', at: AT }] },
  ],
  // code-safe requests CAMERA (Camera.open) and READ_CONTACTS (ContactsContract URI): both used.
  silent: [{ fixture: 'code-safe' }],
});
