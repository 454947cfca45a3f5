import type { AppFacts } from '../facts/app-facts.js';
import { descriptorToClassName } from '../facts/app-facts.js';
import { piKindInfo } from '../facts/pi-table.js';
import type { ReachHit } from '../facts/reach.js';
import { ownerKey, type Owner } from '../model/index.js';
import { buildSdkSection } from './build.js';
import { ownerLabel } from './messages.js';
import { sanitizeForJson } from './sanitize.js';
import { LISTS_SCHEMA_VERSION, type ListEvidence, type ListRoot, type PiConsent, type PiListRow, type PiLists, type PiWhere, type ShareListRow, type SdkStart } from './lists-model.js';

const MAX_EVIDENCE = 5;
const MAX_ROOTS = 5;

/** The group of a PI read, as the audit report's personalInformation groups them (so rows trace to it). */
function groupKey(kind: string, owner: Owner): string {
  return `${kind}|${owner.kind === 'sdk' ? owner.id : owner.kind === 'library' ? `library:${owner.name}` : owner.kind}`;
}

function rootOf(h: ReachHit): ListRoot {
  return { kind: h.root.kind, component: sanitizeForJson(descriptorToClassName(h.root.cls), 1024) };
}

function addRoot(list: ListRoot[], r: ListRoot): void {
  if (list.length < MAX_ROOTS && !list.some((x) => x.kind === r.kind && x.component === r.component)) list.push(r);
}

function permissionsOf(kinds: Iterable<string>, declared: ReadonlySet<string>): { name: string; declared: boolean }[] {
  const names = new Set<string>();
  for (const k of kinds) for (const p of piKindInfo(k)?.permissions ?? []) names.add(p);
  return [...names].sort().map((name) => ({ name, declared: declared.has(name) }));
}

/**
 * Drafts both lists from an app's facts: one collection row per PI kind and collector (the audit
 * report's personalInformation groups), one sharing row per catalogued SDK. When and where come
 * from the startup call graph (src/facts/reach.ts): a read reached from a startup root without a
 * consent gate is collected before consent.
 */
export function buildPiLists(facts: AppFacts, tool: { name: string; version: string }): PiLists {
  const m = facts.manifest;
  const declared = new Set(m.usesPermissions.map((p) => p.name));
  const reach = facts.reachability;
  const hits = reach?.hits ?? [];
  const limits: PiLists['limits'] = [];
  if (facts.code === undefined) limits.push('no-code');
  else if (reach === undefined) limits.push('no-graph');
  else if (reach.truncated) limits.push('graph-bounded');
  const unknownWhen = reach === undefined || reach.truncated;

  const piHits = new Map<string, ReachHit[]>();
  for (const h of hits) {
    if (h.what !== 'pi' || h.use === undefined) continue;
    const k = groupKey(h.use.kind, h.use.owner);
    const list = piHits.get(k);
    if (list === undefined) piHits.set(k, [h]);
    else list.push(h);
  }

  const rows = new Map<string, PiListRow>();
  for (const u of facts.apiUses) {
    const key = groupKey(u.kind, u.owner);
    let row = rows.get(key);
    if (row === undefined) {
      const info = piKindInfo(u.kind);
      const ok = ownerKey(u.owner);
      const found = piHits.get(key) ?? [];
      const roots: ListRoot[] = [];
      for (const h of found) addRoot(roots, rootOf(h));
      const onStartup = found.filter((h) => h.root.kind !== 'boot-receiver');
      const where: PiWhere = onStartup.length > 0 ? 'startup' : found.length > 0 ? 'background' : 'feature';
      const consent: PiConsent = found.some((h) => !h.gated) ? 'before' : found.length > 0 ? 'after-gate' : unknownWhen ? 'unknown' : 'on-use';
      row = {
        kind: u.kind,
        label: { en: info?.en ?? u.kind, zh: info?.zh ?? u.kind },
        collector: u.owner,
        collectorName: { en: sanitizeForJson(ownerLabel(ok, 'en'), 1024), zh: sanitizeForJson(ownerLabel(ok, 'zh'), 1024) },
        where,
        roots,
        consent,
        permissions: permissionsOf([u.kind], declared),
        purpose: null,
        sites: 0,
        evidence: [],
      };
      rows.set(key, row);
    }
    row.sites++;
    if (row.evidence.length < MAX_EVIDENCE) {
      const e: ListEvidence = { api: sanitizeForJson(u.api, 1024), method: sanitizeForJson(u.caller, 1024), entry: sanitizeForJson(u.entry, 1024) };
      if (u.pc !== undefined) e.pc = u.pc;
      row.evidence.push(e);
    }
  }
  const collection = [...rows.values()].sort((a, b) => (a.kind === b.kind ? (JSON.stringify(a.collector) < JSON.stringify(b.collector) ? -1 : 1) : a.kind < b.kind ? -1 : 1));

  const byId = new Map(facts.catalogue.sdks.map((r) => [r.id, r]));
  const sharing: ShareListRow[] = buildSdkSection(facts).map((s) => {
    const record = byId.get(s.id);
    // A start API several SDKs of a vendor share (Umeng's UMConfigure.init) starts each of them.
    const starts = new Set((record?.initApis ?? []).map((a) => a.ref));
    const own = hits.filter((h) => (h.what === 'pi' ? h.use?.owner.kind === 'sdk' && h.use.owner.id === s.id : h.sdk?.id === s.id || (h.api !== undefined && starts.has(h.api))));
    const via: (ListRoot & { api?: string })[] = [];
    const addVia = (r: ListRoot & { api?: string }): void => {
      if (via.length < MAX_ROOTS && !via.some((x) => x.kind === r.kind && x.component === r.component && x.api === r.api)) via.push(r);
    };
    for (const h of own) {
      const r: ListRoot & { api?: string } = rootOf(h);
      // The SDK API reached, or for a PI read, the SDK's method that reads.
      const api = h.what === 'pi' ? h.caller : h.api;
      if (api !== undefined) r.api = sanitizeForJson(api, 1024);
      addVia(r);
    }
    // The SDK's own provider starts with the process, before any code of the app runs.
    const providers = m.components.filter((c) => {
      if (c.kind !== 'provider' || !c.enabled) return false;
      const o = facts.ownerOfClass(c.name);
      return o.kind === 'sdk' && o.id === s.id;
    });
    for (const p of providers) if (!via.some((x) => x.kind === 'provider' && x.component === p.name)) addVia({ kind: 'provider', component: sanitizeForJson(p.name, 1024) });
    const start: SdkStart = providers.length > 0 || own.some((h) => !h.gated) ? 'before-consent' : own.length > 0 ? 'after-gate' : unknownWhen ? 'unknown' : 'not-at-startup';
    return {
      sdk: s.id,
      name: s.name,
      vendor: s.vendor,
      category: s.category,
      piKinds: s.piKinds.map((k) => ({ kind: k, label: { en: piKindInfo(k)?.en ?? k, zh: piKindInfo(k)?.zh ?? k } })),
      permissions: permissionsOf(s.piKinds, declared),
      start,
      startVia: via,
      privacyPolicyUrl: record?.privacyPolicyUrl ?? null,
      purpose: null,
    };
  });

  return {
    schemaVersion: LISTS_SCHEMA_VERSION,
    tool,
    target: {
      file: sanitizeForJson(facts.input.name, 1024),
      package: sanitizeForJson(m.package, 1024),
      versionCode: m.versionCode,
      versionName: m.versionName === null ? null : sanitizeForJson(m.versionName, 1024),
      label: m.application?.label === undefined ? null : sanitizeForJson(m.application.label.text, 1024),
    },
    collection,
    sharing,
    limits,
  };
}
