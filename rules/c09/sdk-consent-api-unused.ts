import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, sdkEvidence } from '../../src/facts/evidence.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-consent-api-unused',
    clause: 9,
    title: { en: "SDK's privacy-compliance API is never called", zh: '未调用 SDK 提供的隐私合规接口' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
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
  },
  *check({ facts }) {
    // SDKs of one vendor often share one gate (Umeng's UMConfigure.preInit): one finding per gate.
    const byGate = new Map<string, { apis: string[]; unverified: boolean; sdks: SdkFinding[] }>();
    for (const f of facts.sdks) {
      const gates = f.consentApis.filter((a) => a.role === 'gate');
      if (gates.length === 0 || f.detection.obfuscated || f.detection.evidence.classes === 0) continue;
      if (gates.some((g) => g.sites.length > 0)) continue;
      const apis = gates.map((g) => g.ref);
      const key = apis.join(' / ');
      const entry = byGate.get(key) ?? { apis, unverified: gates.every((g) => !g.verified), sdks: [] };
      entry.sdks.push(f);
      byGate.set(key, entry);
    }
    for (const { apis, unverified, sdks } of byGate.values()) {
      yield {
        messageId: unverified ? 'missingUnverified' : 'missing',
        verdict: 'warn',
        data: { sdks: sdks.map((f) => f.record.id), api: apis },
        evidence: sdks.flatMap((f) => sdkEvidence(facts, f)).slice(0, MAX_EVIDENCE),
      };
    }
  },
});
