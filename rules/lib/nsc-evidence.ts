import type { Evidence } from '../../src/model/index.js';

/** Evidence in the network security config: the file, and the element path with what was written there. */
export function nscEvidence(entry: string, path: string, written: string): Evidence {
  return { location: { kind: 'file', entry }, detail: `${path}: ${written}` };
}
