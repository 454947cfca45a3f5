import { isUtf8 } from 'node:buffer';

/**
 * A path found in a dump. Store dumps contain names that are not UTF-8 (Latin-1, GBK): decoded
 * into a JavaScript string they turn into U+FFFD and no longer name the file, so the bytes are
 * kept and every file-system call goes through `fsPath`.
 */
export interface InputPath {
  /** For people and the store's text column: UTF-8, invalid sequences shown as U+FFFD. */
  display: string;
  /** The exact bytes of the path. */
  raw: Buffer;
}

export function inputPath(raw: Buffer): InputPath {
  return { display: raw.toString('utf8'), raw };
}

export function pathFromString(p: string): InputPath {
  return { display: p, raw: Buffer.from(p, 'utf8') };
}

/** True when the display string names the same file as the bytes. */
export function isPlainPath(p: InputPath): boolean {
  return isUtf8(p.raw) && !p.raw.includes(0);
}

/** What node:fs should be given: the string when it round-trips, else the bytes. */
export function fsPath(p: InputPath): string | Buffer {
  return isPlainPath(p) ? p.display : p.raw;
}

/** Base64 of the bytes, for JSON (JSONL, queue jobs) where a non-UTF-8 path cannot be a string. */
export function rawBase64(p: InputPath): string | undefined {
  return isPlainPath(p) ? undefined : p.raw.toString('base64');
}

export function fromWire(display: string, raw64: string | undefined): InputPath {
  return raw64 === undefined ? pathFromString(display) : { display, raw: Buffer.from(raw64, 'base64') };
}

/**
 * A path on one line of a log or a terminal: names with newlines or control characters (they
 * exist in dumps, sometimes on purpose) are quoted with escapes so that one app stays one line.
 */
export function quotePath(display: string): string {
  return /[\u0000-\u001f\u007f-\u009f"\u2028\u2029]/.test(display) ? JSON.stringify(display) : display;
}
