import { defineCheck } from '../../src/engine/check.js';
import { componentEvidence, manifestEvidence } from '../../src/facts/evidence.js';

/** grant-uri-permission paths that cover the whole provider. */
const BROAD_PATH = new Set(['/', '', '.*', '/.*']);

export default defineCheck({
  meta: {
    id: 'c10/exported-provider',
    clause: 10,
    title: { en: 'Content provider exported without a permission', zh: '内容提供器导出且无权限保护' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (access control); MobSF exported_provider. An exported provider without a permission can be queried by any app; before API 17 providers were exported by default.',
        zh: '《个人信息保护法》第五十一条（访问控制）；MobSF exported_provider。未设权限的导出 Provider 可被任何应用查询；API 17 之前 Provider 默认导出。',
      },
      fix: {
        en: 'Set android:exported="false", or protect the provider with a signature-level permission; grant URI permissions only on narrow paths.',
        zh: '设置 android:exported="false"，或用 signature 级权限保护；仅对具体路径授予 URI 权限。',
      },
    },
  },
  messages: {
    exported: {
      en: 'provider {name} is exported without a read/write permission: any app can query it',
      zh: '内容提供器 {name} 已导出且未设置读写权限：任何应用都可查询',
    },
    implied: {
      en: 'provider {name} is exported by default (targetSdk {targetSdk} < 17) without a permission: any app can query it',
      zh: '内容提供器 {name} 因 targetSdk {targetSdk} < 17 默认导出且无权限保护：任何应用都可查询',
    },
    broadGrant: {
      en: 'provider {name} grants URI permissions on a broad path ({paths})',
      zh: '内容提供器 {name} 对宽泛路径授予 URI 权限（{paths}）',
    },
    grantAll: {
      en: 'provider {name} grants URI permissions on every path (grantUriPermissions="true" with no grant-uri-permission element)',
      zh: '内容提供器 {name} 对所有路径授予 URI 权限（grantUriPermissions="true" 且没有 grant-uri-permission 元素）',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    for (const c of m.components) {
      if (c.kind !== 'provider' || !c.enabled) continue;
      const unprotected = c.permission === undefined && (c.readPermission === undefined || c.writePermission === undefined);
      if (c.exported && unprotected) {
        const implied = c.exportedExplicit === undefined;
        const ev = componentEvidence(c, [], facts.ownerOfClass(c.name));
        yield {
          messageId: implied ? 'implied' : 'exported',
          verdict: 'warn',
          data: { name: c.name, targetSdk: m.effectiveTargetSdk },
          evidence: [implied ? ev : { ...ev, location: manifestEvidence(`${c.path}/@android:exported`).location }],
        };
      }
      if (!c.exported) continue;
      const broad = c.grantUriPaths.filter((p) => BROAD_PATH.has(p));
      if (broad.length > 0) yield { messageId: 'broadGrant', verdict: 'warn', data: { name: c.name, paths: broad }, evidence: [componentEvidence(c, [], facts.ownerOfClass(c.name))] };
      else if (c.grantUriPermissions && c.grantUriPaths.length === 0) yield { messageId: 'grantAll', verdict: 'warn', data: { name: c.name }, evidence: [componentEvidence(c, [], facts.ownerOfClass(c.name))] };
    }
  },
});
