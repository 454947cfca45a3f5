import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { validateCodeQuality, validateSast } from '../report/ci-schemas.js';
import { validateJunit } from '../report/junit-xsd.js';
import { sarifValidator } from '../report/sarif-schema.js';

/** The first ```yaml block of docs/ci.md's GitLab section: the job users paste. */
function gitlabJob(): string {
  const doc = readFileSync(join(REPO, 'docs/ci.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## GitLab CI'));
  const m = /```yaml\n([\s\S]*?)```/.exec(section);
  if (m?.[1] === undefined) throw new Error('no yaml block in the GitLab section of docs/ci.md');
  return m[1];
}

/** Active (uncommented) lines: what GitLab reads. */
const active = (yaml: string): string[] => yaml.split('\n').filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/\s+#.*$/, ''));

const dir = mkdtempSync(join(tmpdir(), 'pledge-gitlab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/ci.md's GitLab job", () => {
  const yaml = gitlabJob();
  const lines = active(yaml);

  it('declares the stage it uses, runs on node:24 and needs no job that is not in it', () => {
    const stages = /^stages:\s*\[([^\]]*)\]/m.exec(lines.join('\n'))?.[1]?.split(',').map((s) => s.trim()) ?? [];
    const stage = /^\s+stage:\s*(\S+)/m.exec(lines.join('\n'))?.[1];
    expect(stage).toBeDefined();
    expect(stages).toContain(stage);
    expect(lines.some((l) => /^\s+image:\s*node:24\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+needs:/.test(l))).toBe(false);
  });

  it('runs the audit once, and that one run writes every report the job declares, each valid', () => {
    // The folded `- >-` block: its lines joined by spaces, as YAML folds them.
    const start = lines.findIndex((l) => /^\s+- >-\s*$/.test(l));
    const body: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (!/^ {6}\S/.test(l)) break;
      body.push(l.trim());
    }
    const command = body.join(' ');
    expect(command.startsWith('pledge-audit "$APK"')).toBe(true);
    expect(lines.filter((l) => /^\s+- .*pledge-audit\s+"\$APK"/.test(l) || /^\s+- >-/.test(l))).toHaveLength(1);
    const args = command.replace(/^pledge-audit "\$APK"/, '').trim().split(/\s+/);
    const r = exec([fixtureApk('demo-shop'), ...args], {}, dir);
    // The demo app fails clause 2: exit 1, after every report is written.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('c02');
    const reports = Object.fromEntries([...yaml.matchAll(/^ {6}(junit|codequality|sast):\s*(\S+)/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(reports).sort()).toEqual(['codequality', 'junit', 'sast']);
    const paths = /^\s+paths:\s*\[([^\]]*)\]/m.exec(lines.join('\n'))?.[1]?.split(',').map((s) => s.trim()) ?? [];
    for (const p of paths) expect(existsSync(join(dir, p)), p).toBe(true);
    const read = (f: string | undefined): string => readFileSync(join(dir, f ?? '?'), 'utf8');
    expect(validateJunit(read(reports.junit))).toEqual([]);
    expect(read(reports.junit)).toContain('<failure type="fail"');
    expect(validateCodeQuality(JSON.parse(read(reports.codequality)))).toEqual([]);
    expect(validateSast(JSON.parse(read(reports.sast)))).toEqual([]);
    const sarif = paths.find((p) => p.endsWith('.sarif'));
    expect(sarifValidator()(JSON.parse(read(sarif)))).toEqual([]);
  });
});
