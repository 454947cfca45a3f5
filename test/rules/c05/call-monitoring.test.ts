import check from '../../../rules/c05/call-monitoring.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // No DEX at all: the permission is a question, the receiver a fact of the manifest.
      fixture: 'manifest-risky',
      expect: [
        {
          messageId: 'receiver',
          verdict: 'warn',
          at: "manifest:/manifest/application/receiver[@android:name='org.pledgeaudit.fixture.risky.CallReceiver']/intent-filter[1]",
          data: { name: 'org.pledgeaudit.fixture.risky.CallReceiver', action: 'android.intent.action.PHONE_STATE' },
        },
        { messageId: 'permissionNoCode', verdict: 'review', at: "manifest:/manifest/uses-permission[@android:name='android.permission.READ_CALL_LOG']", data: { permission: 'android.permission.READ_CALL_LOG' } },
      ],
    },
    {
      // listen(0x20) in onCreate is call state; listen(view.getId()) in watch() cannot be decoded.
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'code',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->onCreate(Landroid/os/Bundle;)V',
          owner: 'app',
          data: { owner: 'app', apis: ['Landroid/telephony/TelephonyManager;->listen(0x20)'] },
        },
        {
          messageId: 'listenFlags',
          verdict: 'review',
          at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->watch(Landroid/view/View;)V',
          owner: 'app',
          data: { owner: 'app', apis: ['Landroid/telephony/TelephonyManager;->listen'] },
        },
      ],
    },
  ],
  // demo-shop requests no call permission; clean has no code and no call permission.
  silent: [{ fixture: 'clean' }, { fixture: 'code-safe' }],
});
