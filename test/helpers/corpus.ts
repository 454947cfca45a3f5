import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';

/** The repository root and the read-only ../shared beside it (never written to, never copied). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = process.env.PLEDGE_SHARED ?? resolve(REPO, '../shared');
export const CORPUS = join(SHARED, 'corpus');

export function hasCorpus(): boolean {
  return existsSync(join(CORPUS, 'oracle.jsonl'));
}

/** One row of ../shared/corpus/oracle.jsonl (what androguard extracted; format in its README). */
export interface OracleRow {
  file: string;
  error?: string;
  package?: string | null;
  versionCode?: string | null;
  versionName?: string | null;
  minSdk?: string | null;
  targetSdk?: string | null;
  permissions?: string[];
  activities?: string[];
  services?: string[];
  receivers?: string[];
  providers?: string[];
  appName?: string | null;
  mainActivity?: string | null;
  dexFiles?: string[];
  classes?: number;
  classesSha256?: string;
  methodRefs?: number;
  methodRefsSha256?: string;
  strings?: number;
}

export function oracleRows(): OracleRow[] {
  return readFileSync(join(CORPUS, 'oracle.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as OracleRow);
}

export function corpusFiles(sub: string): string[] {
  const dir = join(CORPUS, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((f) => join(dir, f));
}

export function corpusPath(rel: string): string {
  return join(CORPUS, rel);
}

/** The binary AndroidManifest.xml of an APK, or the file itself when it is a bare manifest. */
export function manifestBytes(path: string): Uint8Array {
  if (!path.endsWith('.apk')) return readFileSync(path);
  const zip = openZip(new FileSource(path));
  try {
    return zip.read('AndroidManifest.xml');
  } finally {
    zip.source.close();
  }
}
