import { defineCheck } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { siteEvidence } from '../../src/facts/evidence.js';
import { runtimeGroup } from '../lib/permissions.js';

const REQUEST_HOLDERS = ['Landroid/app/Activity;', 'Landroid/app/Fragment;', 'Landroidx/fragment/app/Fragment;', 'Landroid/support/v4/app/Fragment;'];
const REQUEST_HELPERS = ['Landroidx/core/app/ActivityCompat;', 'Landroid/support/v4/app/ActivityCompat;'];

export default defineCheck({
  meta: {
    id: 'c01/bulk-permission-request',
    clause: 1,
    title: { en: 'Several permission groups requested at once on launch', zh: '启动时一次性申请多组权限' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
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
  },
  messages: {
    bundle: {
      en: '{cls:class} requests {count} permission groups in one call ({groups:term}): {permissions}',
      zh: '{cls:class} 在一次调用中申请 {count} 组权限（{groups:term}）：{permissions}',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    const m = facts.manifest;
    // Below API 23 every permission is granted at install and no request dialog is ever shown:
    // that is c01/target-sdk-below-23's finding.
    if (m.effectiveTargetSdk !== undefined && m.effectiveTargetSdk < 23) return;
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
      // One call asks for one array: the permission strings loaded since the previous request in
      // the same method (three one-permission requests in a row are not a bundle).
      const inMethod = sites.filter((s) => s.unit === site.unit && s.caller === site.caller).map((s) => s.pc).sort((a, b) => a - b);
      const prev = inMethod.filter((pc) => pc < site.pc).pop() ?? -1;
      const loaded = code.stringSitesInMethod(site);
      let names = loaded.filter((x) => x.pc > prev && x.pc < site.pc).map((x) => x.value).filter((n) => runtimeGroup(n) !== undefined);
      // Permission arrays may also be a static array built in <clinit>, when the method has one request.
      if (names.length === 0 && inMethod.length === 1) {
        names = staticInitStrings(facts, cls).filter((n) => runtimeGroup(n) !== undefined);
      }
      const groups = [...new Set(names.map((n) => runtimeGroup(n) as string))];
      if (groups.length < 2) continue;
      seen.add(caller);
      const permissions = [...new Set(names.map((n) => n.replace(/^android\.permission\./, '')))];
      yield {
        messageId: 'bundle',
        verdict: 'warn',
        data: { cls, count: groups.length, groups: groups.map((g) => `permissionGroup:${g}`), permissions },
        evidence: [siteEvidence(facts, site, permissions.join(', '))],
      };
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
