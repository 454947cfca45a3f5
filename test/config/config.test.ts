import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/config.js';
import { formatPledgeError } from '../../src/util/errors.js';
import { REPO } from '../helpers/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const schema = JSON.parse(readFileSync(join(REPO, 'schema/config.schema.json'), 'utf8')) as object;
const validateSchema = new Ajv({ allErrors: true, strict: true }).compile(schema);
const KNOWN = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta.id));

function errorOf(value: unknown): ConfigError {
  try {
    parseConfig(value, 'pledge-audit.config.json', { knownChecks: KNOWN });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(value)}`);
}

const FULL = {
  $schema: './node_modules/pledge-audit/schema/config.schema.json',
  category: ['网上购物', 'news', 6],
  sdks: [
    { name: '友盟+', package: 'com.umeng' },
    { name: '极光推送', package: 'cn.jpush.*' },
  ],
  suppressions: [
    { check: 'c10/allow-backup', reason: 'backup rules are set by the MDM profile', expires: '2030-06-30' },
    { check: 'c09/self-start-receiver', location: "*receiver[@android:name='com.example.Boot*", reason: 'alarm restore after reboot, disclosed' },
  ],
  failOn: 'warn',
};

/** Invalid configs: the JSON path the error must name. */
const INVALID: [string, unknown, string][] = [
  ['not an object', [], '$'],
  ['unknown top-level field', { categroy: 'news' }, '$.categroy'],
  ['unknown category', { category: ['news', 'gambling'] }, '$.category[1]'],
  ['category of the wrong type', { category: { name: 'news' } }, '$.category'],
  ['sdks not an array', { sdks: { umeng: 'com.umeng' } }, '$.sdks'],
  ['sdk without package', { sdks: [{ name: '友盟' }] }, '$.sdks[0].package'],
  ['sdk with a bad package', { sdks: [{ name: 'a', package: 'com.umeng' }, { name: '友盟', package: 'com/umeng' }] }, '$.sdks[1].package'],
  ['sdk with an empty name', { sdks: [{ name: '  ', package: 'com.umeng' }] }, '$.sdks[0].name'],
  ['sdk with an unknown field', { sdks: [{ name: 'a', package: 'a.b', url: 'x' }] }, '$.sdks[0].url'],
  ['suppression without reason', { suppressions: [{ check: 'c10/allow-backup' }] }, '$.suppressions[0].reason'],
  ['suppression with an empty reason', { suppressions: [{ check: 'c10/allow-backup', reason: ' ' }] }, '$.suppressions[0].reason'],
  ['suppression with a malformed check id', { suppressions: [{ check: 'allow-backup', reason: 'x' }] }, '$.suppressions[0].check'],
  ['suppression with a bad date', { suppressions: [{ check: 'c10/allow-backup', reason: 'x', expires: '30.06.2026' }] }, '$.suppressions[0].expires'],
  ['suppression with an unknown field', { suppressions: [{ check: 'c10/allow-backup', reason: 'x', until: '2030-01-01' }] }, '$.suppressions[0].until'],
  ['suppression with an empty location', { suppressions: [{ check: 'c10/allow-backup', reason: 'x', location: '' }] }, '$.suppressions[0].location'],
  ['failOn outside the enum', { failOn: 'error' }, '$.failOn'],
];

describe('pledge-audit.config.json', () => {
  it('reads every field: categories resolved to canonical names, package wildcards dropped, defaults for absent fields', () => {
    const c = parseConfig(FULL, 'x.json', { knownChecks: KNOWN });
    expect(c.categories).toEqual(['网上购物类', '新闻资讯类']);
    expect(c.sdks).toEqual([
      { name: '友盟+', package: 'com.umeng' },
      { name: '极光推送', package: 'cn.jpush' },
    ]);
    expect(c.suppressions).toEqual(FULL.suppressions);
    expect(c.failOn).toBe('warn');
    expect(parseConfig({}, 'x.json')).toEqual({ categories: [], suppressions: [] });
    // An empty list is a declaration (the app has no SDK), not the absence of one.
    expect(parseConfig({ sdks: [] }, 'x.json').sdks).toEqual([]);
  });

  it.each(INVALID)('%s is an E_CONFIG error naming %s', (_name, value, path) => {
    const e = errorOf(value);
    expect(e.jsonPath).toBe(path);
    expect(e.code).toBe('E_CONFIG');
    expect(formatPledgeError(e)).toMatch(new RegExp(`^E_CONFIG pledge-audit\\.config\\.json: ${path.replace(/[$.[\]]/g, '\\$&')}: `));
  });

  it('a suppression of a check that does not exist is an error when the checks are known', () => {
    expect(errorOf({ suppressions: [{ check: 'c10/debugable', reason: 'x' }] }).jsonPath).toBe('$.suppressions[0].check');
    expect(parseConfig({ suppressions: [{ check: 'c10/debugable', reason: 'x' }] }, 'x.json').suppressions).toHaveLength(1);
  });

  it('an impossible date is rejected although it has the right shape', () => {
    expect(errorOf({ suppressions: [{ check: 'c10/allow-backup', reason: 'x', expires: '2026-02-30' }] }).message).toContain('"2026-02-30" is not a date');
  });

  it('the published JSON schema agrees with the loader on valid and invalid configs', () => {
    expect(validateSchema(FULL), JSON.stringify(validateSchema.errors)).toBe(true);
    expect(validateSchema({})).toBe(true);
    for (const [name, value] of INVALID) {
      // Category names are validated by the loader only (the schema would have to list 39 types and their aliases).
      if (name === 'unknown category') continue;
      expect(validateSchema(value), name).toBe(false);
    }
  });

  it('is found in the working directory, or read from the given path', () => {
    const dir = join(work, 'project');
    mkdirSync(dir, { recursive: true });
    expect(loadConfig(undefined, dir)).toBeUndefined();
    writeFileSync(join(dir, 'pledge-audit.config.json'), JSON.stringify({ category: 'news' }));
    expect(loadConfig(undefined, dir)).toEqual({ path: join(dir, 'pledge-audit.config.json'), config: { categories: ['新闻资讯类'], suppressions: [] } });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ failOn: 'never' }));
    expect(loadConfig('other.json', dir)?.config.failOn).toBe('never');
  });

  it('a given file that is missing, or not JSON, is an error with the position', () => {
    expect(() => loadConfig('missing.json', work)).toThrow(ConfigError);
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{\n  "category": "news",\n}\n');
    let err: unknown;
    try {
      loadConfig(bad, work);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/^\$: not valid JSON at line 3, column 1: /);
    writeFileSync(bad, '\ufeff{"failOn": "review"}');
    expect(loadConfig(bad, work)?.config.failOn).toBe('review');
  });
});
