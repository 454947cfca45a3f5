import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, sdkEvidence } from '../../src/facts/evidence.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-consent-api-unused',
    clause: 9,
    title: { en: "SDK's privacy-compliance API is never called", zh: '未调用 SDK 提供的隐私合规接口' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Vendors of the most common Chinese SDKs publish a compliance integration (Umeng preInit then init after consent, AMap updatePrivacyShow/updatePrivacyAgree, JPush JCollectionAuth.setAuth, GrowingIO disableDataCollect) precisely because 164号文 scenarios 4–6 made SDK collection before consent an enforcement target (CLAUSES.md §2.4). When the SDK is present and its gate is never called, nothing tells it that the user has not agreed yet.',
        zh: '常见国内 SDK 厂商均提供合规接入接口（友盟 preInit 后在同意后 init、高德 updatePrivacyShow/updatePrivacyAgree、极光 JCollectionAuth.setAuth、GrowingIO disableDataCollect），正因 164号文场景4–6 将 SDK 在同意前收集列为整治对象（CLAUSES.md §2.4）。SDK 存在而从不调用其合规接口，SDK 就无从得知用户尚未同意。',
      },
      fix: {
        en: "Follow the vendor's compliance guide: call the gate API on launch and initialise the SDK only after the user agrees.",
        zh: '按厂商合规指引接入：启动时调用合规接口，用户同意后再初始化 SDK。',
      },
    },
    manualCheck: {
      en: "Find the bundled SDK's version (its version constant or the vendor's release notes) and whether that version has the compliance API; upgrade if it does not, then call the API with the user's choice before the SDK starts.",
      zh: '确认集成的 SDK 版本（版本常量或厂商发布说明）以及该版本是否提供合规接口；若没有则升级，并在 SDK 启动前按用户的选择调用该接口。',
    },
  },
  messages: {
    missing: {
      en: "{sdks:sdk}: the vendor's compliance API is never called ({api:method})",
      zh: '集成了{sdks:sdk}，但从未调用厂商的合规接口（{api:method}）',
    },
    missingUnverified: {
      en: "{sdks:sdk}: the vendor's compliance API is never called ({api:method}; API name from third-party samples, not confirmed in vendor docs)",
      zh: '集成了{sdks:sdk}，但从未调用厂商的合规接口（{api:method}；接口名来自第三方示例，未经厂商文档确认）',
    },
    predates: {
      en: "{sdks:sdk}: the bundled version has no compliance API ({api:method} is not in the app): the SDK predates it, so the fix is an upgrade to a version that has it",
      zh: '集成的{sdks:sdk}版本没有合规接口（应用中不存在 {api:method}）：该版本早于此接口，需要升级到提供该接口的版本',
    },
    predatesSince: {
      en: "{sdks:sdk}: the bundled version has no compliance API ({api:method} is not in the app; the vendor added it in version {since}): the fix is an upgrade",
      zh: '集成的{sdks:sdk}版本没有合规接口（应用中不存在 {api:method}，厂商在 {since} 版本加入）：需要升级 SDK',
    },
  },
  *check({ facts }) {
    // SDKs of one vendor often share one gate (Umeng's UMConfigure.preInit): one finding per gate.
    const byGate = new Map<string, { apis: string[]; unverified: boolean; present: boolean; since: string | undefined; sdks: SdkFinding[] }>();
    for (const f of facts.sdks) {
      const gates = f.consentApis.filter((a) => a.role === 'gate');
      if (gates.length === 0 || f.detection.obfuscated || f.detection.evidence.classes === 0) continue;
      if (gates.some((g) => g.sites.length > 0)) continue;
      // "Never called" only for an API the bundled SDK has; else the SDK predates it (review: upgrade).
      const present = gates.filter((g) => g.present);
      const shown = present.length > 0 ? present : gates;
      const apis = shown.map((g) => g.ref);
      const key = `${present.length > 0}|${apis.join(' / ')}`;
      const entry = byGate.get(key) ?? { apis, unverified: shown.every((g) => !g.verified), present: present.length > 0, since: shown.find((g) => g.since !== undefined)?.since, sdks: [] };
      entry.sdks.push(f);
      byGate.set(key, entry);
    }
    for (const { apis, unverified, present, since, sdks } of byGate.values()) {
      const evidence = sdks.flatMap((f) => sdkEvidence(facts, f)).slice(0, MAX_EVIDENCE);
      const data = { sdks: sdks.map((f) => f.record.id), api: apis };
      if (!present) yield since === undefined ? { messageId: 'predates', verdict: 'review', data, evidence } : { messageId: 'predatesSince', verdict: 'review', data: { ...data, since }, evidence };
      else yield { messageId: unverified ? 'missingUnverified' : 'missing', verdict: 'warn', data, evidence };
    }
  },
});
