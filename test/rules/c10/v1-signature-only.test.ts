import check from '../../../rules/c10/v1-signature-only.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'signing-v1-only', expect: [{ messageId: 'janus', verdict: 'fail', at: 'signing:v1', data: { minSdk: 21 } }] }],
  // The same app signed v1+v2+v3.
  silent: [{ fixture: 'signing-debug' }, { fixture: 'clean' }],
});
