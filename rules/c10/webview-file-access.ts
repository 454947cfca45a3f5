import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { callsWithArg, javaScriptEnabledSites } from '../lib/const-args.js';

const SETTINGS = 'Landroid/webkit/WebSettings;';

export default defineCheck({
  meta: {
    id: 'c10/webview-file-access',
    clause: 10,
    title: { en: 'WebView lets pages read local files', zh: 'WebView 允许网页读取本地文件' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF android_webview_allow_file_from_url. File-URL access lets a page (or an injected file:// page) read the app's private files, including stored personal information.",
        zh: '《个人信息保护法》第五十一条；MobSF android_webview_allow_file_from_url。允许文件 URL 访问会让网页（或被注入的 file:// 页面）读取应用私有文件，包括其中存储的个人信息。',
      },
      fix: {
        en: 'Keep setAllowFileAccessFromFileURLs and setAllowUniversalAccessFromFileURLs false, and setAllowFileAccess(false) where JavaScript is enabled; serve local content with WebViewAssetLoader.',
        zh: '保持 setAllowFileAccessFromFileURLs、setAllowUniversalAccessFromFileURLs 为 false，启用 JavaScript 时 setAllowFileAccess(false)；本地内容用 WebViewAssetLoader 提供。',
      },
    },
  },
  messages: {
    fromFileUrls: {
      en: '{api}(true) ({owner:owner}): file:// pages can read other files or any origin',
      zh: '{api}(true)（{owner:owner}）：file:// 页面可读取其他文件或任意来源',
    },
    fileWithJs: {
      en: 'setAllowFileAccess(true) with JavaScript enabled ({owner:owner})',
      zh: '启用 JavaScript 时 setAllowFileAccess(true)（{owner:owner}）',
    },
  },
  *check({ facts }) {
    for (const api of ['setAllowFileAccessFromFileURLs', 'setAllowUniversalAccessFromFileURLs']) {
      const sites = callsWithArg(facts, SETTINGS, api, 1, (v) => v === 1);
      for (const [owner, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s).owner))) {
        const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, `WebSettings.${api}(true)`));
        // Both settings are often made in one method: the API tells the two findings apart.
        yield { messageId: 'fromFileUrls', verdict: 'warn', data: { api, owner }, evidence: ev, key: api };
      }
    }
    if (javaScriptEnabledSites(facts).length === 0) return;
    const sites = callsWithArg(facts, SETTINGS, 'setAllowFileAccess', 1, (v) => v === 1);
    for (const [owner, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s, 'WebSettings.setAllowFileAccess(true)'));
      yield { messageId: 'fileWithJs', verdict: 'warn', data: { owner }, evidence: ev };
    }
  },
});
