import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c02/query-all-packages',
    clause: 2,
    title: { en: 'Installed-app list visible (QUERY_ALL_PACKAGES)', zh: '可获取软件安装列表（QUERY_ALL_PACKAGES）' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: '164号文 names 软件安装列表 among the PI collected beyond need; Google Play treats the installed-app list as personal and sensitive (developer.android.com/training/package-visibility).',
        zh: '164号文将"软件安装列表"列为超范围收集的个人信息；Google Play 将已安装应用列表视为个人敏感信息（developer.android.com/training/package-visibility）。',
      },
      fix: {
        en: 'Replace QUERY_ALL_PACKAGES with specific <queries> entries for the packages or intents the app really interacts with.',
        zh: '以 <queries> 精确声明确需交互的应用包名或 Intent，取代 QUERY_ALL_PACKAGES。',
      },
    },
  },
  messages: {
    queryAll: {
      en: 'QUERY_ALL_PACKAGES is requested: the app can list every installed app, which regulators and Google Play treat as personal information',
      zh: '申请了 QUERY_ALL_PACKAGES：可读取全部已安装应用列表（监管部门与 Google Play 均将其视为个人信息）',
    },
  },
  *check({ facts }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === 'android.permission.QUERY_ALL_PACKAGES');
    if (p !== undefined) yield { messageId: 'queryAll', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] };
  },
});
