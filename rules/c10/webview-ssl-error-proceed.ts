import { defineCheck } from '../../src/engine/check.js';
import { hasNoBranchIn, overridesOf } from '../../src/facts/method-shapes.js';
import { ownerKey } from '../../src/model/index.js';
import { overrideEvidence } from '../lib/override-evidence.js';

export default defineCheck({
  meta: {
    id: 'c10/webview-ssl-error-proceed',
    clause: 10,
    title: { en: 'WebView ignores TLS errors', zh: 'WebView 忽略 TLS 证书错误' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview_ignore_ssl. An onReceivedSslError override that calls SslErrorHandler.proceed() without a condition loads pages over broken or forged TLS.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_ignore_ssl。无条件调用 SslErrorHandler.proceed() 的 onReceivedSslError 会在证书无效或被伪造时继续加载页面。',
      },
      fix: {
        en: 'Call handler.cancel() (the default) in onReceivedSslError, or remove the override.',
        zh: '在 onReceivedSslError 中调用 handler.cancel()（默认行为），或删除该重写。',
      },
    },
  },
  messages: {
    proceed: {
      en: '{cls:class}.onReceivedSslError calls proceed() unconditionally ({owner:owner})',
      zh: '{cls:class}.onReceivedSslError 无条件调用 proceed()（{owner:owner}）',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    const proceedCallers = new Set(code.invokesOf('Landroid/webkit/SslErrorHandler;', 'proceed').map((s) => `${s.unit.entry}|${code.callerRef(s)}`));
    for (const o of overridesOf(facts, 'Landroid/webkit/WebViewClient;', 'onReceivedSslError')) {
      if (!proceedCallers.has(`${o.entry}|${o.method}`) || !hasNoBranchIn(facts, o)) continue;
      const ev = overrideEvidence(facts, o, 'SslErrorHandler.proceed()', { id: 'method-no-branch' });
      yield { messageId: 'proceed', verdict: 'fail', data: { cls: o.cls, owner: ownerKey(ev.owner) }, evidence: [ev] };
    }
  },
});
