import { defineCheck, defineClause } from '../src/engine/types.js';
import { manifestEvidence } from './lib/evidence.js';
import { isDangerous, runtimeGroup } from './lib/permissions.js';
import { siteEvidence } from './lib/code.js';
import { descriptorToClassName, type AppFacts } from '../src/facts/app-facts.js';

const legacyTargetSdk = defineCheck({
  meta: {
    id: 'c01/target-sdk-below-23',
    title: { en: 'Dangerous permissions granted at install time (targetSdk < 23)', zh: '危险权限在安装时一揽子授予（targetSdk < 23）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "GB/T 41391-2022 6.5 (system permissions: request at the time of use, for a stated purpose); 认定方法 四.6 and the 2023 MIIT notice (信管函〔2023〕26号): no bundled grant of several non-necessary permissions. Apps targeting API < 23 get every dangerous permission at install time.",
        zh: "GB/T 41391-2022 第6.5条（系统权限应在使用时申请并说明目的）；《认定方法》四.6 与工信部 2023 年通知（信管函〔2023〕26号）：不得一揽子申请多项非必要权限。targetSdk < 23 的应用在安装时即获得全部危险权限。",
      },
      fix: {
        en: "Raise targetSdkVersion to 23 or higher (current store rules require much higher) and request each dangerous permission at runtime, when the feature that needs it starts, with its purpose explained.",
        zh: "将 targetSdkVersion 提升至 23 以上（应用商店现行要求更高），并在相关功能启动时按需动态申请各项危险权限、说明用途。",
      },
    },
    messages: {
      legacy: {
        en: 'targetSdk {{targetSdk}} < 23: the {{count}} dangerous permissions ({{permissions}}) are granted at install without a runtime prompt, so consent cannot be asked per feature',
        zh: 'targetSdk {{targetSdk}} < 23：{{count}} 项危险权限（{{permissions}}）在安装时即被授予、无运行时弹窗，无法按功能征得同意',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    if (m.effectiveTargetSdk >= 23) return;
    const dangerous = m.usesPermissions.filter((p) => !p.sdk23 && isDangerous(p.name));
    if (dangerous.length === 0) return;
    const names = [...new Set(dangerous.map((p) => p.name.replace(/^android\.permission\./, '')))];
    report({
      messageId: 'legacy',
      verdict: 'warn',
      data: { targetSdk: m.effectiveTargetSdk, count: names.length, permissions: names.join(', ') },
      evidence: [manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.targetSdk ?? `(unset; minSdk ${m.effectiveMinSdk})`}`), ...dangerous.slice(0, 9).map((p) => manifestEvidence(p.path, p.name))],
    });
  },
});

const REQUEST_HOLDERS = ['Landroid/app/Activity;', 'Landroid/app/Fragment;', 'Landroidx/fragment/app/Fragment;', 'Landroid/support/v4/app/Fragment;'];
const REQUEST_HELPERS = ['Landroidx/core/app/ActivityCompat;', 'Landroid/support/v4/app/ActivityCompat;'];

const bulkPermissionRequest = defineCheck({
  meta: {
    id: 'c01/bulk-permission-request',
    title: { en: 'Several permission groups requested at once on launch', zh: '启动时一次性申请多组权限' },
    verdicts: ['warn'],
    needs: ['manifest', 'dex'],
    docs: {
      basis: {
        en: '2023 MIIT notice (信管函〔2023〕26号): "不得要求用户一揽子同意打开多个非必要权限"; 认定方法 四.6; GB/T 41391-2022 6.5 (request a permission when the feature that needs it is used). A request from the launcher or the Application names its permissions before the user has chosen any feature.',
        zh: '工信部 2023 年通知（信管函〔2023〕26号）："不得要求用户一揽子同意打开多个非必要权限"；《认定方法》四.6；GB/T 41391-2022 第6.5条（在使用相关功能时申请权限）。启动页或 Application 中的申请发生在用户选择任何功能之前。',
      },
      fix: {
        en: 'Request each permission when the feature that needs it starts, one group at a time, after explaining its purpose.',
        zh: '在需要的功能启动时逐组申请权限，并事先说明用途。',
      },
    },
    messages: {
      bundle: {
        en: '{{cls}} requests {{count}} permission groups in one call ({{groups}}): {{permissions}}',
        zh: '{{cls}}在一次调用中申请 {{count}} 组权限（{{groups}}）：{{permissions}}',
      },
    },
  },
  run({ facts, report }) {
    const code = facts.code;
    if (code === undefined) return;
    const m = facts.manifest;
    const launcher = m.launcherActivities[0];
    const target = launcher === undefined ? undefined : (m.components.find((c) => c.kind === 'activity-alias' && c.name === launcher)?.targetActivity ?? launcher);
    const startup = [target, m.application?.className].filter((n): n is string => n !== undefined).map((n) => `L${n.replace(/\./g, '/')}`);
    // The class itself or its inner classes (a dialog callback in the launcher).
    const isStartup = (desc: string): boolean => startup.some((s) => desc === `${s};` || desc.startsWith(`${s}$`));
    const sites = code.invokesOfName('requestPermissions', (c) => REQUEST_HELPERS.includes(c) || REQUEST_HOLDERS.some((h) => code.isA(c, h)));
    const seen = new Set<string>();
    for (const site of sites) {
      const cls = code.callerClass(site);
      const caller = code.callerRef(site);
      if (!isStartup(cls) || seen.has(caller)) continue;
      seen.add(caller);
      // Permission arrays are const-strings in the calling method, or a static array built in <clinit>.
      let names = code.stringsInMethod(site).filter((n) => runtimeGroup(n) !== undefined);
      if (names.length === 0) {
        names = staticInitStrings(facts, cls).filter((n) => runtimeGroup(n) !== undefined);
      }
      const groups = [...new Set(names.map((n) => runtimeGroup(n) as string))];
      if (groups.length < 2) continue;
      const permissions = [...new Set(names.map((n) => n.replace(/^android\.permission\./, '')))];
      report({
        messageId: 'bundle',
        verdict: 'warn',
        data: { cls: descriptorToClassName(cls), count: groups.length, groups: groups.join(', '), permissions: permissions.join(', ') },
        evidence: [siteEvidence(facts, site, permissions.join(', '))],
      });
    }
  },
});

/** Const-strings of a class's static initialiser (where `static final String[] PERMS = {…}` is built). */
function staticInitStrings(facts: AppFacts, cls: string): string[] {
  const code = facts.code;
  if (code === undefined) return [];
  for (const u of code.units) {
    const hit = code.hierarchy.definingDex(cls);
    if (hit !== u.dex) continue;
    const clinit = code.hierarchy.methodsOf(cls, '<clinit>')[0];
    if (clinit === undefined) return [];
    return code.stringsInMethod({ unit: u, caller: clinit.methodIdx });
  }
  return [];
}

export default defineClause({
  clause: 1,
  slug: 'lawful',
  title: {
    zh: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设',
    en: 'Obey laws, regulations and policies; build personal-information compliance',
  },
  pledge: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [legacyTargetSdk, bulkPermissionRequest],
  manualChecks: [
    {
      en: 'Open the app on a clean install: a privacy-policy dialog must appear before any data is collected, with distinct Agree and Disagree buttons, the policy reachable within 4 taps, in Simplified Chinese.',
      zh: '全新安装后打开应用：在收集任何信息前应弹出隐私政策，提供"同意"与"不同意"按钮，政策在 4 次点击内可达，且为简体中文。',
    },
  ],
});
