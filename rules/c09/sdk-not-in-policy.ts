import { defineCheck } from '../../src/engine/check.js';
import { sdkEvidence, textEvidence } from '../../src/facts/evidence.js';
import { disclosureNames } from '../../src/facts/policy.js';
import { mentionEvidence, noPolicyEvidence, policyEntries, policyEvidence, policySource, startsBeforeConsent } from '../lib/policy.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-not-in-policy',
    clause: 9,
    title: { en: 'SDK not named in the privacy policy', zh: '隐私政策未列明的 SDK' },
    defaultVerdict: 'warn',
    verdicts: ['fail', 'warn', 'review'],
    evidence: 'declared',
    needs: ['dex', 'assets', 'resources'],
    docs: {
      basis: {
        en: '认定方法 二.1 ("未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围"); 164号文 (an SDK collecting personal information without disclosure is the most frequent finding of MIIT\'s notices); the MIIT 双清单 (third-party sharing list). Each detected SDK is looked for, by its Chinese and English names, their aliases, its vendor and its packages, in the privacy policy: the file given with `--policy`, else the policy bundled in the APK. CLAUSES.md gives WARN; an unnamed SDK whose own code reads personal information or that starts before consent is a FAIL when the policy is the one given with `--policy` (the team states it is the published text), and a WARN (FAIL under `--strict`) against a bundled copy, which may be older than the published one. A policy that is only a link, or no policy text at all, is for review.',
        zh: '《认定方法》二.1（未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围）；164号文（SDK 未经披露收集个人信息是工信部通报中最常见的问题）；工信部"双清单"（第三方共享清单）。按中英文名称及其别名、厂商和包名，在隐私政策中查找每个检测到的 SDK：优先使用 `--policy` 指定的文件，否则使用应用内置的隐私政策。CLAUSES.md 规定为警告；未列明的 SDK 若其自身代码读取个人信息或在同意前启动，在使用 `--policy` 指定的政策（团队确认的正式发布文本）时判为不通过，对照内置副本时判为警告（`--strict` 下不通过），因为内置副本可能旧于正式发布的版本。政策仅以链接提供或没有任何政策文本时，需人工复核。',
      },
      fix: {
        en: "Name every SDK in the policy's third-party SDK list with its vendor, purpose, the data it collects and a link to its own policy; run again with `--policy` on the published text.",
        zh: '在隐私政策的第三方 SDK 目录中列明每个 SDK 的厂商、用途、收集的信息及其隐私政策链接；用 `--policy` 指定正式发布的政策文本后重新检测。',
      },
    },
    manualCheck: {
      en: "Open the published privacy policy (or give it with --policy) and check each listed SDK is named in its third-party SDK list with purpose, data and a link to the SDK's own policy.",
      zh: '打开正式发布的隐私政策（或用 --policy 指定该文件），检查所列每个 SDK 是否在第三方 SDK 目录中列明用途、信息种类及其隐私政策链接。',
    },
  },
  messages: {
    unnamed: {
      en: '{sdk:sdk} is bundled but the privacy policy ({entry}) does not name it (looked for {names})',
      zh: '集成了{sdk:sdk}，但隐私政策（{entry}）未提及（查找了 {names}）',
    },
    unnamedReadsPi: {
      en: '{sdk:sdk} reads {pi:pi} in its own code, but the privacy policy ({entry}) does not name it (looked for {names})',
      zh: '{sdk:sdk}自身代码读取{pi:pi}，但隐私政策（{entry}）未提及该 SDK（查找了 {names}）',
    },
    unnamedStartsEarly: {
      en: '{sdk:sdk} starts before consent, but the privacy policy ({entry}) does not name it (looked for {names})',
      zh: '{sdk:sdk}在用户同意隐私政策之前启动，但隐私政策（{entry}）未提及该 SDK（查找了 {names}）',
    },
    remote: {
      en: 'the privacy policy is only linked ({url}): check that it names {sdks:sdk}, or give its text with --policy',
      zh: '隐私政策仅以链接提供（{url}）：请核对其是否列明{sdks:sdk}，或用 --policy 指定政策文本',
    },
    noPolicy: {
      en: 'no privacy policy text to compare {sdks:sdk} with: none is bundled in the APK and none was given with --policy',
      zh: '没有可比对的隐私政策文本：APK 中没有内置政策，也未用 --policy 指定，无法核对{sdks:sdk}是否已列明',
    },
  },
  *check(ctx) {
    const { facts } = ctx;
    const sdks = facts.sdks;
    if (sdks.length === 0) return;
    const source = policySource(ctx);
    if (source.kind === 'none') {
      yield { messageId: 'noPolicy', verdict: 'review', data: { sdks: sdks.map((f) => f.record.id) }, evidence: [noPolicyEvidence()] };
      return;
    }
    if (source.kind === 'remote') {
      yield { messageId: 'remote', verdict: 'review', data: { url: source.url.value, sdks: sdks.map((f) => f.record.id) }, evidence: [textEvidence(facts, source.url)] };
      return;
    }
    const p = source.policy;
    const given = p.docs[0]?.origin === 'file';
    const entry = policyEntries(p).join(', ');
    for (const f of sdks) {
      const names = disclosureNames(f.record);
      if (names.some((n) => p.containsCompact(n))) continue;
      const section = p.thirdPartySection;
      const evidence = [...sdkEvidence(facts, f).slice(0, 1), section === undefined ? policyEvidence(p) : mentionEvidence(section)];
      const data = { sdk: f.record.id, entry, names: names.slice(0, 4) };
      // Reading PI in its own code, or running before consent, is what makes an undisclosed SDK a violation.
      const reads = f.piKinds;
      const early = reads.length === 0 && startsBeforeConsent(facts, f);
      if (reads.length === 0 && !early) {
        yield { messageId: 'unnamed', verdict: 'warn', data, evidence };
      } else if (reads.length > 0) {
        yield { messageId: 'unnamedReadsPi', verdict: given ? 'fail' : 'warn', ...(given ? {} : { strictVerdict: 'fail' as const }), data: { ...data, pi: reads }, evidence };
      } else {
        yield { messageId: 'unnamedStartsEarly', verdict: given ? 'fail' : 'warn', ...(given ? {} : { strictVerdict: 'fail' as const }), data, evidence };
      }
    }
  },
});
