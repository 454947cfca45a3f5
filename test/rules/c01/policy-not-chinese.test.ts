import check from '../../../rules/c01/policy-not-chinese.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    // English and Traditional Chinese resources only.
    { fixture: 'policy-english', expect: [{ messageId: 'only', verdict: 'warn', at: 'resource:string/privacy_message', data: { terms: ['privacy policy', '隱私政策'] } }] },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'demo-shop' }, { fixture: 'code-risky' }],
});
