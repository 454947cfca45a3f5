import { defineCheck } from '../../src/engine/check.js';
import { sdkProvider } from '../lib/sdk-provider.js';
import type { ReachHit } from '../../src/facts/reach.js';
import { reachEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-init-before-consent',
    clause: 9,
    title: { en: 'SDK initialised before the user agrees', zh: '用户同意前初始化 SDK' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'warn'],
    evidence: 'reachable',
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 三.1; 164号文 1.1 scenarios 4–5 (SDKs collecting before consent); CLAUSES.md §2.6. An SDK started in Application.onCreate or a provider runs before any consent dialog; vendors document a delayed init for this reason.',
        zh: '《认定方法》三.1；164号文 1.1 场景4–5（SDK 在同意前收集）；CLAUSES.md §2.6。在 Application.onCreate 或 Provider 中启动的 SDK 早于任何隐私弹窗运行，厂商为此提供了延迟初始化方案。',
      },
      fix: {
        en: "Call only the vendor's pre-init/consent API at startup and initialise the SDK after the user agrees (e.g. Umeng preInit then init; JPush JCollectionAuth.setAuth before init).",
        zh: '启动时只调用厂商的预初始化/合规接口，用户同意后再初始化 SDK（如友盟 preInit 后 init；极光先 JCollectionAuth.setAuth 再 init）。',
      },
    },
  },
  messages: {
    direct: {
      en: '{sdk:sdk} is initialised ({apis:method}) directly in {rootKind:root} {root:method}: before any consent dialog',
      zh: '{sdk:sdk}在{rootKind:root} {root:method} 中被直接初始化（{apis:method}）：早于任何隐私弹窗',
    },
    reachable: {
      en: '{sdk:sdk} is initialised ({apis:method}) on startup from {rootKind:root} {root:method} with no consent gate on the path: {path:path}',
      zh: '{sdk:sdk}在启动时从{rootKind:root} {root:method} 被初始化（{apis:method}），路径上没有同意判断：{path:path}',
    },
  },
  *check({ facts }) {
    const reach = facts.reachability;
    if (reach === undefined) return;
    // One finding per SDK and root (and whether the start is direct): every start call as evidence.
    const groups = new Map<string, ReachHit[]>();
    for (const h of reach.hits) {
      if (h.what !== 'sdk-init' || h.gated || h.sdk === undefined || sdkProvider(facts, h.root)) continue;
      const key = `${h.direct ? 'direct' : 'reachable'}|${h.sdk.id}|${h.root.cls}->${h.root.method}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [h]);
      else g.push(h);
    }
    for (const [key, hits] of groups) {
      const first = hits[0] as ReachHit;
      const direct = key.startsWith('direct|');
      yield {
        messageId: direct ? 'direct' : 'reachable',
        verdict: direct ? 'fail' : 'warn',
        data: { sdk: first.sdk?.id ?? '', apis: [...new Set(hits.map((h) => h.api ?? ''))], rootKind: first.root.kind, root: `${first.root.cls}->${first.root.method}`, path: first.path },
        evidence: hits.map((h) => reachEvidence(facts, h)),
        key,
      };
    }
  },
});
