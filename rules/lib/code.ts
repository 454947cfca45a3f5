import type { Evidence, Owner } from '../../src/model/index.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import type { ApiUse } from '../../src/facts/api-uses.js';
import type { CodeSite } from '../../src/facts/code.js';
import { piKindInfo } from '../../src/facts/pi-table.js';

/** Evidence at a call site: DEX entry, method in descriptor form, pc, and who owns the method. */
export function siteEvidence(facts: AppFacts, site: CodeSite, detail?: string): Evidence {
  const code = facts.code;
  const method = code?.callerRef(site) ?? '?';
  const cls = code?.callerClass(site) ?? '';
  const e: Evidence = { location: { kind: 'dex', entry: site.unit.entry, method, pc: site.pc }, owner: facts.ownerOfClass(descriptorToClassName(cls)) };
  if (detail !== undefined) e.detail = detail;
  return e;
}

export function useEvidence(u: ApiUse): Evidence {
  const e: Evidence = u.pc === undefined ? { location: { kind: 'dex', entry: u.entry, method: u.caller }, owner: u.owner } : { location: { kind: 'dex', entry: u.entry, method: u.caller, pc: u.pc }, owner: u.owner };
  e.detail = u.api;
  e.note = { id: 'pi-kind', data: { kind: u.kind } };
  return e;
}

/** Evidence for a class (a subclass match or a class-level fact). */
export function classEvidence(facts: AppFacts, descriptor: string, detail?: string): Evidence {
  const dex = facts.code?.hierarchy.definingDex(descriptor);
  const e: Evidence = { location: { kind: 'dex', entry: dex?.entry ?? '', method: descriptor }, owner: facts.ownerOfClass(descriptorToClassName(descriptor)) };
  if (detail !== undefined) e.detail = detail;
  return e;
}

export function kindLabel(kind: string, lang: 'en' | 'zh' = 'en'): string {
  return piKindInfo(kind)?.[lang] ?? kind;
}

export function ownerKey(o: Owner | undefined): string {
  if (o === undefined) return 'app';
  return o.kind === 'sdk' ? `sdk:${o.id}` : o.kind === 'library' ? `library:${o.name}` : o.kind;
}

/** `first-party code` / `Umeng Analytics (友盟统计)` / `library AndroidX` / `unattributed (renamed) code`. */
export function ownerLabel(o: Owner | undefined, lang: 'en' | 'zh'): string {
  if (o === undefined || o.kind === 'app') return lang === 'zh' ? '应用自身代码' : 'first-party code';
  if (o.kind === 'unknown') return lang === 'zh' ? '无法归属的混淆代码' : 'unattributed (renamed) code';
  if (o.kind === 'library') return lang === 'zh' ? `第三方库 ${o.name}` : `library ${o.name}`;
  return o.name;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list === undefined) m.set(k, [t]);
    else list.push(t);
  }
  return m;
}

/** Evidence lists are capped: the report shows where to look, not every site of a large app. */
export const MAX_EVIDENCE = 10;
