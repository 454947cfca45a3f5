import { describe, expect, it } from 'vitest';
import { commandTypo, editDistance } from '../../src/cli/program.js';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { join } from 'node:path';

describe('first contact', () => {
  it('a typo of a subcommand is "unknown command … did you mean", exit 2, on stderr', () => {
    const r = exec(['scna', 'x']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("pledge-audit: E_USAGE: unknown command 'scna' (Did you mean scan?)\n");
    const zh = exec(['rulez'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain('未知命令');
    expect(zh.stderr).toContain('rules');
  });

  it('a file that exists, a path or a distant word is an input, not a typo', () => {
    const commands = ['scan', 'report', 'worker', 'rules', 'sdks', 'dump'];
    expect(commandTypo('scna', commands, REPO)).toBe('scan');
    expect(commandTypo('dupm', commands, REPO)).toBe('dump');
    expect(commandTypo('app.apk', commands, REPO)).toBeUndefined();
    expect(commandTypo('fixtures', commands, REPO)).toBeUndefined();
    expect(commandTypo('banana', commands, REPO)).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('-v is --version, as in ESLint; --verbose keeps its long form', () => {
    const v = exec(['-v']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const verbose = exec([fixtureApk('clean'), '--verbose']);
    expect(verbose.status).toBe(0);
  });
});

describe('first contact: help, missing inputs, stderr', () => {
  it('--help shows the audit usage and options first, then the other commands, in both languages', () => {
    for (const env of [{}, { LANG: 'zh_CN.UTF-8' }]) {
      const h = exec(['--help'], env);
      expect(h.status).toBe(0);
      expect(h.stdout).toMatch(/^(Usage:|用法：) pledge-audit \[(options|选项)\] <inputs\.\.\.>\n +pledge-audit <(command|命令)>/);
      const at = (s: string): number => h.stdout.indexOf(s);
      expect(at('--fail-on')).toBeGreaterThan(0);
      expect(at('--report')).toBeGreaterThan(0);
      expect(at('--fail-on')).toBeLessThan(at('\n  scan '));
      expect(at('--version')).toBeLessThan(at('\n  scan '));
      for (const c of ['audit', 'dump', 'sdks', 'lists', 'rules', 'scan', 'worker', 'report']) expect(h.stdout).toMatch(new RegExp(`\\n  ${c} `));
    }
    // A command's own help is unchanged.
    expect(exec(['sdks', '--help']).stdout).toMatch(/^Usage: pledge-audit sdks /);
  });

  it('a missing input is exit 2 in every command, one line on stderr, nothing on stdout', () => {
    const missing = join(REPO, 'no-such-input.apk');
    for (const argv of [[missing], [missing, '-f', 'json', '-o', '/dev/null'], ['audit', missing, '-f', 'sarif', '-o', '/dev/null'], ['dump', 'manifest', missing], ['dump', 'classes', missing], ['dump', 'signing', missing], ['sdks', missing], ['lists', missing]]) {
      const r = exec(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stdout, argv.join(' ')).toBe('');
      expect(r.stderr, argv.join(' ')).toMatch(/^pledge-audit: E_INPUT_NOT_FOUND .*no-such-input\.apk: no such file\n$/);
    }
  });

  it('errors go to stderr in every format; stdout carries only the report', () => {
    const notZip = join(REPO, 'package.json');
    for (const format of ['text', 'json', 'junit', 'codequality']) {
      const r = exec([notZip, '-f', format]);
      expect(r.status, format).toBe(3);
      expect(r.stderr, format).toMatch(/^pledge-audit: E_\w+ package\.json: /);
      expect(r.stdout, format).not.toMatch(/^pledge-audit:/m);
    }
  });
});
