import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { PledgeError } from '../util/errors.js';
import { FileSource, type ByteSource } from './source.js';

const CHUNK = 4 * 1024 * 1024;

/** Chunk of a file hashed from disk: one buffer, reused, small enough to stay in the CPU's cache. */
const FILE_CHUNK = 256 * 1024;

/**
 * SHA-256 of the whole input, read in chunks so that large APKs are never held twice. A file is
 * read through one reused buffer: fresh memory for every chunk would cost a page fault per 4 KiB.
 */
export function sha256OfSource(source: ByteSource): string {
  const h = createHash('sha256');
  if (source instanceof FileSource) {
    const chunk = Buffer.allocUnsafe(Math.min(FILE_CHUNK, source.size));
    for (let pos = 0; pos < source.size; pos += FILE_CHUNK) {
      const len = Math.min(FILE_CHUNK, source.size - pos);
      source.readInto(pos, chunk, len);
      h.update(len === chunk.length ? chunk : chunk.subarray(0, len));
    }
    return h.digest('hex');
  }
  for (let pos = 0; pos < source.size; pos += CHUNK) {
    h.update(source.read(pos, Math.min(CHUNK, source.size - pos)));
  }
  return h.digest('hex');
}

/**
 * Reads a whole file into one buffer. The hash is taken later, from memory, while the DEX files
 * inflate on the thread pool (src/facts/load.ts), where the main thread would otherwise wait. The
 * file must not change size while read (E_INPUT_UNREADABLE otherwise).
 */
export function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(st.size);
    let done = 0;
    while (done < st.size) {
      const n = readSync(fd, bytes, done, Math.min(CHUNK, st.size - done), done);
      if (n === 0) throw new PledgeError('E_INPUT_UNREADABLE', `file shrank while reading (${done} of ${st.size})`, { entry: basename(path) });
      done += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}
