import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { audit } from '../../src/index.js';

/** Every mutant under test/fuzz/regressions/ gives what its index.json entry says, on one clean line when it is an error. */
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'regressions');
interface Expectation {
  what: string;
  expect: string;
  diagnostics?: Record<string, string[]>;
}
const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { files: Record<string, Expectation> };
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])/;

describe('fuzz regressions', () => {
  for (const [file, want] of Object.entries(index.files)) {
    it(`${file}: ${want.expect}`, async () => {
      const path = join(DIR, file);
      const r = await audit(path);
      if (want.expect === 'report') {
        expect(r.status, r.status === 'error' ? `${r.error.code} ${r.error.message}` : '').toBe('ok');
        if (r.status !== 'ok') return;
        expect(r.clauses.flatMap((c) => c.errors ?? [])).toEqual([]);
        for (const [code, entries] of Object.entries(want.diagnostics ?? {})) {
          expect(r.diagnostics.filter((d) => d.code === code).map((d) => d.entry)).toEqual(entries);
        }
      } else {
        expect(r.status).toBe('error');
        if (r.status !== 'error') return;
        expect(r.error.code).toBe(want.expect);
        expect(RAW_CONTROL.test(r.error.message)).toBe(false);
      }
      let out = '';
      let err = '';
      const code = await main([path, '--fail-on', 'never'], { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {}, cwd: DIR });
      expect(code).toBe(want.expect === 'report' ? 0 : 3);
      expect(RAW_CONTROL.test(out) || RAW_CONTROL.test(err), JSON.stringify(err)).toBe(false);
      if (want.expect !== 'report') expect(err).toMatch(new RegExp(`^pledge-audit: ${want.expect} [^\\n]*\\n$`));
      else expect(err).toBe('');
    });
  }
});
