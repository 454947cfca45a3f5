import check from '../../../rules/c08/complaint-channel.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // The bundled policy's e-mail and phone number come first, then the app's words.
      fixture: 'rights-complete',
      expect: [{ messageId: 'contact', verdict: 'review', at: 'file:assets/privacy.html', data: { channels: ['dpo@rights-complete.example.cn', '400-820-6606', 'quote:联系我们', 'quote:个人信息保护负责人', 'quote:投诉'] } }],
    },
    { fixture: 'demo-shop', expect: [{ messageId: 'contact', verdict: 'review', at: 'resource:string/settings_contact' }] },
    {
      fixture: 'rights-api-only',
      expect: [{ messageId: 'contact', verdict: 'review', at: "manifest:/manifest/application/activity[@android:name='org.pledgeaudit.fixture.rights.api.FeedbackActivity']", data: { channels: ['FeedbackActivity'] } }],
    },
    // A customer-service SDK (Umeng Feedback) is a channel too.
    { fixture: 'rights-share-only', expect: [{ messageId: 'contact', verdict: 'review', at: 'file:assets/privacy.html', data: { channels: ['privacy@rights-share.example.cn', 'sdk:umeng-feedback'] } }] },
    // Only a label: where it leads is a UI question.
    { fixture: 'rights-conditions', expect: [{ messageId: 'termsOnly', verdict: 'review', at: 'resource:string/feedback', data: { channels: ['quote:意见反馈'] } }] },
  ],
  silent: [{ fixture: 'rights-missing' }, { fixture: 'rights-remote' }, { fixture: 'rights-shell' }],
});
