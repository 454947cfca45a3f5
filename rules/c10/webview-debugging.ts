import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { callerHasNoBranch } from '../../src/facts/method-shapes.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { callsWithArg } from '../lib/const-args.js';

/** WebSettings.MIXED_CONTENT_ALWAYS_ALLOW */
const MIXED_CONTENT_ALWAYS_ALLOW = 0;

export default defineCheck({
  meta: {
    id: 'c10/webview-debugging',
    clause: 10,
    title: { en: 'WebView debugging or mixed content enabled', zh: '开启 WebView 调试或混合内容' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_webview_debug and android_webview_mixed_content. Remote debugging exposes page contents and cookies to anyone with adb; MIXED_CONTENT_ALWAYS_ALLOW loads HTTP scripts into HTTPS pages.',
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_debug、android_webview_mixed_content。远程调试会把页面内容和 Cookie 暴露给能使用 adb 的人；MIXED_CONTENT_ALWAYS_ALLOW 会在 HTTPS 页面中加载 HTTP 脚本。',
      },
      fix: {
        en: 'Enable WebView debugging only in debug builds (behind BuildConfig.DEBUG) and keep the default mixed-content mode (never allow).',
        zh: '仅在调试构建中（BuildConfig.DEBUG 条件下）开启 WebView 调试，混合内容保持默认（不允许）。',
      },
    },
  },
  messages: {
    debugging: {
      en: 'WebView.setWebContentsDebuggingEnabled(true) is called unconditionally ({owner:owner})',
      zh: '无条件调用 WebView.setWebContentsDebuggingEnabled(true)（{owner:owner}）',
    },
    mixed: {
      en: 'setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW) ({owner:owner}): HTTP content loads into HTTPS pages',
      zh: 'setMixedContentMode(MIXED_CONTENT_ALWAYS_ALLOW)（{owner:owner}）：HTTPS 页面会加载 HTTP 内容',
    },
  },
  *check({ facts }) {
    if (facts.code === undefined) return;
    const debug = callsWithArg(facts, 'Landroid/webkit/WebView;', 'setWebContentsDebuggingEnabled', 0, (v) => v === 1).filter((s) => callerHasNoBranch(facts, s));
    for (const [owner, group] of groupBy(debug, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebView.setWebContentsDebuggingEnabled(true)'));
      yield { messageId: 'debugging', verdict: 'warn', data: { owner }, evidence: ev };
    }
    const mixed = callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setMixedContentMode', 1, (v) => v === MIXED_CONTENT_ALWAYS_ALLOW);
    for (const [owner, group] of groupBy(mixed, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebSettings.setMixedContentMode(0)'));
      yield { messageId: 'mixed', verdict: 'warn', data: { owner }, evidence: ev };
    }
  },
});
