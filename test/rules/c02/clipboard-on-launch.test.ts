import check from '../../../rules/c02/clipboard-on-launch.js';
import { testCheck } from '../../helpers/rule-tester.js';

const MAIN_ONCREATE = 'Lorg/pledgeaudit/fixture/code/MainActivity;->onCreate(Landroid/os/Bundle;)V';

testCheck(check, {
  // The listener MainActivity registers in the same method reads nothing and is not reported.
  fires: [{ fixture: 'code-risky', expect: [{ messageId: 'launch', verdict: 'warn', at: `dex:${MAIN_ONCREATE}`, owner: 'app', data: { method: MAIN_ONCREATE, owner: 'app' } }] }],
  // code-safe reads the clipboard in a paste handler of a non-launcher activity.
  silent: [{ fixture: 'code-safe' }],
});
