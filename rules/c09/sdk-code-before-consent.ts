import { defineCheck } from '../../src/engine/check.js';
import { sdkProvider } from '../lib/sdk-provider.js';
import { reachEvidence } from '../../src/facts/evidence.js';
import type { ReachHit } from '../../src/facts/reach.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-code-before-consent',
    clause: 9,
    title: { en: "SDK code runs before the user agrees", zh: '用户同意前运行 SDK 代码' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'reachable',
    needs: ['dex'],
    docs: {
      basis: {
        en: "工信部164号文 and TC260-PG-20205A: an SDK must not collect before the user agrees, and the app must not start it before then. Any call from the app into an SDK's classes on a startup path runs that SDK's code before consent. A known start entry point is c09/sdk-init-before-consent; this check covers the other calls (instance starts through getInstance(), configuration and start methods the catalogue does not list), so that no SDK start on a startup path goes unreported.",
        zh: '工信部164号文及 TC260-PG-20205A：SDK 不得在用户同意前收集信息，应用不得在此之前启动 SDK。启动路径上应用对 SDK 类的任何调用都会在同意前运行该 SDK 的代码。已知的启动入口由 c09/sdk-init-before-consent 报告；本检查覆盖其余调用（经 getInstance() 的实例启动、目录未列出的配置与启动方法），使启动路径上的 SDK 启动不被遗漏。',
      },
      fix: {
        en: 'Call the SDK only after the user agrees to the privacy policy (or after the vendor\'s consent API), and check the path shown: the first call into the SDK is where to move the consent check.',
        zh: '仅在用户同意隐私政策后（或调用厂商合规接口后）调用该 SDK；按所示路径检查：对 SDK 的第一处调用就是应加同意判断的位置。',
      },
    },
  },
  messages: {
    component: {
      en: "{sdk:sdk}'s code runs before consent: Android starts its {rootKind:root} {root:method} at launch, before any consent dialog",
      zh: '{sdk:sdk}的代码在用户同意前运行：Android 在启动时运行其{rootKind:root} {root:method}，早于任何隐私弹窗',
    },
    calls: {
      en: "{sdk:sdk}'s code runs before consent: {api:method} is called on startup from {rootKind:root} {root:method} with no consent gate on the path: {path:path}",
      zh: '{sdk:sdk}的代码在用户同意前运行：启动时从{rootKind:root} {root:method} 调用了 {api:method}，路径上没有同意判断：{path:path}',
    },
  },
  *check({ facts }) {
    const reach = facts.reachability;
    if (reach === undefined) return;
    // A start entry point is the stronger fact (c09/sdk-init-before-consent); a plain call is
    // reported only for SDKs that root does not start that way.
    const started = new Set(reach.hits.filter((h) => h.what === 'sdk-init' && !h.gated).map((h) => `${h.sdk?.id ?? ''}|${h.root.cls}->${h.root.method}`));
    for (const h of reach.hits as ReachHit[]) {
      if (h.what !== 'sdk-call' || h.gated || h.sdk === undefined || sdkProvider(facts, h.root)) continue;
      const root = `${h.root.cls}->${h.root.method}`;
      if (started.has(`${h.sdk.id}|${root}`)) continue;
      if (h.api === root) yield { messageId: 'component', verdict: 'warn', data: { sdk: h.sdk.id, rootKind: h.root.kind, root }, evidence: [reachEvidence(facts, h)], key: `${h.sdk.id}|${root}` };
      else yield { messageId: 'calls', verdict: 'warn', data: { sdk: h.sdk.id, api: h.api ?? '', rootKind: h.root.kind, root, path: h.path }, evidence: [reachEvidence(facts, h)], key: `${h.sdk.id}|${root}` };
    }
  },
});
