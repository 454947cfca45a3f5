import check from '../../../rules/c10/world-readable-files.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [{ fixture: 'code-risky', expect: [{ messageId: 'world', verdict: 'fail', at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->onCreate(Landroid/os/Bundle;)V', data: { apis: ['openFileOutput(…, 2)', 'getSharedPreferences(…, 1)'], owner: 'app' } }] }],
  silent: [{ fixture: 'code-safe' }],
});
