import check from '../../../rules/c06/no-pi-lists.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SOURCES = 'textSourcesFull';
const BOTH = ['piList:collection', 'piList:sharing'];

testCheck(check, {
  fires: [
    { fixture: 'rights-missing', expect: [{ messageId: 'missing', verdict: 'warn', at: 'resource:string/privacy_message', data: { lists: BOTH, sources: SOURCES } }] },
    // Anchored at the bundled policy, where the lists belong.
    { fixture: 'rights-share-only', expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:assets/privacy.html' }] },
    { fixture: 'demo-shop', expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:res/layout/activity_splash.xml' }] },
    // The policy names the third-party SDK list only: the collection list is missing.
    { fixture: 'policy-sdks', expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:assets/privacy.html', data: { lists: ['piList:collection'], sources: SOURCES } }] },
    {
      fixture: 'rights-shell',
      expect: [
        {
          messageId: 'blind',
          verdict: 'review',
          at: 'manifest:/manifest/application',
          data: { lists: BOTH, sources: SOURCES, activity: 'org.pledgeaudit.fixture.rights.shell.MainActivity', url: 'https://m.rights-shell.example.cn/', why: 'webview-shell' },
        },
      ],
    },
  ],
  // Both lists (rights-complete); no personal information handled (coverage-shell).
  silent: [{ fixture: 'rights-complete' }, { fixture: 'coverage-shell' }],
});
