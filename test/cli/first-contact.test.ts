import { describe, expect, it } from 'vitest';
import { commandTypo, editDistance } from '../../src/cli/program.js';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';

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
