import { createHash } from 'node:crypto';
import type { ByteSource } from './source.js';

const CHUNK = 4 * 1024 * 1024;

/** SHA-256 of the whole input, read in chunks so that large APKs are never held twice. */
export function sha256OfSource(source: ByteSource): string {
  const h = createHash('sha256');
  for (let pos = 0; pos < source.size; pos += CHUNK) {
    h.update(source.read(pos, Math.min(CHUNK, source.size - pos)));
  }
  return h.digest('hex');
}
