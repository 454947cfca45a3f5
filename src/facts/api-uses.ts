import type { Owner } from '../model/index.js';
import type { CodeFacts, CodeSite, DexUnit } from './code.js';
import type { PiTable } from './pi-table.js';

export type ApiVia = 'invoke' | 'field' | 'string-pair' | 'string' | 'reflection' | 'subclass';

/** One place where code touches a personal-information source (CLAUSES.md §2.1). */
export interface ApiUse {
  /** PI kind id of rules/data/pi-apis.json (IMEI, LOCATION, APPLIST…). */
  kind: string;
  /** What was matched: `Lcls;->method`, `Lcls;->FIELD`, `"content://sms"`, `extends Lcls;`. */
  api: string;
  via: ApiVia;
  /** DEX entry holding the site. */
  entry: string;
  /** The method (or, for subclasses, the class) holding the site, in descriptor form. */
  caller: string;
  /** Descriptor of the caller's class. */
  callerClass: string;
  pc?: number;
  owner: Owner;
  /**
   * Set when the bytes cannot tell whether this reads the PI kind (TelephonyManager.listen with
   * flags computed at runtime): checks give review, saying why.
   */
  uncertain?: 'listen-flags';
  /** read (default): the call returns the PI; listen: it registers for later values; probe: it only tells whether one exists. */
  role?: 'listen' | 'probe';
  /** The underlying site (absent for subclass matches); not part of the report. */
  site?: CodeSite;
}

function descriptorToClassName(desc: string): string {
  return desc.startsWith('L') && desc.endsWith(';') ? desc.slice(1, -1).replace(/\//g, '.') : desc;
}

/**
 * Every PI source site in the app, each attributed to first-party code or to the SDK whose
 * namespace holds the caller. Matching follows CLAUSES.md: invokes by declaring class + method
 * name (any overload), static field reads, a const-string next to the call it parameterises
 * (Settings.Secure.getString + "android_id"), URI strings, reflection strings, and subclasses.
 */
export function computeApiUses(code: CodeFacts, table: PiTable, ownerOfClass: (className: string) => Owner): ApiUse[] {
  const out: ApiUse[] = [];
  const ownerCache = new Map<string, Owner>();
  const owner = (desc: string): Owner => {
    let o = ownerCache.get(desc);
    if (o === undefined) {
      o = ownerOfClass(descriptorToClassName(desc));
      ownerCache.set(desc, o);
    }
    return o;
  };
  const fromSite = (kind: string, api: string, via: ApiVia, site: CodeSite): ApiUse => {
    const callerClass = code.callerClass(site);
    return { kind, api, via, entry: site.unit.entry, caller: code.callerRef(site), callerClass, pc: site.pc, owner: owner(callerClass), site };
  };

  code.prefetchInvokes([...table.methods.map((m) => ({ class: m.class, method: m.method })), ...table.stringPairs]);
  for (const m of table.methods) {
    for (const site of code.invokesOf(m.class, m.method)) {
      const use = fromSite(m.kind, `${m.class}->${m.method}`, 'invoke', site);
      if (m.role === 'listen' || m.role === 'probe') use.role = m.role;
      out.push(use);
    }
  }
  for (const f of table.fields) {
    for (const site of code.fieldReadsOf(f.class, f.field)) out.push(fromSite(f.kind, `${f.class}->${f.field}`, 'field', site));
  }
  for (const p of table.stringPairs) {
    for (const site of code.invokesOf(p.class, p.method)) {
      if (code.stringsInMethod(site).includes(p.string)) out.push(fromSite(p.kind, `${p.class}->${p.method}("${p.string}")`, 'string-pair', site));
    }
  }
  // URI strings and reflection targets: looked up in each DEX's sorted string table, so the
  // app's tens of thousands of other strings are never decoded here.
  for (const r of table.strings) {
    const sites = r.match === 'exact' ? code.stringSitesEqual(r.string) : code.stringSitesWithPrefix(r.string);
    for (const site of sites) out.push(fromSite(r.kind, JSON.stringify(site.unit.dex.string(site.ref).slice(0, 120)), 'string', site));
  }
  for (const r of table.reflection) {
    for (const site of code.stringSitesEqual(r.className)) out.push(fromSite(r.kind, `Class.forName("${r.className}")`, 'reflection', site));
  }
  for (const sc of table.subclasses) {
    for (const desc of subclassesOf(code, sc.class)) {
      const unit = unitDefining(code, desc);
      out.push({ kind: sc.kind, api: `extends ${sc.class}`, via: 'subclass', entry: unit?.entry ?? '', caller: desc, callerClass: desc, owner: owner(desc) });
    }
  }
  return out;
}

function subclassesOf(code: CodeFacts, ancestor: string): string[] {
  return code.hierarchy.subclassesOf(ancestor).map((c) => c.descriptor);
}

function unitDefining(code: CodeFacts, desc: string): DexUnit | undefined {
  const dex = code.hierarchy.definingDex(desc);
  return dex === undefined ? undefined : code.units.find((u) => u.dex === dex);
}
