import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';

/** The CLI in-process with an output that breaks: an exception of our own, not the input's. */
async function runBroken(argv: string[]): Promise<{ err: string; code: number }> {
  let err = '';
  const code = await main(argv, {
    out: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'verdict')");
    },
    err: (s) => (err += s),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  });
  return { err, code };
}

describe('unexpected exceptions', () => {
  it('are exit 3 E_INTERNAL with one line and how to see the stack', async () => {
    const r = await runBroken(['rules']);
    expect(r.code).toBe(3);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toBe("pledge-audit: E_INTERNAL: Cannot read properties of undefined (reading 'verdict')");
    expect(lines[1]).toContain('--debug');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--debug prints the stack', async () => {
    const r = await runBroken(['rules', '--debug']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/TypeError: Cannot read properties of undefined[\s\S]*\n\s+at /);
  });

  it('in Chinese too', async () => {
    const r = await runBroken(['rules', '--lang', 'zh']);
    expect(r.err).toMatch(/^pledge-audit: E_INTERNAL: 内部错误（pledge-audit 的缺陷）（Cannot read/);
    expect(r.err).toContain('加 --debug 重新运行可查看堆栈');
  });
});
