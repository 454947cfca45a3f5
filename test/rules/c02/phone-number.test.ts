import check from '../../../rules/c02/phone-number.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    { fixture: 'manifest-risky', expect: [{ messageId: 'permission', verdict: 'warn', at: "manifest:/manifest/uses-permission[@android:name='android.permission.READ_PHONE_NUMBERS']" }] },
    // getLine1Number in Application.onCreate, without READ_PHONE_NUMBERS in the manifest.
    { fixture: 'code-risky', expect: [{ messageId: 'api', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/code/App;->onCreate()V', owner: 'app', data: { owner: 'app' } }] },
  ],
  silent: [{ fixture: 'clean' }],
});
