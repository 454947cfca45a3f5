import { defineCheck } from '../../src/engine/check.js';
import type { ApiUse } from '../../src/facts/api-uses.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import type { Evidence } from '../../src/model/index.js';
import { ownerKey } from '../../src/model/index.js';
import { CATEGORY_KINDS, chosenCategories } from '../lib/categories.js';
import { groupBy } from '../lib/group-by.js';

export default defineCheck({
  meta: {
    id: 'c02/outside-necessary-set',
    clause: 2,
    title: { en: "Personal information outside the app type's necessary set", zh: '超出本类型必要个人信息范围' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: "必要信息规定 (2021) 第四、五条: each of 39 app types has a necessary set for its basic function, and 第六条: refusing non-necessary PI must not block the basic function. Only device-sourced PI is visible to a static audit; registration phone numbers, names and addresses are typed by the user (CLAUSES.md §4). Needs --category; without it the reads are listed for review.",
        zh: '《常见类型移动互联网应用程序必要个人信息范围规定》（2021）第四、五条：39 类应用各有基本功能所需的必要个人信息范围；第六条：不得因用户不同意提供非必要个人信息而拒绝其使用基本功能。静态审查只能看到来自设备的个人信息；注册手机号、姓名、地址等由用户输入（CLAUSES.md §4）。需 --category；未指定时仅列出读取情况供复核。',
      },
      fix: {
        en: 'Drop the reads the basic function does not need, or move them into an optional feature that asks for them when used and keeps the basic function working when refused.',
        zh: '删除基本功能不需要的读取，或将其放入可选功能：使用时再申请，用户拒绝时基本功能仍可使用。',
      },
    },
    manualCheck: {
      en: "Decide the app type (one of the 39 of the 2021 rule) and rerun with --category, or compare each listed read with that type's necessary personal information by hand.",
      zh: '确定应用类型（2021 年规定的 39 类之一）后使用 --category 重新运行，或人工对照该类型的必要个人信息逐项检查。',
    },
  },
  messages: {
    outside: {
      en: '{kind:pi} is read ({owners:owner}) but is not necessary personal information for {categories:appCategory}: only an optional feature the user agrees to separately may use it, and refusing must not block the basic function',
      zh: '{owners:owner}读取了{kind:pi}，但它不属于{categories:appCategory}的必要个人信息：只能用于用户另行同意的可选功能，用户拒绝时不得影响基本功能的使用',
    },
    noCategory: {
      en: 'reads {kinds:pi}: whether each is necessary depends on the app type (pass --category)',
      zh: '读取了{kinds:pi}：是否属于必要个人信息取决于应用类型（请用 --category 指定）',
    },
    unknownSet: {
      en: 'reads {kinds:pi}: this version has no transcription of the necessary personal information of {categories:appCategory}, so compare by hand',
      zh: '读取了{kinds:pi}：当前版本未收录{categories:appCategory}的必要个人信息范围，请人工对照',
    },
  },
  *check({ facts, options }) {
    const uses = facts.piReads.filter((u) => CATEGORY_KINDS.includes(u.kind));
    if (uses.length === 0) return;
    const byKind = groupBy(uses, (u) => u.kind);
    const kinds = [...byKind.keys()];
    // The first read of each kind: where to look, one place per kind.
    const firstOfEach: Evidence[] = [...byKind.values()].map((g) => useEvidence(g[0] as ApiUse)).slice(0, MAX_EVIDENCE);
    const cats = chosenCategories(options);
    if (cats.length === 0) {
      yield { messageId: 'noCategory', verdict: 'review', data: { kinds }, evidence: firstOfEach };
      return;
    }
    const unknown = cats.filter((c) => c.necessaryKinds === null);
    if (unknown.length > 0) {
      yield { messageId: 'unknownSet', verdict: 'review', data: { kinds, categories: unknown.map((c) => c.name) }, evidence: firstOfEach };
      return;
    }
    // An app of several types may read what any of them needs.
    const necessary = new Set(cats.flatMap((c) => c.necessaryKinds ?? []));
    for (const [kind, group] of byKind) {
      if (necessary.has(kind)) continue;
      yield {
        messageId: 'outside',
        verdict: 'warn',
        data: { kind, owners: [...new Set(group.map((u) => ownerKey(u.owner)))], categories: cats.map((c) => c.name) },
        evidence: group.slice(0, MAX_EVIDENCE).map(useEvidence),
        key: kind,
      };
    }
  },
});
