import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { hasCategory } from '../lib/categories.js';
import { usesByOwner } from '../lib/uses-by-owner.js';

export default defineCheck({
  meta: {
    id: 'c02/installed-app-list',
    clause: 2,
    title: { en: 'Reads the list of installed apps', zh: '读取软件安装列表' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: '164号文 names 软件安装列表 among the PI most often collected beyond need; Google Play treats the installed-app list as personal and sensitive (developer.android.com/training/package-visibility).',
        zh: '164号文将软件安装列表列为超范围收集最常见的个人信息之一；Google Play 将已安装应用列表视为个人敏感信息（developer.android.com/training/package-visibility）。',
      },
      fix: {
        en: 'Query only the packages you need (PackageManager.getPackageInfo on a known name, <queries> entries) instead of listing every installed app; keep SDKs that list apps from running before consent.',
        zh: '仅查询所需应用（对已知包名调用 getPackageInfo，配合 <queries>），不要枚举全部已安装应用；阻止枚举应用列表的 SDK 在同意前运行。',
      },
    },
    manualCheck: {
      en: 'For an app store or security app: confirm the list is used only to show updates or scan for threats, is not uploaded beyond that, and that the privacy policy says so.',
      zh: '对应用商店或安全管理类应用：确认应用列表仅用于展示更新或安全扫描，未超出该目的上传，且隐私政策已说明。',
    },
  },
  messages: {
    read: {
      en: '{owner:owner} lists installed apps ({apis:method})',
      zh: '{owner:owner}枚举已安装应用（{apis:method}）',
    },
    readByStore: {
      en: '{owner:owner} lists installed apps ({apis:method}); an app store or security app may need this for its basic function: check it is used for nothing else',
      zh: '{owner:owner}枚举已安装应用（{apis:method}）；应用商店类、安全管理类应用的基本功能可能需要，请确认未用于其他目的',
    },
  },
  *check({ facts, options }) {
    // An app store or security app needs the list for its basic function (CLAUSES.md clause 2).
    const needed = hasCategory(options, '应用商店类', '安全管理类');
    for (const group of usesByOwner(facts.apiUses.filter((u) => u.kind === 'APPLIST'))) {
      const data = { owner: ownerKey(group[0]?.owner), apis: [...new Set(group.map((u) => u.api))] };
      const evidence = group.slice(0, MAX_EVIDENCE).map(useEvidence);
      if (needed) yield { messageId: 'readByStore', verdict: 'review', data, evidence };
      else yield { messageId: 'read', verdict: 'warn', data, evidence };
    }
  },
});
