import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { PledgeError } from '../util/errors.js';

export type InputKind = 'apk' | 'binary-manifest' | 'text-manifest';

/**
 * Decides what an input is from its bytes, not its name: store dumps are full of APKs called
 * `.apk.zip`, `.bin` or nothing at all, and of non-APKs called `.apk`.
 */
export function detectInputKind(path: string): InputKind {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PledgeError('E_INPUT_NOT_FOUND', 'no such file', { entry: path });
    throw new PledgeError('E_INPUT_UNREADABLE', `cannot stat: ${code ?? String(e)}`, { entry: path });
  }
  if (st.isDirectory()) {
    throw new PledgeError('E_INPUT_UNSUPPORTED', 'is a directory', { entry: path, hint: 'give an APK or AndroidManifest.xml; to audit every APK in a folder use `pledge-audit scan <dir>`' });
  }
  if (!st.isFile()) throw new PledgeError('E_INPUT_UNREADABLE', 'not a regular file', { entry: path });
  const head = Buffer.alloc(8);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, 8, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new PledgeError('E_INPUT_UNREADABLE', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { entry: path });
  }
  return kindOfHead(head.subarray(0, n), st.size, path);
}

export function kindOfHead(head: Uint8Array, size: number, name: string): InputKind {
  if (size === 0) throw new PledgeError('E_INPUT_UNSUPPORTED', 'empty file', { entry: name });
  if (head[0] === 0x50 && head[1] === 0x4b) return 'apk';
  if (head.length >= 4 && (head[0] === 0x03 || head[0] === 0x00) && head[1] === 0x00 && head[2] === 0x08 && head[3] === 0x00) return 'binary-manifest';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x3c) return 'text-manifest';
  // A zip with prepended data (Janus, self-extracting stubs) still ends in an end record.
  if (size >= 22) return 'apk';
  throw new PledgeError('E_INPUT_UNSUPPORTED', 'neither a zip/APK nor an AndroidManifest.xml', { entry: name });
}
