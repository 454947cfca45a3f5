import check from '../../../rules/c05/call-monitoring.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        { messageId: 'permission', verdict: 'warn', at: "manifest:/manifest/uses-permission[@android:name='android.permission.READ_CALL_LOG']", data: { permission: 'android.permission.READ_CALL_LOG' } },
        {
          messageId: 'receiver',
          verdict: 'warn',
          at: "manifest:/manifest/application/receiver[@android:name='org.pledgeaudit.fixture.risky.CallReceiver']/intent-filter[1]",
          data: { name: 'org.pledgeaudit.fixture.risky.CallReceiver', action: 'android.intent.action.PHONE_STATE' },
        },
      ],
    },
    {
      // The app registers a PhoneStateListener (TelephonyManager.listen).
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'code',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->onCreate(Landroid/os/Bundle;)V',
          owner: 'app',
          data: { owner: 'app', apis: ['Landroid/telephony/TelephonyManager;->listen(0x20)'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }],
});
