import check from '../../../rules/c10/webview-javascript-interface.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    // minSdk 16: below 17 every public method is reachable from page scripts. The bridge of
    // com.jsmon.sdk stays silent: its anonymous Monitor$1 is created only by the uncalled
    // setJavascriptMonitor, and reflection by computed name creates no anonymous class.
    { fixture: 'code-risky', expect: [{ messageId: 'legacy', verdict: 'fail', at: 'dex:Lorg/pledgeaudit/fixture/code/web/Page;->setUp(Landroid/webkit/WebView;)V', data: { owner: 'app', minSdk: 16 } }] },
    { fixture: 'demo-shop', expect: [{ messageId: 'bridge', verdict: 'warn', at: 'dex:Lcom/example/shiguang/WebActivity;->onCreate(Landroid/os/Bundle;)V' }] },
  ],
  // code-safe exposes an interface but keeps JavaScript disabled.
  silent: [{ fixture: 'code-safe' }],
});
