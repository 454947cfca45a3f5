import { Ajv } from 'ajv';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/util/data-path.js';
import { validate, type Schema } from '../../src/util/json-schema.js';
import { REPO } from '../helpers/corpus.js';

const tables = readdirSync(join(REPO, 'rules/data')).filter((f) => f.endsWith('.json'));
const schemaOf = (t: string) => JSON.parse(readFileSync(join(REPO, 'schema/data', t.replace(/\.json$/, '.schema.json')), 'utf8')) as Schema;
const work = mkdtempSync(join(tmpdir(), 'pledge-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One structural mistake per table, each the kind an edit by hand makes. */
function breakTable(t: string, v: Record<string, unknown>): void {
  const first = (k: string) => (v[k] as Record<string, unknown>[])[0] as Record<string, unknown>;
  switch (t) {
    case 'sdks.json':
      first('sdks').category = 'advertising';
      break;
    case 'packers.json':
      first('packers').minMatches = 0;
      break;
    case 'categories.json':
      first('categories').no = 'one';
      break;
    case 'lexicon.json':
      delete (v.groups as Record<string, unknown>).POLICY;
      break;
    case 'libraries.json':
      first('libraries').prefixes = [];
      break;
    case 'permission-evidence.json':
      (v.permissions as Record<string, unknown>)['android.permission.X'] = { methods: 'getImei' };
      break;
    case 'permissions.json':
      (v.permissions as Record<string, unknown>)['android.permission.X'] = { label: 'no level' };
      break;
    case 'policy-terms.json':
      (v.kinds as Record<string, unknown>).SENSOR = { zh: ['传感器'], en: ['sensor'] };
      break;
    case 'pi-apis.json':
      first('methods').class = 'android.telephony.TelephonyManager';
      break;
    default:
      throw new Error(`no breakage for ${t}: add one`);
  }
}

describe('rules/data tables are validated when loaded', () => {
  it.each(tables)('%s is valid, and the validator agrees with ajv', (t) => {
    const value = JSON.parse(readFileSync(join(REPO, 'rules/data', t), 'utf8')) as unknown;
    expect(validate(value, schemaOf(t))).toBeUndefined();
    const ajv = new Ajv({ allErrors: false, strict: false });
    expect(ajv.validate(schemaOf(t), value), JSON.stringify(ajv.errors)).toBe(true);
  });

  it.each(tables)('a broken copy of %s is refused with the file and the JSON path', (t) => {
    const value = JSON.parse(readFileSync(join(REPO, 'rules/data', t), 'utf8')) as Record<string, unknown>;
    breakTable(t, value);
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(schemaOf(t), value), 'ajv must refuse the broken copy too').toBe(false);
    writeFileSync(join(work, t), JSON.stringify(value));
    expect(() => loadData(t, work)).toThrow(new RegExp(`${t.replace('.', '\\.')} does not match its schema: \\$\\.`));
  });

  it('a table that is not JSON is refused as such', () => {
    writeFileSync(join(work, 'lexicon.json'), '{ "source": ');
    expect(() => loadData('lexicon.json', work)).toThrow(/lexicon\.json is not readable JSON/);
  });
});
