import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import { loadData } from '../../src/util/data-path.js';

/**
 * What proves a permission is used (rules/data/permission-evidence.json, from axplorer's
 * API→permission maps): framework methods and fields it guards, content URIs and strings.
 */
interface PermissionEvidence {
  permissions: Record<string, { untracked?: boolean; methods?: string[]; fields?: string[]; uris?: string[]; strings?: string[] }>;
}

export default defineCheck({
  meta: {
    id: 'c02/unused-dangerous-permission',
    clause: 2,
    title: { en: 'Dangerous permission requested but never used', zh: '申请了未使用的危险权限' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'fail'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 四.1 (requesting permissions unrelated to the service); GB/T 41391-2022 6.5. The evidence of use is the framework API, field, content URI or broadcast each permission guards (axplorer API→permission maps, CLAUSES.md §2.1). Use through reflection or native code is invisible, hence WARN (FAIL only under --strict).',
        zh: '《认定方法》四.1（申请与业务无关的权限）；GB/T 41391-2022 6.5。使用证据是各权限保护的框架 API、字段、内容 URI 或广播（axplorer API→权限映射、CLAUSES.md §2.1）。反射或原生代码的使用无法看到，因此默认 WARN（仅 --strict 下 FAIL）。',
      },
      fix: {
        en: 'Remove the permission from the manifest (and from merged library manifests with tools:node="remove") if no feature needs it.',
        zh: '如无功能需要，从清单中删除该权限（依赖库合并进来的用 tools:node="remove" 删除）。',
      },
    },
  },
  messages: {
    unused: {
      en: '{permission} is requested, but no code in the app (first party or SDK) calls an API that needs it',
      zh: '申请了 {permission}，但应用（含 SDK）中没有任何代码调用需要该权限的 API',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined || code.units.length === 0) return;
    const table = loadData<PermissionEvidence>('permission-evidence.json').permissions;
    const m = facts.manifest;
    const receiverActions = new Set(m.components.flatMap((c) => c.intentFilters.flatMap((f) => f.actions)));
    const strings = new Set<string>();
    const seen = new Set<string>();
    for (const p of m.usesPermissions) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      const row = table[p.name];
      if (row === undefined || row.untracked === true) continue;
      // Not requested on any device the app installs on.
      if (p.maxSdkVersion !== undefined && p.maxSdkVersion < m.effectiveMinSdk) continue;
      const used =
        (row.methods ?? []).some((r) => {
          const [cls, name] = r.split('->') as [string, string];
          return code.invokesOf(cls, name).length > 0;
        }) ||
        (row.fields ?? []).some((r) => {
          const [cls, name] = r.split('->') as [string, string];
          return code.fieldReadsOf(cls, name).length > 0;
        }) ||
        [...(row.uris ?? []), ...(row.strings ?? [])].some((u) => {
          if (!strings.has(u) && code.stringSitesWithPrefix(u).length > 0) strings.add(u);
          return strings.has(u);
        }) ||
        // SMS and MMS arrive as broadcasts: a receiver for them is the use.
        (p.name.endsWith('.RECEIVE_SMS') && receiverActions.has('android.provider.Telephony.SMS_RECEIVED')) ||
        (p.name.endsWith('.RECEIVE_MMS') && receiverActions.has('android.provider.Telephony.WAP_PUSH_RECEIVED'));
      if (!used) yield { messageId: 'unused', verdict: 'warn', strictVerdict: 'fail', data: { permission: p.name }, evidence: [manifestEvidence(p.path, p.name)] };
    }
  },
});
