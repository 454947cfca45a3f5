import { defineCheck, defineClause } from '../src/engine/types.js';
import { loadData } from '../src/util/data-path.js';
import { describeComponent, manifestEvidence } from './lib/evidence.js';

interface ProviderTable {
  providers: Record<string, { sdk: string; category: string }>;
}

const TRACKING = new Set(['ads', 'analytics', 'push', 'attribution', 'crash']);

const autoInitProvider = defineCheck({
  meta: {
    id: 'c09/auto-init-provider',
    title: { en: 'SDK starts itself before the app (auto-init provider)', zh: 'SDK 通过自启动 Provider 在应用之前初始化' },
    verdicts: ['warn'],
    needs: ['manifest'],
    messages: {
      provider: {
        en: '{{sdk}} registers provider {{name}}, which Android starts before Application.onCreate, before any consent dialog can be shown',
        zh: '{{sdk}} 注册了 Provider {{name}}，Android 会在 Application.onCreate 之前启动它，早于任何隐私弹窗',
      },
    },
  },
  run({ facts, report }) {
    const known = loadData<ProviderTable>('auto-init-providers.json').providers;
    for (const c of facts.manifest.components) {
      if (c.kind !== 'provider' || !c.enabled) continue;
      const sdk = known[c.name];
      if (sdk === undefined || !TRACKING.has(sdk.category)) continue;
      report({ messageId: 'provider', verdict: 'warn', data: { sdk: sdk.sdk, name: c.name }, evidence: [manifestEvidence(c.path, describeComponent(c))] });
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
