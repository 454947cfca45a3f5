import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ErrorCode } from '../util/errors.js';
import { fsPath, type InputPath } from './paths.js';

export type HashResult = { ok: true; sha256: string; size: number } | { ok: false; code: ErrorCode; message: string };

/** errno → error code for files that cannot be read at all. */
export function codeOfErrno(e: unknown): { code: ErrorCode; message: string } {
  const errno = (e as NodeJS.ErrnoException).code;
  if (errno === 'ELOOP') return { code: 'E_INPUT_SYMLINK_LOOP', message: 'symbolic link loop (ELOOP)' };
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return { code: 'E_INPUT_NOT_FOUND', message: 'no such file' };
  return { code: 'E_INPUT_UNREADABLE', message: `cannot read: ${errno ?? String(e)}` };
}

/**
 * SHA-256 of a file, streamed: the hash is the identity of an app in the store (dedup, resume), so
 * it is taken before any worker sees the file. Errors are values, not exceptions: an unreadable
 * file is an app row like any other.
 */
export async function hashFile(path: InputPath): Promise<HashResult> {
  let handle;
  try {
    // Discovery has already refused FIFOs (opening one would block); the type is checked again on
    // the descriptor in case the name was swapped in between.
    handle = await open(fsPath(path), 'r');
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      return { ok: false, code: 'E_INPUT_UNREADABLE', message: 'not a regular file' };
    }
  } catch (e) {
    await handle?.close();
    return { ok: false, ...codeOfErrno(e) };
  }
  const h = createHash('sha256');
  let size = 0;
  try {
    const stream = createReadStream('', { fd: handle.fd, autoClose: false, highWaterMark: 1024 * 1024 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      h.update(chunk);
      size += chunk.length;
    }
  } catch (e) {
    return { ok: false, ...codeOfErrno(e) };
  } finally {
    await handle.close();
  }
  return { ok: true, sha256: h.digest('hex'), size };
}
