import { defineCheck, type FindingDraft } from '../../src/engine/check.js';
import { nscEvidence } from '../lib/nsc-evidence.js';

type Id = 'user' | 'userDomain' | 'overridePins' | 'overridePinsBase';

/** A base-config or domain-config with its trust anchors. */
interface Scope {
  /** The domains a domain-config names; undefined for the base-config. */
  domains?: string[];
  path: string;
  anchors: { src: string; overridePins: boolean }[];
}

export default defineCheck({
  meta: {
    id: 'c10/trusts-user-certificates',
    clause: 10,
    title: { en: 'Trusts user-installed CA certificates', zh: '信任用户安装的 CA 证书' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['resources'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF network_security.py. Since Android 7 apps trust only system CAs by default; trusting `user` anchors outside <debug-overrides> lets anyone who installs a CA on the device (employers, malware, interception tools) read the app's TLS traffic; overridePins=\"true\" disables pinning for those anchors.",
        zh: '《个人信息保护法》第五十一条；MobSF network_security.py。Android 7 起应用默认只信任系统 CA；在 <debug-overrides> 之外信任 user 证书，会让在设备上安装 CA 的任何人（企业、恶意软件、抓包工具）读取应用的 TLS 流量；overridePins="true" 会使这些证书绕过证书锁定。',
      },
      fix: {
        en: 'Move <certificates src="user"/> into <debug-overrides> (debug builds only) and remove overridePins="true".',
        zh: '将 <certificates src="user"/> 移到 <debug-overrides>（仅调试构建生效），并删除 overridePins="true"。',
      },
    },
  },
  messages: {
    user: { en: 'the base-config of {file} trusts user-installed certificates', zh: '{file} 的 base-config 信任用户安装的证书' },
    userDomain: { en: 'the domain-config for {domains} in {file} trusts user-installed certificates', zh: '{file} 中针对 {domains} 的 domain-config 信任用户安装的证书' },
    overridePins: { en: 'the domain-config for {domains} in {file} sets overridePins="true" for {src} certificates', zh: '{file} 中针对 {domains} 的 domain-config 对 {src} 证书设置了 overridePins="true"' },
    overridePinsBase: { en: 'the base-config of {file} sets overridePins="true" for {src} certificates', zh: '{file} 的 base-config 对 {src} 证书设置了 overridePins="true"' },
  },
  *check({ facts }) {
    const nsc = facts.networkSecurityConfig;
    if (nsc === undefined) return;
    const scopes: Scope[] = [];
    if (nsc.base?.trustAnchors !== undefined) scopes.push({ path: nsc.base.path, anchors: nsc.base.trustAnchors });
    for (const d of nsc.domains) if (d.trustAnchors !== undefined) scopes.push({ domains: d.domains.map((x) => x.name), path: d.path, anchors: d.trustAnchors });
    // <debug-overrides> is not a scope here: it applies to debuggable builds only.
    for (const sc of scopes) {
      const where = sc.domains === undefined ? { file: nsc.entry } : { file: nsc.entry, domains: sc.domains };
      // Every finding is in the one file: the element path tells them apart.
      if (sc.anchors.some((a) => a.src === 'user')) {
        const f: FindingDraft<Id> = { messageId: sc.domains === undefined ? 'user' : 'userDomain', verdict: 'warn', data: where, evidence: [nscEvidence(nsc.entry, `${sc.path}/trust-anchors`, '<certificates src="user"/>')] };
        if (sc.domains !== undefined) f.key = sc.path;
        yield f;
      }
      for (const a of sc.anchors.filter((x) => x.overridePins)) {
        yield {
          messageId: sc.domains === undefined ? 'overridePinsBase' : 'overridePins',
          verdict: 'warn',
          data: { ...where, src: a.src },
          evidence: [nscEvidence(nsc.entry, `${sc.path}/trust-anchors`, `<certificates src="${a.src}" overridePins="true"/>`)],
          key: `${sc.path}|${a.src}`,
        };
      }
    }
  },
});
