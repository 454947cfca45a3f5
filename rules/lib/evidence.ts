import type { Component } from '../../src/manifest/model.js';
import type { Evidence, Owner } from '../../src/model/index.js';

export const MANIFEST_ENTRY = 'AndroidManifest.xml';

export function manifestEvidence(path: string, detail?: string, owner?: Owner): Evidence {
  const e: Evidence = { location: { kind: 'manifest', entry: MANIFEST_ENTRY, path } };
  if (detail !== undefined) e.detail = detail;
  if (owner !== undefined) e.owner = owner;
  return e;
}

export function appEvidence(detail: string): Evidence {
  return { location: { kind: 'app' }, detail };
}

/** `service com.a.B (exported, no permission)` */
export function describeComponent(c: Component): string {
  const bits = [c.exported ? 'exported' : 'not exported'];
  if (c.permission !== undefined) bits.push(`permission ${c.permission}`);
  return `${c.kind} ${c.name} (${bits.join(', ')})`;
}
