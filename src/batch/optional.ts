import { dirname, join, sep } from 'node:path';
import { packageRoot } from '../util/data-path.js';
import { PledgeError } from '../util/errors.js';

/** The optional packages of batch mode, and what each is for. */
export type OptionalPackage = 'better-sqlite3' | 'bullmq';

const PURPOSE: Record<OptionalPackage, string> = {
  'better-sqlite3': 'the batch results store (scan, report)',
  bullmq: 'the job queue (scan --queue, worker)',
};

/** Whether this pledge-audit runs from npm's global folder (then the package goes there too). */
function installedGlobally(): boolean {
  const globalModules = join(dirname(dirname(process.execPath)), 'lib', 'node_modules') + sep;
  return packageRoot().startsWith(globalModules);
}

/** The one command that installs `name` where this pledge-audit resolves its packages from. */
export function installHint(name: OptionalPackage): string {
  return installedGlobally() ? `npm install --global ${name}` : `npm install ${name}`;
}

/**
 * Loads an optional package of batch mode on first use. A package that is missing, or installed
 * without its native build (`npm i --ignore-scripts` skips better-sqlite3's), is E_BATCH_UNAVAILABLE
 * (exit 2) naming the command that installs it; `probe` exercises what the import alone does not
 * (the native binding is loaded by the first Database, not by the import).
 */
export async function loadOptional<T>(name: OptionalPackage, load: () => Promise<T>, probe?: (m: T) => void): Promise<T> {
  let m: T;
  try {
    m = await load();
    probe?.(m);
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw new PledgeError('E_BATCH_UNAVAILABLE', `${name} is needed for ${PURPOSE[name]} and cannot be loaded: ${why}`, { hint: installHint(name) });
  }
  return m;
}
