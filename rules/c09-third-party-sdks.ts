import { defineCheck, defineClause } from '../src/engine/types.js';
import { sdkDisplayName } from '../src/facts/app-facts.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';

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

export default defineClause({
  clause: 9,
  slug: 'third-party-sdks',
  title: {
    zh: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则',
    en: 'Review SDKs and other third-party services before integrating them',
  },
  pledge: '在接入SDK等第三方服务前对其严格审查，确保符合本APP个人信息处理规则。',
  requires: ['manifest', 'dex', 'native', 'assets'],
  checks: [autoInitProvider, selfStart],
  manualChecks: [
    {
      en: "Compare the detected SDK inventory with the privacy policy's third-party SDK list (第三方SDK目录): every SDK named, with its purpose, the data it collects and a link to its own policy.",
      zh: '将检测到的 SDK 清单与隐私政策中的第三方 SDK 目录逐一比对：每个 SDK 均应列明用途、收集的信息及其隐私政策链接。',
    },
  ],
});
