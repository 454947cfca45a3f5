import check from '../../../rules/c10/webview-ssl-error-proceed.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'proceed',
          verdict: 'fail',
          at: 'dex:Lorg/pledgeaudit/fixture/code/web/Client;->onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V',
          data: { cls: 'Lorg/pledgeaudit/fixture/code/web/Client;', owner: 'app' },
        },
      ],
    },
  ],
  // code-safe proceeds only on one branch and cancels otherwise.
  silent: [{ fixture: 'code-safe' }],
});
