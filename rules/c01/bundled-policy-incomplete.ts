import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import type { LexiconGroup } from '../../src/facts/strings/types.js';
import { anyPolicyUrls, groupsIn, privacyPolicyDocs } from '../../src/facts/text.js';

/** What a privacy policy must contain; `term` names the section (src/report/terms.ts). */
const SECTIONS: { term: string; has: (g: Set<LexiconGroup>, text: string) => boolean }[] = [
  { term: 'policySection:sdks', has: (g, t) => g.has('RIGHTS_LISTS') || /SDK/i.test(t) },
  { term: 'policySection:sensitive', has: (g) => g.has('SEPARATE') },
  { term: 'policySection:rights', has: (g) => g.has('RIGHTS_ACCESS') || g.has('RIGHTS_WITHDRAW') || g.has('DELETE') },
  { term: 'policySection:contact', has: (g, t) => g.has('COMPLAINT') || /[\w.+-]+@[\w-]+\.[\w.]+/.test(t) },
];

/** Characters of the policy's beginning shown as evidence. */
const EXCERPT = 120;

export default defineCheck({
  meta: {
    id: 'c01/bundled-policy-incomplete',
    clause: 1,
    title: { en: 'Bundled privacy policy lacks required sections', zh: '内置隐私政策缺少必要内容' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
    needs: ['resources', 'assets'],
    docs: {
      basis: {
        en: '认定方法 二.1 ("未逐一列出App…收集使用个人信息的目的、方式、范围等", including embedded third-party code and plug-ins); 认定方法 一 and 六.5 (contact and complaint channel). A policy shipped in assets or res/raw is checked for an SDK list, sensitive PI, user rights and a contact; a policy that is only a link is for review.',
        zh: '《认定方法》二.1（未逐一列出收集使用个人信息的目的、方式、范围等，包括嵌入的第三方代码、插件）；《认定方法》一 与 六.5（联系及投诉渠道）。对 assets 或 res/raw 中内置的政策检查是否包含 SDK 清单、敏感个人信息、用户权利和联系方式；仅有链接的政策需人工复核。',
      },
      fix: {
        en: 'Complete the policy: list every third-party SDK with purpose and data, mark sensitive personal information, describe how to exercise each right, and give a contact for complaints.',
        zh: '补全隐私政策：逐一列出第三方 SDK 及其目的和数据、标明敏感个人信息、说明各项权利的行使方式，并提供投诉联系方式。',
      },
    },
    manualCheck: {
      en: 'Open the policy page the app links to and check it lists every SDK (purpose, data, its own policy), marks sensitive personal information, explains each user right and gives a complaint contact.',
      zh: '打开应用链接的政策页面，检查其是否逐一列出 SDK（目的、数据、其自身政策）、标明敏感个人信息、说明各项用户权利并提供投诉联系方式。',
    },
  },
  messages: {
    missing: { en: '{entry} reads as the privacy policy but has no {missing:term}', zh: '{entry} 是隐私政策，但缺少{missing:term}' },
    remote: { en: 'the privacy policy is only linked ({url}): its content is on a server', zh: '隐私政策仅以链接形式提供（{url}），内容在服务端' },
  },
  *check({ facts }) {
    const docs = privacyPolicyDocs(facts);
    if (docs.length === 0) {
      const url = anyPolicyUrls(facts)[0];
      if (url !== undefined) yield { messageId: 'remote', verdict: 'review', data: { url: url.value }, evidence: [textEvidence(facts, url)] };
      return;
    }
    for (const d of docs) {
      const groups = groupsIn(d);
      const missing = SECTIONS.filter((sec) => !sec.has(groups, d.text));
      if (missing.length === 0) continue;
      yield { messageId: 'missing', verdict: 'warn', data: { entry: d.entry, missing: missing.map((m) => m.term) }, evidence: [{ location: d.location, detail: d.text.slice(0, EXCERPT) }] };
    }
  },
});
