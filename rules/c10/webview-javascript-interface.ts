import { defineCheck } from '../../src/engine/check.js';
import type { CodeSite } from '../../src/facts/code.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { javaScriptEnabledSites } from '../lib/const-args.js';

export default defineCheck({
  meta: {
    id: 'c10/webview-javascript-interface',
    clause: 10,
    title: { en: 'WebView exposes Java objects to JavaScript', zh: 'WebView 向 JavaScript 暴露 Java 对象' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview. With JavaScript enabled, addJavascriptInterface lets page scripts call into the app; below API 17 any public method is reachable through reflection (remote code execution), above it any @JavascriptInterface method is exposed to every page the WebView loads.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview。启用 JavaScript 后，addJavascriptInterface 使网页脚本可调用应用代码；API 17 以下可借反射执行任意代码，以上版本也会把 @JavascriptInterface 方法暴露给 WebView 加载的所有页面。',
      },
      fix: {
        en: 'Load only your own HTTPS pages in WebViews that have a JavaScript interface, expose the minimum, and set minSdkVersion ≥ 17.',
        zh: '仅在加载自有 HTTPS 页面的 WebView 中使用 JavaScript 接口，只暴露必要方法，并将 minSdkVersion 设为 17 以上。',
      },
    },
  },
  messages: {
    legacy: {
      en: 'addJavascriptInterface with JavaScript enabled and minSdk {minSdk} < 17 ({owner:owner}): pages can run arbitrary code in the app',
      zh: '启用 JavaScript 且 minSdk {minSdk} < 17 时调用 addJavascriptInterface（{owner:owner}）：网页可在应用内执行任意代码',
    },
    bridge: {
      en: 'addJavascriptInterface with JavaScript enabled ({owner:owner}): every page this WebView loads can call the exposed methods',
      zh: '启用 JavaScript 时调用 addJavascriptInterface（{owner:owner}）：WebView 加载的任何页面都能调用暴露的方法',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    const jsOn = javaScriptEnabledSites(facts);
    if (jsOn.length === 0) return;
    const bridges = code.invokesOf('Landroid/webkit/WebView;', 'addJavascriptInterface').filter((s) => facts.isLiveSite(s));
    const minSdk = facts.manifest.effectiveMinSdk;
    for (const [owner, group] of groupBy(bridges, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebView.addJavascriptInterface'));
      const evidence = [...ev, siteEvidence(facts, jsOn[0] as CodeSite, 'WebSettings.setJavaScriptEnabled(true)')];
      if (minSdk < 17) yield { messageId: 'legacy', verdict: 'fail', data: { owner, minSdk }, evidence };
      else yield { messageId: 'bridge', verdict: 'warn', data: { owner, minSdk }, evidence };
    }
  },
});
