import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { loadFacts } from '../../src/facts/load.js';
import { REPO } from './corpus.js';

export const FIXTURE_APKS = join(REPO, 'fixtures/apk');
export const FIXTURE_SRC = join(REPO, 'fixtures/src');

export function fixtureApk(name: string): string {
  const p = join(FIXTURE_APKS, `${name}.apk`);
  if (!existsSync(p)) throw new Error(`fixture ${name} is not built: npm run fixtures`);
  return p;
}

const cache = new Map<string, AppFacts>();

/** Facts of a fixture APK (code analysed), loaded once per test file. */
export async function fixtureFacts(name: string): Promise<AppFacts> {
  let f = cache.get(name);
  if (f === undefined) {
    f = await loadFacts(fixtureApk(name));
    cache.set(name, f);
  }
  return f;
}
