import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { PledgeError } from '../util/errors.js';
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
 * Reads a whole file and hashes it in the same pass: each chunk is hashed while it is still in the
 * CPU's cache, and the hash costs no second walk over the bytes (nor the copy WebCrypto makes of
 * its input). The file must not change size while read (E_INPUT_UNREADABLE otherwise).
 */
export function readFileHashed(path: string): { bytes: Buffer; sha256: string } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(st.size);
    const h = createHash('sha256');
    let done = 0;
    while (done < st.size) {
      const n = readSync(fd, bytes, done, Math.min(CHUNK, st.size - done), done);
      if (n === 0) throw new PledgeError('E_INPUT_UNREADABLE', `file shrank while reading (${done} of ${st.size})`, { entry: basename(path) });
      h.update(bytes.subarray(done, done + n));
      done += n;
    }
    return { bytes, sha256: h.digest('hex') };
  } finally {
    closeSync(fd);
  }
}
