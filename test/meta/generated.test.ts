import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/corpus.js';

// Rule docs are checked in-process by test/meta/rules.test.ts (they render the code under test,
// not the last build); every other generator runs here in --check mode.
const GENERATORS = ['gen-android-attrs.mjs', 'gen-permissions.mjs', 'gen-permission-evidence.mjs', 'gen-categories.mjs', 'build-sdk-catalogue.mjs', 'gen-axml-golden.mjs'];

describe('generated files are what their generators make (npm run gen)', () => {
  it('npm run gen runs every generator of the repository', () => {
    const gen = readFileSync(join(REPO, 'scripts/gen.mjs'), 'utf8');
    for (const g of [...GENERATORS, 'gen-rule-docs.mjs']) expect(gen).toContain(`'${g}'`);
  });

  it.each(GENERATORS)('%s --check', (g) => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', g), '--check'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    const said = `${r.stdout}${r.stderr}`.trim();
    if (r.status === 0 && said.startsWith('skipped:')) {
      console.log(`${g} ${said}`);
      return;
    }
    expect(r.status, said).toBe(0);
    expect(said).toMatch(/^up to date:/);
  });
});
