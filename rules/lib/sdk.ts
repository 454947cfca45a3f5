import type { AppFacts } from '../../src/facts/app-facts.js';
import { sdkDisplayName } from '../../src/facts/app-facts.js';
import type { SdkFinding } from '../../src/facts/sdk-inventory.js';
import type { Evidence, Owner } from '../../src/model/index.js';
import { manifestEvidence } from './evidence.js';

/** SDK categories whose business is profiling or reaching users (marketing in clause 4's sense). */
export const MARKETING = new Set(['ads', 'attribution', 'analytics', 'push']);
/** Categories with no disclosed function for monitoring (clause 5). */
export const ADS_ANALYTICS = new Set(['ads', 'analytics', 'attribution']);

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
  for (const cls of d.sampleClasses.slice(0, 3)) {
    const dex = facts.code?.hierarchy.definingDex(cls);
    out.push({ location: { kind: 'dex', entry: dex?.entry ?? 'classes.dex', method: cls }, owner, note: { id: 'sdk-classes', data: { count: d.classes, packages: f.record.packages.slice(0, 3) } } });
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

export function sdkName(f: SdkFinding, lang: 'en' | 'zh'): string {
  return lang === 'zh' ? (f.record.name.zh ?? f.record.name.en) : sdkDisplayName(f.record);
}
