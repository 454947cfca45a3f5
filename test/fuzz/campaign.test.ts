import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/corpus.js';

/**
 * The short form of the mutation campaign (npm run fuzz -- --short): a few hundred structure-aware
 * mutants of the fixtures (and of small corpus APKs when ../shared is there), seeded from the
 * commit, through audit() in worker threads and a sample through the CLI. It runs the built
 * pledge-audit (dist/, which `npm ci` builds in CI). Any crash, hang, memory failure or raw control
 * character fails the test with the mutant's seed and index; replay it with the command the
 * failure names, and keep it as a file under test/fuzz/regressions/.
 */
const built = existsSync(join(REPO, 'dist/src/index.js'));
if (!built) console.log('fuzz campaign skipped: dist/ is missing (npm run build)');

describe.skipIf(!built)('mutation campaign, short form', () => {
  it('a report or a clean error for every mutant', () => {
    const r = spawnSync(process.execPath, ['scripts/fuzz.mjs', '--short', '--count', '300', '--minutes', '0.5', '--workers', '2', '--cli-every', '60', '--json', '--out', join(REPO, 'fuzz-out')], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.error, r.stderr).toBeUndefined();
    const summary = JSON.parse(r.stdout) as { seed: number; mutants: number; outcomes: Record<string, number>; bad: { index: number; outcome: string; what: string; detail?: string }[] };
    const story = summary.bad.map((b) => `${b.outcome} seed ${summary.seed} #${b.index} ${b.what}: ${b.detail ?? ''}`).join('\n');
    expect(summary.bad, story).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
    expect(summary.mutants).toBeGreaterThanOrEqual(100);
    // both kinds of clean outcome occur: the mutations reach the decoders and the checks
    expect(summary.outcomes.report ?? 0).toBeGreaterThan(10);
    expect(summary.outcomes['clean-error'] ?? 0).toBeGreaterThan(10);
  }, 120_000);
});
