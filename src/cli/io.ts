import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** stdout/stderr, injectable so that tests can run the CLI in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Writes via a temporary file and a rename, so that a killed run never leaves half a report. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function defaultLang(env: Record<string, string | undefined>): 'zh' | 'en' {
  const l = env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(l) ? 'zh' : 'en';
}

/** Colour only for a terminal, never when NO_COLOR is set (no-color.org); FORCE_COLOR wins. */
export function useColor(io: Io, flag: boolean | undefined, toFile: boolean): boolean {
  if (flag === false || toFile) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.isTTY;
}
