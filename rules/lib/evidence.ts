// TEMPORARY (issue 11): describeComponent is for the unsplit clause modules; the builders live in src/facts/evidence.ts.
import type { Component } from '../../src/manifest/model.js';
export { manifestEvidence, MANIFEST_ENTRY } from '../../src/facts/evidence.js';

/** `service com.a.B (exported, no permission)` */
export function describeComponent(c: Component): string {
  const bits = [c.exported ? 'exported' : 'not exported'];
  if (c.permission !== undefined) bits.push(`permission ${c.permission}`);
  return `${c.kind} ${c.name} (${bits.join(', ')})`;
}
