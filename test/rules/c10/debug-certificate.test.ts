import check from '../../../rules/c10/debug-certificate.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'signing-debug', expect: [{ messageId: 'debug', verdict: 'fail', at: 'signing:v1', data: { scheme: 'v1', subject: 'C=US, O=Android, CN=Android Debug' } }] }],
  silent: [{ fixture: 'signing-v1-only' }, { fixture: 'clean' }],
});
