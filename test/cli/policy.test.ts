import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { POLICY_FIXTURES } from '../helpers/policies.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-cli-policy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Report {
  clauses: { clause: number; findings: { check: string; messageId: string; verdict: string; evidence: { location: { entry?: string; line?: number }; detail?: string }[] }[] }[];
}

const findings = (r: Report, check: string) => r.clauses.flatMap((c) => c.findings).filter((f) => f.check === check);

describe('--policy', () => {
  it('compares the given policy with the code: unnamed SDKs, unmentioned PI, named SDKs not bundled, with the sentences quoted', () => {
    const r = exec([fixtureApk('demo-shop'), '--policy', join(POLICY_FIXTURES, 'demo-shop-omits.zh.txt'), '--format', 'json', '--fail-on', 'never']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(findings(report, 'c09/sdk-not-in-policy').map((f) => `${f.messageId}/${f.verdict}`).sort()).toEqual(['unnamed/warn', 'unnamedReadsPi/fail']);
    expect(findings(report, 'c02/pi-not-in-policy').map((f) => f.messageId)).toEqual(['unmentioned']);
    const [nb] = findings(report, 'c09/policy-sdk-not-bundled');
    expect(nb?.evidence[0]?.location).toEqual({ kind: 'file', entry: 'demo-shop-omits.zh.txt', line: 13 });
    expect(nb?.evidence[0]?.detail).toBe('个推推送 SDK（每日互动股份有限公司）：消息推送；');
  });

  it('a complete policy leaves none of the three checks', () => {
    const r = exec([fixtureApk('demo-shop'), '--policy', join(POLICY_FIXTURES, 'demo-shop-complete.en.html'), '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(r.stdout) as Report;
    for (const c of ['c09/sdk-not-in-policy', 'c02/pi-not-in-policy', 'c09/policy-sdk-not-bundled']) expect(findings(report, c), c).toEqual([]);
  });

  it('a missing, unsupported or undecodable policy is one clean line and exit 2, before any audit', () => {
    const bin = join(work, 'policy.txt');
    writeFileSync(bin, Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const pdf = join(work, 'policy.pdf');
    writeFileSync(pdf, '%PDF-1.4');
    for (const [file, code] of [
      [join(work, 'missing.md'), 'E_POLICY_UNREADABLE'],
      [pdf, 'E_POLICY_UNSUPPORTED'],
      [bin, 'E_POLICY_INVALID'],
    ] as const) {
      const r = exec([fixtureApk('demo-shop'), '--policy', file]);
      expect(r.status, code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^pledge-audit: ${code} `))]);
    }
    const zh = exec([fixtureApk('demo-shop'), '--policy', pdf, '--lang', 'zh']);
    expect(zh.stderr).toContain('不是 .txt、.md 或 .html 文件');
  });

  it('appears in --help in English and Chinese', () => {
    expect(exec(['audit', '--help']).stdout).toMatch(/--policy <file>\s+the published privacy policy/);
    expect(exec(['audit', '--help'], { LANG: 'zh_CN.UTF-8' }).stdout).toMatch(/--policy <file>\s+与代码比对的正式发布隐私政策/);
  });
});
