import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit, toolInfo, type AuditOptions } from '../index.js';
import type { AuditRecord } from '../report/model.js';
import { buildErrorRecord } from '../report/build.js';
import { PledgeError } from '../util/errors.js';
import type { Limits } from '../util/limits.js';

/** Audits the apps of one `pledge-audit <apk…>` run, one at a time, within the time and memory limits. */
export interface SingleAuditor {
  audit(input: string | readonly string[], options: AuditOptions): Promise<AuditRecord>;
  /** True when apps run in a worker thread (the limits apply); false in-process. */
  readonly isolated: boolean;
  close(): Promise<void>;
}

export interface SingleAuditLimits {
  /** 0: no time limit, and the app is analysed in-process. */
  timeoutSeconds: number;
  memoryMb: number;
}

/**
 * The worker of the batch pool, compiled beside this module: dist/src/cli/pledge-audit-worker.mjs next to
 * the bundled CLI (one module to load, as for the CLI), else dist/src/batch/worker.js. Under the
 * test runner, which loads TypeScript sources, neither is there: audits then run in-process, so
 * that tests exercise the sources they import; the built CLI always has one.
 */
export function auditWorkerFile(): string | undefined {
  for (const rel of ['./pledge-audit-worker.mjs', '../batch/worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * A hostile input must end in a clean error, never hang: the analysis is synchronous code, which
 * no timer in the same thread can interrupt, so each app runs in a worker thread of the batch
 * pool (src/batch/pool.ts), which is terminated at the time limit (E_TIMEOUT) or dies at its heap
 * cap (E_MEMORY), exactly as in `scan`. The report is built from the record the worker returns.
 */
export async function singleAuditor(limits: SingleAuditLimits, workerFile: string | undefined = auditWorkerFile()): Promise<SingleAuditor> {
  if (limits.timeoutSeconds === 0 || workerFile === undefined) {
    return { audit: (input, options) => audit(input, options), isolated: false, close: () => Promise.resolve() };
  }
  const { WorkerPool } = await import('../batch/pool.js');
  const tmpDir = mkdtempSync(join(tmpdir(), 'pledge-audit-'));
  const pool = new WorkerPool({ size: 1, tmpDir, workerFile });
  const appLimits = { timeoutMs: Math.max(1, Math.round(limits.timeoutSeconds * 1000)), memoryMb: limits.memoryMb };
  return {
    isolated: true,
    async audit(input, options) {
      const paths = typeof input === 'string' ? [input] : [...input];
      const path = paths[0] ?? '';
      const settings = {
        lang: options.lang ?? 'en',
        strict: options.strict ?? false,
        categories: options.categories ?? [],
        reachability: options.reachability !== false,
        ...(options.limits === undefined ? {} : { limits: options.limits as Partial<Limits> }),
        ...(options.declaredSdks === undefined ? {} : { declaredSdks: options.declaredSdks }),
        ...(options.debug === undefined ? {} : { debug: options.debug }),
        ...(options.policy === undefined ? {} : { policy: options.policy }),
        ...(options.sourceRoot === undefined ? {} : { sourceRoot: typeof options.sourceRoot === 'string' ? options.sourceRoot : options.sourceRoot.root }),
      };
      const outcome = await pool.run({ key: path, path, kind: 'apk', settings, ...(paths.length > 1 ? { inputs: paths } : {}) }, appLimits);
      if (outcome.kind === 'audited') return outcome.record;
      return buildErrorRecord(path, new PledgeError(outcome.code, outcome.message, { entry: path }), toolInfo(), options.debug === true);
    },
    async close() {
      await pool.close();
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
