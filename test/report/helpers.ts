import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { audit, type AuditOptions } from '../../src/index.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { REPO } from '../helpers/corpus.js';
import { fixtureApk } from '../helpers/fixtures.js';

export const GOLDEN = join(REPO, 'test/report/golden');
export const TEST_VERSION = '0.0.0-test';

/**
 * A fixture's report as the CLI would produce it when run from the repository root, with the
 * tool version pinned so that goldens do not change with every release.
 */
export async function fixtureRecord(name: string, options: AuditOptions = {}): Promise<AuditReport> {
  const r = await audit(fixtureApk(name), { lang: 'en', clauses: CLAUSES, ...options });
  if (r.status !== 'ok') throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return pin({ ...r, target: { ...r.target, path: `fixtures/apk/${name}.apk` } }) as AuditReport;
}

export function pin<T extends AuditRecord>(r: T): T {
  return { ...r, tool: { ...r.tool, version: TEST_VERSION } };
}

/** An input that could not be analysed, as the CLI reports it. */
export async function errorRecord(): Promise<AuditRecord> {
  const r = await audit(join(REPO, 'test/report/no-such-input.apk'));
  if (r.status !== 'error') throw new Error('expected an error record');
  return pin({ ...r, target: { path: 'test/report/no-such-input.apk', file: 'no-such-input.apk' } });
}

/** Compares with test/report/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(actual, `test/report/golden/${name} differs (UPDATE_GOLDEN=1 npx vitest run test/report to accept)`).toBe(readFileSync(path, 'utf8'));
}
