import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import { disclosureNames, identifyingNames, type PolicyMention } from '../../src/facts/policy.js';
import { mentionEvidence, noPolicyEvidence, policyEntries, policySource } from '../lib/policy.js';

function compact(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export default defineCheck({
  meta: {
    id: 'c09/policy-sdk-not-bundled',
    clause: 9,
    title: { en: 'Privacy policy names an SDK the app does not bundle', zh: '隐私政策列明了应用未集成的 SDK' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: ['dex', 'assets', 'resources'],
    docs: {
      basis: {
        en: '认定方法 一 and 二.1 (the published rules must describe what the app actually does); GB/T 35273-2020 5.5 (the policy is accurate and kept up to date); TC260-PG-20205A (the SDK list matches the SDKs integrated). A catalogued SDK the privacy policy names (by its names, their aliases or its packages; a vendor alone names none) that the APK does not contain is information for the reviewer, never a violation: the policy may be out of date, cover another platform or version, or the SDK may be loaded at runtime or live in native code the catalogue does not recognise. Without policy text the comparison is for review.',
        zh: '《认定方法》一、二.1（公开的规则应反映应用的实际行为）；GB/T 35273-2020 5.5（隐私政策准确并及时更新）；TC260-PG-20205A（SDK 清单与实际集成的 SDK 一致）。隐私政策列明（按名称、别名或包名；仅有厂商名不算）而 APK 中不存在的已收录 SDK，只是提供给审核人员的信息，并非违规：政策可能未及时更新、涵盖其他平台或版本，或该 SDK 在运行时加载、位于目录无法识别的原生代码中。没有政策文本时需人工比对。',
      },
      fix: {
        en: 'Keep the third-party SDK list to what the current version integrates (or say which platform or version each SDK belongs to); if the SDK is loaded at runtime, say so and review that code.',
        zh: '第三方 SDK 清单应与当前版本实际集成的 SDK 保持一致（或注明各 SDK 适用的平台或版本）；若该 SDK 在运行时加载，请在政策中说明并审查相应代码。',
      },
    },
    manualCheck: {
      en: 'For each SDK the policy names but the APK lacks, check whether the policy is current, covers another platform, or the SDK is downloaded or loaded at runtime.',
      zh: '对政策列明但 APK 中没有的每个 SDK，核实政策是否为最新版本、是否针对其他平台，或该 SDK 是否在运行时下载或加载。',
    },
  },
  messages: {
    notBundled: {
      en: 'the privacy policy ({entry}) names {sdk:sdk} ({quote:quote}), which the app does not bundle: the policy may be out of date, or the SDK is loaded at runtime',
      zh: '隐私政策（{entry}）列明了{sdk:sdk}（{quote:quote}），但应用中未集成该 SDK：政策可能未及时更新，或该 SDK 在运行时加载',
    },
    remote: {
      en: 'the privacy policy is only linked ({url}): its SDK list cannot be compared with the SDKs the app bundles; give its text with --policy',
      zh: '隐私政策仅以链接提供（{url}）：无法将其 SDK 清单与应用实际集成的 SDK 比对；可用 --policy 指定政策文本',
    },
    noPolicy: {
      en: 'no privacy policy text to read: none is bundled in the APK and none was given with --policy, so its SDK list cannot be compared with the SDKs the app bundles',
      zh: '没有可读取的隐私政策文本：APK 中没有内置政策，也未用 --policy 指定，无法将政策的 SDK 清单与应用实际集成的 SDK 比对',
    },
  },
  *check(ctx) {
    const { facts } = ctx;
    const source = policySource(ctx);
    if (source.kind === 'none') {
      yield { messageId: 'noPolicy', verdict: 'review', evidence: [noPolicyEvidence()] };
      return;
    }
    if (source.kind === 'remote') {
      yield { messageId: 'remote', verdict: 'review', data: { url: source.url.value }, evidence: [textEvidence(facts, source.url)] };
      return;
    }
    const p = source.policy;
    const entry = policyEntries(p).join(', ');
    const bundled = new Set(facts.sdks.map((f) => f.record.id));
    // A name a bundled SDK answers to (a shared vendor word, a parent package) names that one.
    const bundledNames = new Set(facts.sdks.flatMap((f) => disclosureNames(f.record)));
    for (const r of facts.catalogue.sdks) {
      if (bundled.has(r.id)) continue;
      let found: PolicyMention | undefined;
      for (const name of identifyingNames(r)) {
        const c = compact(name);
        if (bundledNames.has(c) || !p.containsCompact(c)) continue;
        found = p.findExact(name);
        if (found !== undefined) break;
      }
      if (found === undefined) continue;
      yield { messageId: 'notBundled', verdict: 'review', key: r.id, data: { sdk: r.id, entry, quote: found.quote }, evidence: [mentionEvidence(found)] };
    }
  },
});
