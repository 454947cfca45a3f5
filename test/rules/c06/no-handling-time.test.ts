import check from '../../../rules/c06/no-handling-time.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    // "签收后15日内可申请退货" is a return window, not a commitment to answer requests.
    { fixture: 'rights-missing', expect: [{ messageId: 'missing', verdict: 'review', at: 'resource:string/privacy_message', data: { sources: 'textSourcesFull' } }] },
    // Anchored at the bundled agreement, where the commitment belongs.
    { fixture: 'rights-conditions', expect: [{ messageId: 'missing', verdict: 'review', at: 'file:assets/agreement.html' }] },
    { fixture: 'rights-shell', expect: [{ messageId: 'missing', verdict: 'review', at: 'manifest:/manifest/application' }] },
  ],
  // 15个工作日 in a bundled policy (rights-complete, rights-share-only); no PI (coverage-shell).
  silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-share-only' }, { fixture: 'coverage-shell' }],
});
