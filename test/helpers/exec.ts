import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './corpus.js';

export const BIN = join(REPO, 'dist/pledge-audit.mjs');

export interface ExecResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs the built CLI with a minimal environment, as a user's shell or CI step would. */
export function exec(args: string[], env: Record<string, string> = {}, cwd = REPO): ExecResult {
  if (!existsSync(BIN)) throw new Error('build first: npm run build');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: 'C', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
