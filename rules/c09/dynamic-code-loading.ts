import { defineCheck } from '../../src/engine/check.js';
import { runtimeCodeLoads } from '../../src/facts/coverage-limits.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

const LOADERS: [string, string][] = [
  ['Ldalvik/system/DexClassLoader;', '<init>'],
  ['Ldalvik/system/InMemoryDexClassLoader;', '<init>'],
  ['Ldalvik/system/PathClassLoader;', '<init>'],
  ['Ldalvik/system/BaseDexClassLoader;', '<init>'],
  ['Ldalvik/system/DexFile;', 'loadDex'],
];

export default defineCheck({
  meta: {
    id: 'c09/dynamic-code-loading',
    clause: 9,
    title: { en: 'Loads code at runtime', zh: '运行时加载代码' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'TC260-PG-20205A lists malicious SDK behaviour among SDK risks; code loaded at runtime (DexClassLoader, InMemoryDexClassLoader, DexFile.loadDex) is not in the APK, so no static review covers it (CLAUSES.md §5).',
        zh: 'TC260-PG-20205A 将 SDK 恶意行为列为 SDK 风险；运行时加载的代码（DexClassLoader、InMemoryDexClassLoader、DexFile.loadDex）不在 APK 中，任何静态审查都无法覆盖（CLAUSES.md §5）。',
      },
      fix: {
        en: 'Avoid downloading or decrypting code at runtime; if a plugin framework or hot-update SDK needs it, disclose it and review every payload it can load.',
        zh: '避免运行时下载或解密代码；插件框架或热更新 SDK 确需时，应披露并审查其可能加载的每个代码包。',
      },
    },
    manualCheck: {
      en: 'Run the app and capture the DEX/JAR files it writes or downloads (e.g. with a Frida hook on DexClassLoader), then audit those files too.',
      zh: '运行应用并截获其写入或下载的 DEX/JAR 文件（例如 Hook DexClassLoader），再对这些文件进行审查。',
    },
  },
  messages: {
    loads: {
      en: '{owner:owner} loads code at runtime ({apis}): that code is outside this audit',
      zh: '{owner:owner}在运行时加载代码（{apis}）：这些代码不在本次审查范围内',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    const sites = runtimeCodeLoads(code, LOADERS);
    for (const [owner, group] of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s.site).owner))) {
      const evidence = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s.site, s.api));
      yield { messageId: 'loads', verdict: 'review', data: { owner, apis: [...new Set(group.map((s) => s.api))] }, evidence };
    }
  },
});
