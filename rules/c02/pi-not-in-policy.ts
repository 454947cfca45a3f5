import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, textEvidence, useEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { noPolicyEvidence, policyEntries, policyEvidence, policySource } from '../lib/policy.js';

export default defineCheck({
  meta: {
    id: 'c02/pi-not-in-policy',
    clause: 2,
    title: { en: 'Personal information read but never mentioned in the privacy policy', zh: '读取了隐私政策未提及的个人信息' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'referenced',
    needs: ['dex', 'assets', 'resources'],
    docs: {
      basis: {
        en: '认定方法 二.1 and 四.1 (collection beyond what the rules published to the user state; every kind of personal information, the app\'s and embedded third-party code\'s, listed with its purpose); PIPL Art. 17 (the processing rules name the kinds of personal information). Each PI kind the app or an SDK reads in code (rules/data/pi-apis.json) is looked for in the privacy policy by the terms of rules/data/policy-terms.json (设备标识符/IMEI/MEID/OAID/Android ID, MAC 地址, IMSI/ICCID, 位置/定位/GPS, 通讯录, 通话记录, 短信, 已安装应用列表, 剪切板, 相机, 麦克风 … and their English equivalents): the file given with `--policy`, else the policy bundled in the APK. A policy that is only a link, or no policy text at all, is for review.',
        zh: '《认定方法》二.1 与 四.1（收集的个人信息超出向用户公开的规则所述范围；应逐一列明应用及嵌入的第三方代码收集的个人信息类型及目的）；《个人信息保护法》第十七条（处理规则应载明个人信息的种类）。对应用或 SDK 代码读取的每类个人信息（rules/data/pi-apis.json），按 rules/data/policy-terms.json 的术语（设备标识符/IMEI/MEID/OAID/Android ID、MAC 地址、IMSI/ICCID、位置/定位/GPS、通讯录、通话记录、短信、已安装应用列表、剪切板、相机、麦克风等及英文说法）在隐私政策中查找：优先使用 `--policy` 指定的文件，否则使用应用内置的隐私政策。政策仅以链接提供或没有任何政策文本时，需人工复核。',
      },
      fix: {
        en: 'State in the privacy policy (and in the 个人信息收集清单) each kind of personal information the app and its SDKs collect, with purpose, manner and scope; or stop reading what the policy does not cover.',
        zh: '在隐私政策（及个人信息收集清单）中写明应用及其 SDK 收集的每类个人信息及其目的、方式和范围；或停止读取政策未涵盖的信息。',
      },
    },
    manualCheck: {
      en: 'Open the published privacy policy (or give it with --policy) and check that every kind of personal information listed here is named, with its purpose, for the app itself and for each SDK that reads it.',
      zh: '打开正式发布的隐私政策（或用 --policy 指定该文件），核对此处列出的每类个人信息是否均已写明，并说明应用自身及读取该信息的各 SDK 的使用目的。',
    },
  },
  messages: {
    unmentioned: {
      en: '{owners:owner} read {kind:pi}, but the privacy policy ({entry}) never mentions it (looked for {terms})',
      zh: '{owners:owner}读取{kind:pi}，但隐私政策（{entry}）从未提及（查找了 {terms}）',
    },
    remote: {
      en: 'the privacy policy is only linked ({url}): check that it mentions {kinds:pi}, or give its text with --policy',
      zh: '隐私政策仅以链接提供（{url}）：请核对其是否提及{kinds:pi}，或用 --policy 指定政策文本',
    },
    noPolicy: {
      en: 'no privacy policy text to compare {kinds:pi} with: none is bundled in the APK and none was given with --policy',
      zh: '没有可比对的隐私政策文本：APK 中没有内置政策，也未用 --policy 指定，无法核对{kinds:pi}是否已告知',
    },
  },
  *check(ctx) {
    const { facts } = ctx;
    // Reads only (not probes), and only those the bytes show for certain.
    const byKind = groupBy(
      facts.piReads.filter((u) => u.uncertain === undefined),
      (u) => u.kind,
    );
    if (byKind.size === 0) return;
    const kinds = [...byKind.keys()].sort();
    const source = policySource(ctx);
    if (source.kind === 'none') {
      yield { messageId: 'noPolicy', verdict: 'review', data: { kinds }, evidence: [noPolicyEvidence()] };
      return;
    }
    if (source.kind === 'remote') {
      yield { messageId: 'remote', verdict: 'review', data: { url: source.url.value, kinds }, evidence: [textEvidence(facts, source.url)] };
      return;
    }
    const p = source.policy;
    const entry = policyEntries(p).join(', ');
    for (const kind of kinds) {
      if (p.piKinds.has(kind)) continue;
      const uses = byKind.get(kind) ?? [];
      // One site per collector first, so that every owner named has its evidence.
      const firsts = [...groupBy(uses, (u) => ownerKey(u.owner)).values()].map((g) => g[0]).filter((u) => u !== undefined);
      const owners = firsts.map((u) => ownerKey(u.owner));
      yield {
        messageId: 'unmentioned',
        verdict: 'warn',
        key: kind,
        data: { owners, kind, entry, terms: p.termsOf(kind) },
        evidence: [...firsts.slice(0, MAX_EVIDENCE).map(useEvidence), policyEvidence(p)],
      };
    }
  },
});
