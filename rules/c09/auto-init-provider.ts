import { defineCheck } from '../../src/engine/check.js';
import { sdkDisplayName } from '../../src/facts/app-facts.js';
import { componentEvidence, manifestEvidence, MAX_EVIDENCE, reachEvidence } from '../../src/facts/evidence.js';
import type { Owner } from '../../src/model/index.js';
import type { SdkRecord } from '../../src/sdk/types.js';
import { providerSdk, TRACKING } from '../lib/sdk-provider.js';

const STARTUP_PROVIDER = 'androidx.startup.InitializationProvider';

function recordOwner(sdk: SdkRecord): Owner {
  return { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) };
}

export default defineCheck({
  meta: {
    id: 'c09/auto-init-provider',
    clause: 9,
    title: { en: 'SDK starts itself before the app (auto-init provider)', zh: 'SDK 通过自启动 Provider 在应用之前初始化' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'reachable',
    needs: ['manifest', 'dex'],
    docs: {
      basis: {
        en: 'Content providers start before Application.onCreate (androidx InitializationProvider docs), i.e. before any consent dialog; 164号文 1.1 scenarios 4–5 and 认定方法 三.1 (collecting before consent).',
        zh: 'ContentProvider 会在 Application.onCreate 之前启动（androidx InitializationProvider 文档），早于任何隐私弹窗；164号文 1.1 场景4–5、《认定方法》三.1（征得同意前收集）。',
      },
      fix: {
        en: "Disable the SDK's auto-init provider (tools:node=\"remove\" in the manifest, or the vendor's kill-switch meta-data) and initialise the SDK only after the user agrees to the privacy policy, using the vendor's compliance API.",
        zh: '禁用 SDK 的自启动 Provider（在清单中使用 tools:node="remove" 或厂商提供的开关 meta-data），并在用户同意隐私政策后再通过厂商合规接口初始化 SDK。',
      },
    },
  },
  messages: {
    provider: {
      en: '{sdk:sdk} registers provider {name}, which Android starts before Application.onCreate, before any consent dialog can be shown; its onCreate calls {apis:method}',
      zh: '{sdk:sdk} 注册了 Provider {name}，Android 会在 Application.onCreate 之前启动它，早于任何隐私弹窗；其 onCreate 调用了 {apis:method}',
    },
    providerReads: {
      en: '{sdk:sdk} registers provider {name}, which Android starts before Application.onCreate, before any consent dialog can be shown; its onCreate reads {kinds:pi}',
      zh: '{sdk:sdk} 注册了 Provider {name}，Android 会在 Application.onCreate 之前启动它，早于任何隐私弹窗；其 onCreate 读取了{kinds:pi}',
    },
    declared: {
      en: '{sdk:sdk} registers provider {name}, which Android starts before Application.onCreate; its code is not in the analysed DEX, so whether it starts the SDK or reads personal information there cannot be checked',
      zh: '{sdk:sdk} 注册了 Provider {name}，Android 会在 Application.onCreate 之前启动它；其代码不在已分析的 DEX 中，无法确认它是否在此时启动 SDK 或读取个人信息',
    },
    initializer: {
      en: '{sdk:sdk} is started by androidx.startup (initializer {name}) before Application.onCreate, before any consent dialog can be shown',
      zh: '{sdk:sdk} 通过 androidx.startup（初始化器 {name}）在 Application.onCreate 之前启动，早于任何隐私弹窗',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    const meta = new Map(m.metaData.map((d) => [d.name, d.value?.text]));
    /** The vendor's documented switch, set to its "off" value, means the provider does not collect. */
    const switchedOff = (sdk: SdkRecord): boolean => sdk.killSwitchMetaData.some((k) => meta.get(k.key)?.toLowerCase() === k.disableValue.toLowerCase());
    const reach = facts.reachability;
    for (const c of m.components) {
      if (c.kind !== 'provider' || !c.enabled) continue;
      const sdk = providerSdk(facts, c.name);
      if (sdk !== undefined && TRACKING.has(sdk.category) && !switchedOff(sdk)) {
        const cls = `L${c.name.replace(/\./g, '/')};`;
        const evidence = componentEvidence(c, [], recordOwner(sdk));
        if (reach === undefined || facts.code?.hierarchy.get(cls) === undefined) {
          yield { messageId: 'declared', verdict: 'review', data: { sdk: sdk.id, name: c.name }, evidence: [evidence] };
        } else {
          // A finding only when its onCreate starts an SDK or reads personal information before consent.
          const hits = reach.hits.filter((h) => !h.gated && h.root.kind === 'provider' && h.root.cls === cls);
          const apis = [...new Set(hits.filter((h) => h.what === 'sdk-init').map((h) => h.api ?? ''))];
          const kinds = [...new Set(hits.flatMap((h) => (h.what === 'pi' && h.use !== undefined ? [h.use.kind] : [])))];
          const more = hits.slice(0, MAX_EVIDENCE - 1).map((h) => reachEvidence(facts, h));
          if (apis.length > 0) yield { messageId: 'provider', verdict: 'warn', data: { sdk: sdk.id, name: c.name, apis }, evidence: [evidence, ...more] };
          else if (kinds.length > 0) yield { messageId: 'providerReads', verdict: 'warn', data: { sdk: sdk.id, name: c.name, kinds }, evidence: [evidence, ...more] };
        }
      }
      if (c.name !== STARTUP_PROVIDER) continue;
      // androidx.startup runs every initializer listed as meta-data of its provider.
      for (const md of c.metaData) {
        if (md.value?.text !== 'androidx.startup') continue;
        const ref = facts.sdkOfClass(md.name);
        const rec = ref === undefined ? undefined : facts.catalogue.sdks.find((s) => s.id === ref.id);
        if (rec === undefined || !TRACKING.has(rec.category) || switchedOff(rec)) continue;
        yield { messageId: 'initializer', verdict: 'warn', data: { sdk: rec.id, name: md.name }, evidence: [manifestEvidence(md.path, md.name, recordOwner(rec))] };
      }
    }
  },
});
