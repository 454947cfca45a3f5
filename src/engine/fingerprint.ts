import { createHash } from 'node:crypto';
import type { Location } from '../model/index.js';

/**
 * What makes a location the same place across builds: not the DEX file a class landed in (DEX
 * order changes between builds), not byte offsets, not the version code.
 */
export function locationIdentity(l: Location): string {
  switch (l.kind) {
    case 'manifest':
      return `manifest:${l.path}`;
    case 'dex':
      return `dex:${l.method}`;
    case 'resource':
      return `resource:${l.name}`;
    case 'file':
      return `file:${l.entry}`;
    case 'signing':
      return `signing:${l.scheme}`;
    case 'app':
      return 'app';
  }
}

export function fingerprint(check: string, primary: Location | undefined, extra = ''): string {
  const h = createHash('sha256');
  h.update(`${check}\n${primary === undefined ? 'app' : locationIdentity(primary)}\n${extra}`);
  return h.digest('hex').slice(0, 32);
}
