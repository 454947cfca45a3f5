import check from '../../../rules/c05/clipboard-listener.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [{ messageId: 'listen', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app', data: { owner: 'app' } }],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
});
