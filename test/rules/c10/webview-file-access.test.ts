import check from '../../../rules/c10/webview-file-access.js';
import { testCheck } from '../../helpers/rule-tester.js';

const PAGE = 'dex:Lorg/pledgeaudit/fixture/code/web/Page;->setUp(Landroid/webkit/WebView;)V';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE, data: { api: 'setAllowFileAccessFromFileURLs', owner: 'app' } },
        { messageId: 'fromFileUrls', verdict: 'warn', at: PAGE, data: { api: 'setAllowUniversalAccessFromFileURLs', owner: 'app' } },
        { messageId: 'fileWithJs', verdict: 'warn', at: PAGE },
      ],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
});
