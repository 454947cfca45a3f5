import check from '../../../rules/c10/debuggable.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'debuggable', verdict: 'fail', at: 'manifest:/manifest/application/@android:debuggable' }] }],
  silent: [{ fixture: 'clean' }],
});
