import check from '../../../rules/c05/sms-access.js';
import { testCheck } from '../../helpers/rule-tester.js';

const perm = (name: string) => `manifest:/manifest/uses-permission[@android:name='android.permission.${name}']`;
const RECEIVER = "manifest:/manifest/application/receiver[@android:name='org.pledgeaudit.fixture.risky.SmsReceiver']/intent-filter[1]";
const INBOX = 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->readInbox()V';
const SECURITY = { categories: ['安全管理类'] };

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        { messageId: 'permission', verdict: 'warn', at: perm('READ_SMS'), data: { permission: 'android.permission.READ_SMS' } },
        { messageId: 'permission', verdict: 'warn', at: perm('RECEIVE_SMS') },
        { messageId: 'receiver', verdict: 'warn', at: RECEIVER, data: { name: 'org.pledgeaudit.fixture.risky.SmsReceiver', action: 'android.provider.Telephony.SMS_RECEIVED' } },
      ],
    },
    {
      // A security app scans messages for fraud as its basic function: review, not warn.
      fixture: 'manifest-risky',
      options: SECURITY,
      expect: [
        { messageId: 'permissionSecurityApp', verdict: 'review', at: perm('READ_SMS') },
        { messageId: 'permissionSecurityApp', verdict: 'review', at: perm('RECEIVE_SMS') },
        { messageId: 'receiverSecurityApp', verdict: 'review', at: RECEIVER },
      ],
    },
    {
      // The app queries the SMS inbox (Telephony.Sms.CONTENT_URI).
      fixture: 'code-risky',
      expect: [{ messageId: 'code', verdict: 'warn', at: INBOX, owner: 'app', data: { owner: 'app', apis: ['Landroid/provider/Telephony$Sms;->CONTENT_URI'] } }],
    },
    { fixture: 'code-risky', options: SECURITY, expect: [{ messageId: 'codeSecurityApp', verdict: 'review', at: INBOX, owner: 'app' }] },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'clean', options: SECURITY }],
});
