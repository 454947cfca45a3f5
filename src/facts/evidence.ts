import type { Component } from '../manifest/model.js';
import type { Evidence, Owner } from '../model/index.js';
import type { ApiUse } from './api-uses.js';
import { descriptorToClassName, sdkDisplayName, type AppFacts } from './app-facts.js';
import type { CodeSite } from './code.js';
import type { ReachHit } from './reach.js';
import type { SdkFinding } from './sdk-inventory.js';
import type { ExtractedValue, TextHit } from './strings/types.js';

/**
 * Evidence a person can go and look at, built from facts: a call site, a class, a manifest
 * element, an SDK's traces, a text hit, a startup path. `detail` is what was seen, verbatim;
 * words about it go in `note` (rendered by the report layer).
 */

export const MANIFEST_ENTRY = 'AndroidManifest.xml';

/** Evidence lists are capped: the report shows where to look, not every site of a large app. */
export const MAX_EVIDENCE = 10;

/** Evidence at a call site: DEX entry, method in descriptor form, pc, and who owns the method. */
export function siteEvidence(facts: AppFacts, site: CodeSite, detail?: string): Evidence {
  const code = facts.code;
  const method = code?.callerRef(site) ?? '?';
  const cls = code?.callerClass(site) ?? '';
  const e: Evidence = { location: { kind: 'dex', entry: site.unit.entry, method, pc: site.pc }, owner: facts.ownerOfClass(descriptorToClassName(cls)) };
  if (detail !== undefined) e.detail = detail;
  return e;
}

/** Evidence at a PI read: the API as detail, the PI kind as note. */
export function useEvidence(u: ApiUse): Evidence {
  const location = u.pc === undefined ? { kind: 'dex' as const, entry: u.entry, method: u.caller } : { kind: 'dex' as const, entry: u.entry, method: u.caller, pc: u.pc };
  return { location, owner: u.owner, detail: u.api, note: { id: 'pi-kind', data: { kind: u.kind } } };
}

/** Evidence for a class (a subclass match or a class-level fact). */
export function classEvidence(facts: AppFacts, descriptor: string, detail?: string): Evidence {
  const dex = facts.code?.hierarchy.definingDex(descriptor);
  const e: Evidence = { location: { kind: 'dex', entry: dex?.entry ?? '', method: descriptor }, owner: facts.ownerOfClass(descriptorToClassName(descriptor)) };
  if (detail !== undefined) e.detail = detail;
  return e;
}

export function manifestEvidence(path: string, detail?: string, owner?: Owner): Evidence {
  const e: Evidence = { location: { kind: 'manifest', entry: MANIFEST_ENTRY, path } };
  if (detail !== undefined) e.detail = detail;
  if (owner !== undefined) e.owner = owner;
  return e;
}

/**
 * A manifest component: `service com.a.B` (with its actions when given), and whether it is
 * exported and under which permission as a note.
 */
export function componentEvidence(c: Component, actions: readonly string[] = [], owner?: Owner): Evidence {
  const e = manifestEvidence(c.path, `${c.kind} ${c.name}${actions.length > 0 ? `: ${actions.join(', ')}` : ''}`, owner);
  e.note = !c.exported ? { id: 'component-not-exported' } : c.permission === undefined ? { id: 'component-exported' } : { id: 'component-exported-permission', data: { permission: c.permission } };
  return e;
}

export function sdkOwner(f: SdkFinding): Owner {
  return { kind: 'sdk', id: f.record.id, name: sdkDisplayName(f.record) };
}

/** Where an SDK shows itself: its classes, components, libraries, assets or meta-data. */
export function sdkEvidence(facts: AppFacts, f: SdkFinding): Evidence[] {
  const owner = sdkOwner(f);
  const d = f.detection.evidence;
  const out: Evidence[] = [];
  const m = facts.manifest;
  for (const name of d.components.slice(0, 3)) {
    const c = m.components.find((x) => x.name === name);
    if (c !== undefined) out.push(manifestEvidence(c.path, `${c.kind} ${c.name}`, owner));
  }
  // The packages where the SDK's classes were found, not the catalogue's list of its prefixes.
  const found = [...new Set(d.sampleClasses.map((c) => c.slice(1, c.lastIndexOf('/')).replace(/\//g, '.')))].slice(0, 3);
  for (const cls of d.sampleClasses.slice(0, 3)) {
    const dex = facts.code?.hierarchy.definingDex(cls);
    out.push({ location: { kind: 'dex', entry: dex?.entry ?? 'classes.dex', method: cls }, owner, note: { id: 'sdk-classes', data: { count: d.classes, packages: found } } });
  }
  for (const lib of d.nativeLibs.slice(0, 2)) out.push({ location: { kind: 'file', entry: lib }, owner, note: { id: 'native-library' } });
  for (const a of d.assets.slice(0, 2)) out.push({ location: { kind: 'file', entry: a }, owner, note: { id: 'asset' } });
  for (const k of d.metaDataKeys.slice(0, 2)) {
    const md = m.metaData.find((x) => x.name === k);
    if (md !== undefined) out.push(manifestEvidence(md.path, `meta-data ${k}`, owner));
  }
  if (out.length === 0) out.push({ location: { kind: 'app' }, owner, note: { id: 'found-by', data: { how: f.detection.foundBy.map((k) => `found:${k}`) } } });
  return out;
}

/** A text hit or an extracted value (URL, e-mail, phone number…): the snippet as detail, and the owner of DEX text. */
export function textEvidence(facts: AppFacts, item: TextHit | ExtractedValue, detail?: string): Evidence {
  const e: Evidence = { location: item.location, detail: detail ?? item.snippet };
  const l = item.location;
  if (l.kind === 'dex') e.owner = facts.ownerOfClass(descriptorToClassName(l.method.slice(0, l.method.indexOf('->'))));
  return e;
}

/** Evidence at a call reached from a startup root: the call site, its owner, the API, and the whole chain. */
export function reachEvidence(facts: AppFacts, h: ReachHit): Evidence {
  const cls = h.caller.slice(0, h.caller.indexOf('->'));
  const e: Evidence = {
    location: { kind: 'dex', entry: h.entry, method: h.caller, pc: h.pc },
    owner: h.use?.owner ?? facts.ownerOfClass(descriptorToClassName(cls)),
    path: h.path,
  };
  // Hop kinds are shown when the path is not all plain calls (an Executor, a Handler…).
  if (h.hops.some((k) => k !== 'root' && k !== 'call')) e.hops = h.hops;
  const api = h.use?.api ?? h.api;
  if (api !== undefined) e.detail = api;
  return e;
}
