import check from '../../../rules/c08/no-complaint-channel.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SOURCES = 'textSourcesFull';

testCheck(check, {
  fires: [
    { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message', data: { sources: SOURCES } }] },
    { fixture: 'rights-remote', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message' }] },
    {
      fixture: 'rights-shell',
      expect: [
        {
          messageId: 'blind',
          verdict: 'review',
          at: 'manifest:/manifest/application',
          data: { sources: SOURCES, activity: 'org.pledgeaudit.fixture.rights.shell.MainActivity', url: 'https://m.rights-shell.example.cn/', why: 'webview-shell' },
        },
      ],
    },
  ],
  // E-mail and phone in the bundled policy (rights-complete), 意见反馈 (rights-conditions), a
  // FeedbackActivity (rights-api-only), 联系我们 with an e-mail (demo-shop), no PI (coverage-shell).
  silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-conditions' }, { fixture: 'rights-api-only' }, { fixture: 'demo-shop' }, { fixture: 'coverage-shell' }],
});
