import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/corpus.js';
import { BIN } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';

/**
 * The GitHub Action's Audit step (action/audit.sh) as GitHub runs it: `bash -eo pipefail`, inputs
 * in PA_* variables, outputs appended to $GITHUB_OUTPUT and the summary to $GITHUB_STEP_SUMMARY.
 * Whatever pledge-audit exits with, the step itself succeeds and writes both; the Verdict step
 * fails the job afterwards.
 */
const work = mkdtempSync(join(tmpdir(), 'pledge-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

function step(env: Record<string, string>): { status: number | null; outputs: Record<string, string>; summary: string; stderr: string; stdout: string } {
  const dir = join(work, `run-${++n}`);
  spawnSync('mkdir', [dir]);
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(REPO, 'action', 'audit.sh')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', LANG: 'C', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, PA_SCRIPT: BIN, PA_LANG: 'en', PA_SUMMARY: 'true', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { status: r.status, outputs, summary: readFileSync(summary, 'utf8'), stderr: r.stderr, stdout: r.stdout };
}

describe('action/audit.sh under bash -eo pipefail', () => {
  it('exit 1 (a clause fails): the step succeeds, the outputs and the summary are written', () => {
    const r = step({ PA_APK: fixtureApk('manifest-risky'), PA_CATEGORY: 'android/risky' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.outputs.verdict).toBe('failed');
    const sarif = r.outputs['sarif-file'] ?? '';
    expect(sarif).toMatch(/^\/.*pledge-audit\.sarif$/);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { automationDetails: { id: string }; results: unknown[] }[] };
    expect(log.runs[0]?.automationDetails.id).toBe('android/risky/');
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    expect(r.summary).toMatch(/^### pledge-audit: failed \(exit 1\)\n/);
    expect(r.summary).toContain('| ');
  });

  it('exit 3 (an input cannot be analysed): outputs and summary still written', () => {
    const broken = join(work, 'broken.apk');
    writeFileSync(broken, 'not a zip');
    const r = step({ PA_APK: `${fixtureApk('clean')} ${broken}` });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('3');
    expect(r.outputs.verdict).toBe('input-error');
    expect(existsSync(r.outputs['sarif-file'] ?? '')).toBe(true);
    expect(r.summary).toMatch(/^### pledge-audit: input-error \(exit 3\)/);
  });

  it('exit 2 (usage error) and a glob that matches nothing: a warning, outputs, no crash', () => {
    const r = step({ PA_APK: fixtureApk('clean'), PA_FAIL_ON: 'sometimes' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.outputs.verdict).toBe('usage-error');
    expect(r.outputs['sarif-file']).toBe('');
    const g = step({ PA_APK: `${join(REPO, 'fixtures/apk')}/clea*.apk ${join(work, 'nothing')}/*.apk` });
    expect(g.stdout).toContain('::warning::pledge-audit:');
    expect(g.outputs['exit-code']).toBe('0');
    expect(g.outputs.verdict).toBe('passed');
  });

  it('source-root: SARIF results on source lines (SRCROOT), and a missing folder is a usage error', () => {
    const r = step({ PA_WORKDIR: REPO, PA_APK: 'fixtures/apk/demo-shop.apk', PA_SOURCE_ROOT: 'fixtures/src/demo-shop', PA_SARIF: join(work, 'src.sarif'), PA_SUMMARY: 'false' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs['exit-code']).toBe('1');
    type Loc = { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } };
    const log = JSON.parse(readFileSync(join(work, 'src.sarif'), 'utf8')) as { runs: { originalUriBaseIds?: Record<string, { uri: string }>; results: { locations: Loc[] }[] }[] };
    const run = log.runs[0];
    expect(run?.originalUriBaseIds?.SRCROOT?.uri).toMatch(/^file:\/\/.*\/fixtures\/src\/demo-shop\/$/);
    const inSource = run?.results.flatMap((x) => x.locations).filter((l) => l.physicalLocation.artifactLocation.uriBaseId === 'SRCROOT') ?? [];
    expect(inSource.map((l) => l.physicalLocation.artifactLocation.uri)).toContain('src/main/java/com/example/shiguang/ShopApplication.java');
    expect(inSource.every((l) => (l.physicalLocation.region?.startLine ?? 0) > 0 || l.physicalLocation.artifactLocation.uri.startsWith('res/xml/'))).toBe(true);
    const missing = step({ PA_WORKDIR: REPO, PA_APK: 'fixtures/apk/demo-shop.apk', PA_SOURCE_ROOT: 'no/such/folder', PA_SARIF: join(work, 'none.sarif'), PA_SUMMARY: 'false' });
    expect(missing.status, missing.stderr).toBe(0);
    expect(missing.outputs['exit-code']).toBe('2');
    expect(missing.outputs.verdict).toBe('usage-error');
  });

  it('exit 0 in a working-directory with relative paths', () => {
    const r = step({ PA_WORKDIR: REPO, PA_APK: 'fixtures/apk/clean.apk', PA_SARIF: join(work, 'wd.sarif') });
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs['sarif-file']).toBe(join(work, 'wd.sarif'));
  });

  it('compare-with: pledge-audit diff against the previous release; SARIF of the new findings, the changes in the summary', () => {
    const r = step({ PA_APK: fixtureApk('demo-shop-v2'), PA_COMPARE: fixtureApk('demo-shop'), PA_BASELINE: 'ignored.json' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('::warning::pledge-audit: baseline is not used with compare-with');
    expect(r.outputs['exit-code']).toBe('1');
    expect(r.outputs.verdict).toBe('failed');
    const log = JSON.parse(readFileSync(r.outputs['sarif-file'] ?? '', 'utf8')) as { runs: { results: { ruleId: string; baselineState: string }[] }[] };
    const results = log.runs[0]?.results ?? [];
    expect(results.map((x) => x.ruleId)).toContain('c09/sdk-init-before-consent');
    expect(results.every((x) => x.baselineState === 'new')).toBe(true);
    expect(r.summary).toMatch(/^### pledge-audit: failed \(exit 1\)\n\n### pledge-audit diff: /);
    expect(r.summary).toContain('➕ Tencent Bugly (tencent-bugly)');
    const same = step({ PA_APK: fixtureApk('demo-shop'), PA_COMPARE: fixtureApk('demo-shop'), PA_FAIL_ON: 'review' });
    expect(same.outputs['exit-code']).toBe('0');
    expect(same.summary).toContain('No changes');
  });
});

describe('action.yml', () => {
  const yml = readFileSync(join(REPO, 'action.yml'), 'utf8');
  it('pins every action it uses by commit, uploads with upload-sarif v4, leaves the caller\'s Node alone', () => {
    const uses = [...yml.matchAll(/^\s*uses:\s*(\S+)/gm)].map((m) => m[1] ?? '');
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u, u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    expect(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(yml).toMatch(/# v4\.\d+\.\d+, pinned by commit\n\s+uses: github\/codeql-action\/upload-sarif@/);
    expect(yml).not.toMatch(/uses:\s*actions\/setup-node/);
    expect(yml).toMatch(/category: \$\{\{ inputs\.category \}\}/);
    for (const input of ['category', 'working-directory', 'fail-on', 'lang', 'app-category', 'compare-with']) expect(yml).toMatch(new RegExp(`^  ${input}:\\n`, 'm'));
    for (const output of ['exit-code', 'sarif-file', 'verdict']) expect(yml).toMatch(new RegExp(`^  ${output}:\\n`, 'm'));
    // Inputs reach shell code only through env.
    for (const run of yml.split(/\n\s+- name: /).filter((s) => /\brun: /.test(s))) expect(run.split('run:')[1] ?? '').not.toMatch(/\$\{\{\s*inputs\./);
  });
});
