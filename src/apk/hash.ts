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

/**
 * The same hash off the main thread (WebCrypto digests on the libuv pool), for inputs held in
 * memory: the audit starts it first and collects it last, so it overlaps the DEX scan.
 */
export async function sha256OfBuffer(buf: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', buf);
  return Buffer.from(digest).toString('hex');
}
