import check from '../../../rules/c10/webview-debugging.js';
import { testCheck } from '../../helpers/rule-tester.js';

const PAGE = 'dex:Lorg/pledgeaudit/fixture/code/web/Page;->setUp(Landroid/webkit/WebView;)V';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        { messageId: 'debugging', verdict: 'warn', at: PAGE },
        { messageId: 'mixed', verdict: 'warn', at: PAGE },
      ],
    },
  ],
  // code-safe enables debugging only behind a flag and uses mixed-content mode 1.
  silent: [{ fixture: 'code-safe' }],
});
