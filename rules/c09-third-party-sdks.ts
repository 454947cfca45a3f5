import { defineCheck, defineClause } from '../src/engine/legacy.js';
import { sdkDisplayName } from '../src/facts/app-facts.js';
import { groupBy, kindLabel, MAX_EVIDENCE, ownerKey, ownerLabel, siteEvidence, useEvidence } from './lib/code.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';
import { sdkEvidence, sdkName } from './lib/sdk.js';
import { runtimeCodeLoads } from '../src/facts/coverage-limits.js';
import { undeclaredSdk } from './checks/c09-declared-sdks.js';
import { policyUrls, privacyPolicyDocs, textEvidence } from './lib/text.js';
import { reachEvidence, rootLabel, shortPath } from './lib/reach.js';
import type { SdkFinding } from '../src/facts/sdk-inventory.js';

/** SDK categories that collect or transmit personal information as part of their job. */
const TRACKING = new Set(['ads', 'analytics', 'push', 'attribution', 'crash', 'risk-control']);
const STARTUP_PROVIDER = 'androidx.startup.InitializationProvider';

const autoInitProvider = defineCheck({
  meta: {
    id: 'c09/auto-init-provider',
    title: { en: 'SDK starts itself before the app (auto-init provider)', zh: 'SDK 通过自启动 Provider 在应用之前初始化' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "Content providers start before Application.onCreate (androidx InitializationProvider docs), i.e. before any consent dialog; 164号文 1.1 scenarios 4–5 and 认定方法 三.1 (collecting before consent).",
        zh: "ContentProvider 会在 Application.onCreate 之前启动（androidx InitializationProvider 文档），早于任何隐私弹窗；164号文 1.1 场景4–5、《认定方法》三.1（征得同意前收集）。",
      },
      fix: {
        en: "Disable the SDK's auto-init provider (tools:node=\"remove\" in the manifest, or the vendor's kill-switch meta-data) and initialise the SDK only after the user agrees to the privacy policy, using the vendor's compliance API.",
        zh: "禁用 SDK 的自启动 Provider（在清单中使用 tools:node=\"remove\" 或厂商提供的开关 meta-data），并在用户同意隐私政策后再通过厂商合规接口初始化 SDK。",
      },
    },
    messages: {
      provider: {
        en: '{{sdk}} registers provider {{name}}, which Android starts before Application.onCreate, before any consent dialog can be shown',
        zh: '{{sdk}} 注册了 Provider {{name}}，Android 会在 Application.onCreate 之前启动它，早于任何隐私弹窗',
      },
      initializer: {
        en: '{{sdk}} is started by androidx.startup (initializer {{name}}) before Application.onCreate, before any consent dialog can be shown',
        zh: '{{sdk}} 通过 androidx.startup（初始化器 {{name}}）在 Application.onCreate 之前启动，早于任何隐私弹窗',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    const meta = new Map(m.metaData.map((d) => [d.name, d.value?.text]));
    /** The vendor's documented switch, set to its "off" value, means the provider does not collect. */
    const switchedOff = (sdk: { killSwitchMetaData: { key: string; disableValue: string }[] }): boolean =>
      sdk.killSwitchMetaData.some((k) => meta.get(k.key)?.toLowerCase() === k.disableValue.toLowerCase());
    for (const c of m.components) {
      if (c.kind !== 'provider' || !c.enabled) continue;
      const sdk = facts.sdkOfAutoInitProvider(c.name);
      if (sdk !== undefined && TRACKING.has(sdk.category) && !switchedOff(sdk)) {
        const owner = { kind: 'sdk' as const, id: sdk.id, name: sdkDisplayName(sdk) };
        report({ messageId: 'provider', verdict: 'warn', data: { sdk: sdkDisplayName(sdk), name: c.name }, evidence: [manifestEvidence(c.path, describeComponent(c), owner)] });
      }
      if (c.name !== STARTUP_PROVIDER) continue;
      // androidx.startup runs every initializer listed as meta-data of its provider.
      for (const md of c.metaData) {
        if (md.value?.text !== 'androidx.startup') continue;
        const ref = facts.sdkOfClass(md.name);
        const rec = ref === undefined ? undefined : facts.catalogue.sdks.find((s) => s.id === ref.id);
        if (rec === undefined || !TRACKING.has(rec.category) || switchedOff(rec)) continue;
        const owner = { kind: 'sdk' as const, id: rec.id, name: sdkDisplayName(rec) };
        report({ messageId: 'initializer', verdict: 'warn', data: { sdk: sdkDisplayName(rec), name: md.name }, evidence: [manifestEvidence(md.path, md.name, owner)] });
      }
    }
  },
});

/** System broadcasts that start an app without the user opening it (关联启动/自启动). */
const WAKE_ACTIONS = new Set([
  'android.intent.action.BOOT_COMPLETED',
  'android.intent.action.LOCKED_BOOT_COMPLETED',
  'android.intent.action.QUICKBOOT_POWERON',
  'com.htc.intent.action.QUICKBOOT_POWERON',
  'android.intent.action.USER_PRESENT',
  'android.intent.action.ACTION_POWER_CONNECTED',
  'android.net.conn.CONNECTIVITY_CHANGE',
  'android.intent.action.PACKAGE_ADDED',
  'android.intent.action.PACKAGE_REMOVED',
]);

const selfStart = defineCheck({
  meta: {
    id: 'c09/self-start-receiver',
    title: { en: 'Starts itself on system events (自启动)', zh: '监听系统事件自启动' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "164号文 2.2 (频繁自启动和关联启动) and the 2023 MIIT notice: apps must not start themselves or other apps without a reasonable user-facing reason.",
        zh: "164号文 2.2（频繁自启动和关联启动）及工信部 2023 年通知：无合理场景不得自启动或关联启动。",
      },
      fix: {
        en: "Remove BOOT_COMPLETED/USER_PRESENT/connectivity receivers that only keep push SDKs alive; schedule deferrable work with WorkManager and rely on the system push channel.",
        zh: "删除仅用于推送保活的开机、解锁、网络变化广播接收器；可延迟任务使用 WorkManager，推送依赖系统通道。",
      },
    },
    messages: {
      receiver: {
        en: 'receiver {{name}} is started by {{actions}} without the user opening the app',
        zh: '广播接收器 {{name}} 会被 {{actions}} 唤起，无需用户打开应用',
      },
    },
  },
  run({ facts, report }) {
    for (const c of facts.manifest.components) {
      if (c.kind !== 'receiver' || !c.enabled) continue;
      const actions = [...new Set(c.intentFilters.flatMap((f) => f.actions.filter((a) => WAKE_ACTIONS.has(a))))];
      if (actions.length === 0) continue;
      report({ messageId: 'receiver', verdict: 'warn', data: { name: c.name, actions: actions.join(', ') }, evidence: [manifestEvidence(c.path, `${describeComponent(c)}: ${actions.join(', ')}`)] });
    }
  },
});


const inventory = defineCheck({
  meta: {
    id: 'c09/sdk-inventory',
    title: { en: 'Third-party SDKs to review against the privacy policy', zh: '需对照隐私政策审查的第三方 SDK' },
    verdicts: ['review'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'TC260-PG-20205A (App SDK security guideline); GB/T 35273-2020 9.7; 认定方法 二.1 (list every third-party SDK with its purpose and the PI it collects); the 双清单 requirement. The inventory is the input of the review the pledge asks for.',
        zh: 'TC260-PG-20205A《App 使用 SDK 安全指引》；GB/T 35273-2020 9.7；《认定方法》二.1（逐一列出第三方 SDK 的目的和收集的个人信息）；双清单要求。SDK 清单即承诺所要求审查的输入。',
      },
      fix: {
        en: 'List every SDK below in the privacy policy\'s third-party SDK list (第三方SDK目录) with vendor, purpose, data collected and a link to its policy; remove SDKs nobody can explain.',
        zh: '在隐私政策的第三方 SDK 目录中逐一列出下列 SDK 的厂商、用途、收集的信息及其隐私政策链接；删除无法说明用途的 SDK。',
      },
    },
    manualCheck: {
      en: "Compare the detected SDK inventory with the privacy policy's third-party SDK list (第三方SDK目录): every SDK named, with its purpose, the data it collects and a link to its own policy.",
      zh: '将检测到的 SDK 清单与隐私政策中的第三方 SDK 目录逐一比对：每个 SDK 均应列明用途、收集的信息及其隐私政策链接。',
    },
    messages: {
      sdks: {
        en: '{{count}} third-party SDKs: {{list}}',
        zh: '共 {{count}} 个第三方 SDK：{{list}}',
      },
    },
  },
  run({ facts, report, options }) {
    const sdks = facts.sdks;
    if (sdks.length === 0) return;
    const list = sdks.map((f) => `${sdkName(f, options.lang)} [${f.record.category}${f.piKinds.length > 0 ? `; ${f.piKinds.join('/')}` : ''}]`).join(options.lang === 'zh' ? '；' : '; ');
    report({ messageId: 'sdks', verdict: 'review', data: { count: sdks.length, list }, evidence: sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)).slice(0, 50) });
  },
});

const consentApiMissing = defineCheck({
  meta: {
    id: 'c09/sdk-consent-api-unused',
    title: { en: "SDK's privacy-compliance API is never called", zh: '未调用 SDK 提供的隐私合规接口' },
    verdicts: ['warn'],
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
    messages: {
      missing: {
        en: '{{sdk}} is bundled but its compliance API {{api}} is never called{{unverified}}',
        zh: '集成了{{sdk}}，但从未调用其合规接口 {{api}}{{unverified}}',
      },
    },
  },
  run({ facts, report, options }) {
    // SDKs of one vendor often share one gate (Umeng's UMConfigure.preInit): one finding per gate.
    const byGate = new Map<string, { api: string; unverified: boolean; sdks: SdkFinding[] }>();
    for (const f of facts.sdks) {
      const gates = f.consentApis.filter((a) => a.role === 'gate');
      if (gates.length === 0 || f.detection.obfuscated || f.detection.evidence.classes === 0) continue;
      if (gates.some((g) => g.sites.length > 0)) continue;
      const api = gates.map((g) => g.ref.replace(/^L(.+);->/, (_, c: string) => `${c.replace(/\//g, '.')}.`)).join(' / ');
      const entry = byGate.get(api) ?? { api, unverified: gates.every((g) => !g.verified), sdks: [] };
      entry.sdks.push(f);
      byGate.set(api, entry);
    }
    for (const { api, unverified, sdks } of byGate.values()) {
      const note = unverified ? (options.lang === 'zh' ? '（接口名来自第三方示例，未经厂商文档确认）' : ' (API name from third-party samples, not confirmed in vendor docs)') : '';
      report({
        messageId: 'missing',
        verdict: 'warn',
        data: { sdk: sdks.map((f) => sdkName(f, options.lang)).join(options.lang === 'zh' ? '、' : ', '), api, unverified: note },
        evidence: sdks.flatMap((f) => sdkEvidence(facts, f)).slice(0, MAX_EVIDENCE),
      });
    }
  },
});

const sdkCollectsPi = defineCheck({
  meta: {
    id: 'c09/sdk-collects-pi',
    title: { en: 'SDK reads personal information in its own code', zh: 'SDK 在其代码中读取个人信息' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: '164号文 1.1 scenario 6 (SDKs collecting PI) and the MIIT/CAC notices that name SDK providers; TC260-PG-20205A. Each item must appear in the privacy policy\'s SDK list and have a consent basis.',
        zh: '164号文 1.1 场景6（SDK 收集个人信息）以及点名 SDK 提供方的工信部/网信办通报；TC260-PG-20205A。每项信息都应列入隐私政策的 SDK 清单并有同意基础。',
      },
      fix: {
        en: "Disclose these items for this SDK, switch off what the service does not need (vendor options), and keep the SDK idle until consent.",
        zh: '在 SDK 清单中披露这些信息，关闭业务不需要的收集项（厂商选项），在同意前不启用该 SDK。',
      },
    },
    messages: {
      reads: { en: '{{sdk}} reads {{kinds}}', zh: '{{sdk}}读取{{kinds}}' },
    },
  },
  run({ facts, report, options }) {
    const bySdk = groupBy(
      facts.apiUses.filter((u) => u.owner.kind === 'sdk'),
      (u) => (u.owner.kind === 'sdk' ? u.owner.id : ''),
    );
    for (const f of facts.sdks) {
      const uses = bySdk.get(f.record.id);
      if (uses === undefined) continue;
      const kinds = [...new Set(uses.map((u) => kindLabel(u.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      report({ messageId: 'reads', verdict: 'warn', data: { sdk: sdkName(f, options.lang), kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) });
    }
  },
});

const LOADERS: [string, string][] = [
  ['Ldalvik/system/DexClassLoader;', '<init>'],
  ['Ldalvik/system/InMemoryDexClassLoader;', '<init>'],
  ['Ldalvik/system/PathClassLoader;', '<init>'],
  ['Ldalvik/system/BaseDexClassLoader;', '<init>'],
  ['Ldalvik/system/DexFile;', 'loadDex'],
];

const dynamicCode = defineCheck({
  meta: {
    id: 'c09/dynamic-code-loading',
    title: { en: 'Loads code at runtime', zh: '运行时加载代码' },
    verdicts: ['review'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'TC260-PG-20205A lists malicious SDK behaviour among SDK risks; code loaded at runtime (DexClassLoader, InMemoryDexClassLoader, DexFile.loadDex) is not in the APK, so no static review covers it (CLAUSES.md §5).',
        zh: 'TC260-PG-20205A 将 SDK 恶意行为列为 SDK 风险；运行时加载的代码（DexClassLoader、InMemoryDexClassLoader、DexFile.loadDex）不在 APK 中，任何静态审查都无法覆盖（CLAUSES.md §5）。',
      },
      fix: {
        en: 'Avoid downloading or decrypting code at runtime; if a plugin framework or hot-update SDK needs it, disclose it and review every payload it can load.',
        zh: '避免运行时下载或解密代码；插件框架或热更新 SDK 确需时，应披露并审查其可能加载的每个代码包。',
      },
    },
    manualCheck: {
      en: 'Run the app and capture the DEX/JAR files it writes or downloads (e.g. with a Frida hook on DexClassLoader), then audit those files too.',
      zh: '运行应用并截获其写入或下载的 DEX/JAR 文件（例如 Hook DexClassLoader），再对这些文件进行审查。',
    },
    messages: {
      loads: { en: '{{owner}} loads code at runtime ({{apis}}): that code is outside this audit', zh: '{{owner}}在运行时加载代码（{{apis}}）：这些代码不在本次审查范围内' },
    },
  },
  run({ facts, report, options }) {
    const code = facts.code;
    if (code === undefined) return;
    const sites = runtimeCodeLoads(code, LOADERS);
    for (const group of groupBy(sites, (s) => ownerKey(siteEvidence(facts, s.site).owner)).values()) {
      const ev = group.slice(0, MAX_EVIDENCE).map((s) => siteEvidence(facts, s.site, s.api));
      report({ messageId: 'loads', verdict: 'review', data: { owner: ownerLabel(ev[0]?.owner, options.lang), apis: [...new Set(group.map((s) => s.api))].join(', ') }, evidence: ev });
    }
  },
});


const sdkInitBeforeConsent = defineCheck({
  meta: {
    id: 'c09/sdk-init-before-consent',
    title: { en: 'SDK initialised before the user agrees', zh: '用户同意前初始化 SDK' },
    verdicts: ['fail', 'warn'],
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
    messages: {
      direct: {
        en: '{{sdk}} is initialised ({{api}}) directly in {{root}}: before any consent dialog',
        zh: '{{sdk}}在 {{root}} 中被直接初始化（{{api}}）：早于任何隐私弹窗',
      },
      reachable: {
        en: '{{sdk}} is initialised ({{api}}) on startup from {{root}} with no consent gate on the path: {{path}}',
        zh: '{{sdk}}在启动时从 {{root}} 被初始化（{{api}}），路径上没有同意判断：{{path}}',
      },
    },
  },
  run({ facts, report, options }) {
    const reach = facts.reachability;
    if (reach === undefined) return;
    for (const h of reach.hits) {
      if (h.what !== 'sdk-init' || h.gated || h.sdk === undefined) continue;
      const name = options.lang === 'zh' ? (h.sdk.name.zh ?? h.sdk.name.en) : sdkDisplayName(h.sdk);
      const api = (h.api ?? '').replace(/^L(.+);->/, (_, c: string) => `${c.replace(/\//g, '.')}.`);
      report({
        messageId: h.direct ? 'direct' : 'reachable',
        verdict: h.direct ? 'fail' : 'warn',
        data: { sdk: name, api, root: rootLabel(h.root, options.lang), path: shortPath(h.path) },
        evidence: [reachEvidence(facts, h)],
      });
    }
  },
});

// Words that name no vendor on their own (an SDK called "Push" is not named by "push").
const GENERIC = new Set(['sdk', 'mobile', 'push', 'analytics', 'ads', 'map', 'maps', 'location', 'share', 'login', 'pay', 'android', 'app', 'open', 'cloud', 'services', 'service', 'the']);

/** Ways a privacy policy may name an SDK: its names and vendor (Chinese and English) and packages. */
function namesOf(f: SdkFinding): string[] {
  const r = f.record;
  // "友盟+" is written "友盟" in policies; a name's parenthesis is an alias ("(U-App)"), a
  // vendor's is its parent company ("(Alibaba)"), which names nothing in particular.
  const bare = (s: string): string => s.replace(/[（(].*?[)）]/g, '').replace(/[+＋]+$/, '').trim();
  const name = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s), ...[...s.matchAll(/[（(](.*?)[)）]/g)].map((m) => m[1] ?? '')]);
  const vendor = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s)]);
  const words = bare(r.name.en).split(/[\s/]+/).filter((w) => w.length >= 4 && !GENERIC.has(w.toLowerCase()));
  return [...name(r.name.en), ...name(r.name.zh), ...vendor(r.vendor.en), ...vendor(r.vendor.zh), ...words.slice(0, 1), ...r.packages]
    .map((n) => n.toLowerCase().replace(/\s+/g, ''))
    .filter((n) => n.length >= 2 && !GENERIC.has(n));
}

const sdkNotInPolicy = defineCheck({
  meta: {
    id: 'c09/sdk-not-in-policy',
    title: { en: 'SDK not named in the privacy policy', zh: '隐私政策未列明的 SDK' },
    verdicts: ['warn', 'review'],
    needs: ['dex', 'assets', 'resources'],
    docs: {
      basis: {
        en: '认定方法 二.1 ("未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围"); the MIIT 双清单 (third-party sharing list). Each detected SDK is looked for, by its Chinese and English names, vendor and package, in the privacy policy bundled with the app; when the policy is only a link, the comparison is for review.',
        zh: '《认定方法》二.1（未逐一列出App（包括委托的第三方或嵌入的第三方代码、插件）收集使用个人信息的目的、方式、范围）；工信部"双清单"（第三方共享清单）。按中英文名称、厂商和包名在应用内置的隐私政策中查找每个检测到的 SDK；政策仅以链接提供时，需人工比对。',
      },
      fix: { en: 'Name every SDK in the policy\'s third-party SDK list with its vendor, purpose, the data it collects and a link to its own policy.', zh: '在隐私政策的第三方 SDK 目录中列明每个 SDK 的厂商、用途、收集的信息及其隐私政策链接。' },
    },
    manualCheck: {
      en: 'Open the linked privacy policy and check each listed SDK is named in its third-party SDK list with purpose, data and a link to the SDK\'s own policy.',
      zh: '打开链接的隐私政策，检查所列每个 SDK 是否在第三方 SDK 目录中列明用途、信息种类及其隐私政策链接。',
    },
    messages: {
      unnamed: { en: '{{sdk}} is bundled but {{entry}} does not name it (looked for {{names}})', zh: '集成了{{sdk}}，但 {{entry}} 未提及（查找了 {{names}}）' },
      remote: { en: 'the privacy policy is only linked ({{url}}): check that it names {{sdks}}', zh: '隐私政策仅以链接提供（{{url}}）：请核对其是否列明{{sdks}}' },
    },
  },
  run({ facts, report, options }) {
    const sdks = facts.sdks;
    if (sdks.length === 0) return;
    const docs = privacyPolicyDocs(facts);
    if (docs.length === 0) {
      const url = policyUrls(facts)[0];
      if (url !== undefined) report({ messageId: 'remote', verdict: 'review', data: { url: url.value, sdks: sdks.map((f) => sdkName(f, options.lang)).join(options.lang === 'zh' ? '、' : ', ') }, evidence: [textEvidence(url)] });
      return;
    }
    const text = docs.map((d) => d.text.toLowerCase().replace(/\s+/g, '')).join('\n');
    const doc = docs[0] as (typeof docs)[number];
    for (const f of sdks) {
      const names = namesOf(f);
      if (names.some((n) => text.includes(n))) continue;
      report({
        messageId: 'unnamed',
        verdict: 'warn',
        data: { sdk: sdkName(f, options.lang), entry: doc.entry, names: names.slice(0, 4).join(', ') },
        evidence: [...sdkEvidence(facts, f).slice(0, 1), { location: doc.location, detail: doc.text.slice(0, 80) }],
      });
    }
  },
});

export default defineClause({
  clause: 9,
  slug: 'third-party-sdks',
  title: {
    zh: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则',
    en: 'Review SDKs and other third-party services before integrating them',
  },
  pledge: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则。',
  requires: ['manifest', 'dex', 'native', 'assets'],
  checks: [sdkInitBeforeConsent, autoInitProvider, selfStart, inventory, sdkNotInPolicy, undeclaredSdk, consentApiMissing, sdkCollectsPi, dynamicCode],
  manualChecks: [
    {
      en: "Compare the detected SDK inventory with the privacy policy's third-party SDK list (第三方SDK目录): every SDK named, with its purpose, the data it collects and a link to its own policy.",
      zh: '将检测到的 SDK 清单与隐私政策中的第三方 SDK 目录逐一比对：每个 SDK 均应列明用途、收集的信息及其隐私政策链接。',
    },
  ],
});
