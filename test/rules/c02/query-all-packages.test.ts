import check from '../../../rules/c02/query-all-packages.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'queryAll', verdict: 'warn', at: "manifest:/manifest/uses-permission[@android:name='android.permission.QUERY_ALL_PACKAGES']" }] }],
  silent: [{ fixture: 'clean' }],
});
