import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence, MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

export default defineCheck({
  meta: {
    id: 'c05/usage-stats',
    clause: 5,
    title: { en: 'Monitors app usage (PACKAGE_USAGE_STATS)', zh: '监控应用使用情况（PACKAGE_USAGE_STATS）' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'Pledge clause 5; MobSF android_usage_stats. PACKAGE_USAGE_STATS reveals which apps the user opens and for how long.',
        zh: '承诺第五条。PACKAGE_USAGE_STATS 可获知用户使用哪些应用及使用时长。',
      },
      fix: {
        en: "Remove PACKAGE_USAGE_STATS unless app-usage statistics are the app's disclosed function (e.g. digital wellbeing).",
        zh: '除非应用的已告知功能即为使用时长统计（如健康使用手机类），删除 PACKAGE_USAGE_STATS。',
      },
    },
  },
  messages: {
    permission: {
      en: 'PACKAGE_USAGE_STATS is requested: the app can see which apps the user opens and for how long',
      zh: '申请了 PACKAGE_USAGE_STATS：可获知用户打开了哪些应用及使用时长',
    },
    code: {
      en: '{owner:owner} queries app-usage statistics ({apis:method})',
      zh: '{owner:owner}查询应用使用统计（{apis:method}）',
    },
  },
  *check({ facts }) {
    const p = facts.manifest.usesPermissions.find((u) => u.name === 'android.permission.PACKAGE_USAGE_STATS');
    if (p !== undefined) yield { messageId: 'permission', verdict: 'warn', evidence: [manifestEvidence(p.path, p.name)] };
    for (const [owner, group] of groupBy(facts.apiUses.filter((u) => u.kind === 'USAGE'), (u) => ownerKey(u.owner))) {
      const apis = [...new Set(group.map((u) => u.api))];
      yield { messageId: 'code', verdict: 'warn', data: { owner, apis }, evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
