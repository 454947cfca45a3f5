import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLimitValue, renderLimitsDoc } from '../../src/cli/limits-docs.js';
import { LIMITS_ZH } from '../../src/i18n/limits.js';
import { DIAGNOSTIC_CODES } from '../../src/util/diagnostics.js';
import { ERROR_CODES } from '../../src/util/errors.js';
import { DEFAULT_LIMITS, LIMIT_IDS, LIMITS, type LimitSpec } from '../../src/util/limits.js';

const REPO = join(import.meta.dirname, '..', '..');

describe('limits in one place', () => {
  it('docs/limits.md is the table of src/util/limits.ts', () => {
    expect(readFileSync(join(REPO, 'docs/limits.md'), 'utf8'), 'docs/limits.md is stale: npm run docs').toBe(renderLimitsDoc());
  });

  it('the page has one row per limit, with its default, override and code', () => {
    const page = readFileSync(join(REPO, 'docs/limits.md'), 'utf8');
    const rows = page.split('\n').filter((l) => /^\| `[a-zA-Z0-9]+` \|/.test(l));
    expect(rows.map((r) => /^\| `([a-zA-Z0-9]+)`/.exec(r)?.[1])).toEqual(LIMIT_IDS);
    const entry = rows.find((r) => r.startsWith('| `maxEntryBytes`'));
    expect(entry).toContain('| 512 MiB |');
    expect(entry).toContain('`--max-entry-size`');
    expect(entry).toContain('`E_LIMIT_ENTRY_SIZE`');
    expect(rows.find((r) => r.startsWith('| `timeoutSeconds`'))).toContain('`--timeout`');
    expect(rows.find((r) => r.startsWith('| `maxInputBytes`'))).toContain('| 2 GiB − 1 |');
  });

  it('every code of the table is a registered error or diagnostic code', () => {
    for (const id of LIMIT_IDS) {
      const code = (LIMITS[id] as LimitSpec).code;
      if (code === null) continue;
      expect(code in ERROR_CODES || code in DIAGNOSTIC_CODES, `${id}: ${code}`).toBe(true);
    }
  });

  it('every registered limit code is raised by some limit of the table', () => {
    const used = new Set(LIMIT_IDS.map((id) => (LIMITS[id] as LimitSpec).code));
    const limitCodes = [...Object.keys(ERROR_CODES), ...Object.keys(DIAGNOSTIC_CODES)].filter((c) => /^[EW]_LIMIT_/.test(c) || c === 'E_TIMEOUT' || c === 'E_MEMORY');
    for (const c of limitCodes) expect(used.has(c as never), c).toBe(true);
  });

  it('a limit that loses nothing says why; one that cuts has a code', () => {
    for (const id of LIMIT_IDS) {
      const spec: LimitSpec = LIMITS[id];
      expect(spec.what.length, id).toBeGreaterThan(10);
      expect(spec.why.length, id).toBeGreaterThan(10);
      expect(LIMITS_ZH[id].what.length, id).toBeGreaterThan(4);
      expect(LIMITS_ZH[id].why.length, id).toBeGreaterThan(4);
      expect(Number.isSafeInteger(spec.value) && spec.value > 0, id).toBe(true);
    }
  });

  it('DEFAULT_LIMITS holds exactly the API limits, at their table values', () => {
    const api = LIMIT_IDS.filter((id) => (LIMITS[id] as LimitSpec).api === true);
    expect(Object.keys(DEFAULT_LIMITS).sort()).toEqual([...api].sort());
    for (const id of api) expect((DEFAULT_LIMITS as Record<string, number>)[id]).toBe(LIMITS[id].value);
  });

  it('formats defaults as a person reads them', () => {
    expect(formatLimitValue({ value: 1536 * 1024 ** 2, unit: 'bytes' })).toBe('1.5 GiB');
    expect(formatLimitValue({ value: 256 * 1024, unit: 'bytes' })).toBe('256 KiB');
    expect(formatLimitValue({ value: 200, unit: 'ratio' })).toBe('200:1');
    expect(formatLimitValue({ value: 4_000_000, unit: 'strings' })).toBe('4,000,000');
  });
});
