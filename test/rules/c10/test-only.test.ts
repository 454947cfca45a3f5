import check from '../../../rules/c10/test-only.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'testOnly', verdict: 'fail', at: 'manifest:/manifest/application/@android:testOnly' }] }],
  silent: [{ fixture: 'clean' }],
});
