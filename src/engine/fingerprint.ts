import { createHash } from 'node:crypto';
import type { Location, MessageData } from '../model/index.js';

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

/**
 * The message values that say which fact a finding is about, as opposed to how much or where else:
 * the owner, the PI kind(s), the API(s), the SDK(s), the permission(s), the sink, the class. Two PI
 * reads in one method (an IMEI read and a phone-number read) are two facts and get two
 * fingerprints; counts, call paths, roots, URLs and quoted text are left out, so that a rebuild
 * (or one more call path to the same read) keeps the fingerprint. Never a pc or a DEX file name.
 */
const IDENTITY_FIELDS = ['owner', 'owners', 'kind', 'kinds', 'pi', 'api', 'apis', 'sdk', 'sdks', 'permission', 'permissions', 'sink', 'cls', 'action', 'service', 'scheme'] as const;

export function factIdentity(data: MessageData | undefined): string {
  if (data === undefined) return '';
  const parts: string[] = [];
  for (const k of IDENTITY_FIELDS) {
    const v = data[k];
    if (v === undefined) continue;
    parts.push(`${k}=${Array.isArray(v) ? [...(v as readonly string[])].sort().join(',') : String(v)}`);
  }
  return parts.join(';');
}

export function fingerprint(check: string, primary: Location | undefined, extra = ''): string {
  const h = createHash('sha256');
  h.update(`${check}\n${primary === undefined ? 'app' : locationIdentity(primary)}\n${extra}`);
  return h.digest('hex').slice(0, 32);
}
