import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERDICT_RANK, type Verdict } from '../model/index.js';
import type { FailOn } from '../index.js';
import { loadCatalogue } from '../sdk/index.js';
import { toolVersion } from '../version.js';
import { discover, kindOfName, type Candidate, type DiscoveryProblem } from './discover.js';
import { hashFile } from './hash.js';
import { JsonlWriter } from './jsonl.js';
import { quotePath, rawBase64 } from './paths.js';
import { WorkerPool, type AppLimits, type SlotStats } from './pool.js';
import type { ProgressSink, ProgressState } from './progress.js';
import type { AppJob, AuditSettings, Outcome } from './protocol.js';
import { outcomeRecord, unreadRecord, type BatchRecord, type Versions } from './record.js';
import { Store, type StoredApp } from './store.js';

/** Shard `index` of `count` (1-based, as vitest's and Playwright's --shard). */
export interface Shard {
  index: number;
  count: number;
}

/** Where apps go to be audited: worker threads here, or a job queue served by other machines. */
export interface Dispatcher {
  /** Apps in flight at once; hashing runs at most this far ahead of the results. */
  readonly capacity: number;
  /** Audits one app and hands the outcome to `sink` (which stores it) before resolving. */
  submit(job: AppJob, limits: AppLimits, sink: (o: Outcome) => void): Promise<void>;
  close(): Promise<void>;
  stats(): SlotStats[];
}

export interface ScanOptions {
  inputs: readonly string[];
  cwd: string;
  store: string;
  jsonl?: string;
  limits: AppLimits;
  jobs: number;
  shard?: Shard;
  retryErrors: boolean;
  settings: AuditSettings;
  failOn: FailOn;
  progress: ProgressSink;
  /** Builds the dispatcher (default: a pool of `jobs` worker threads). */
  dispatcher?: (tmpDir: string, versions: Versions) => Promise<Dispatcher>;
  signal?: AbortSignal;
  /** Called after each app is stored (the benchmark reads memory samples here). */
  onApp?: (record: BatchRecord, outcome: Outcome | undefined) => void;
}

export interface ScanSummary {
  /** Candidate files after sharding, plus unreadable paths that looked like apps. */
  total: number;
  audited: number;
  /** Apps already in the store under the same tool and catalogue versions. */
  skipped: number;
  /** Paths whose content was already seen in this run (recorded in the store's `paths`). */
  duplicates: number;
  /** Apps stored with an error in this run, plus skipped ones stored with an error before. */
  failed: number;
  errors: Record<string, number>;
  /** Folders that could not be walked (not apps, so not rows). */
  problems: DiscoveryProblem[];
  durationMs: number;
  appsPerSecond: number;
  interrupted: boolean;
  exitCode: 0 | 1 | 3;
  memory: { peakRssBytes: number; coordinatorPeakHeapBytes: number; workers: SlotStats[] };
}

export function catalogueVersion(): string {
  return loadCatalogue().version;
}

export function currentVersions(): Versions {
  return { tool: toolVersion(), catalogue: catalogueVersion() };
}

/** Stable across machines and runs: the same path always falls in the same shard. */
export function inShard(raw: Buffer, shard: Shard | undefined): boolean {
  if (shard === undefined) return true;
  return createHash('sha256').update(raw).digest().readUInt32BE(0) % shard.count === shard.index - 1;
}

class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((r) => this.waiting.push(r));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.active--;
  }
}

function localDispatcher(jobs: number) {
  return async (tmpDir: string): Promise<Dispatcher> => {
    const pool = new WorkerPool({ size: jobs, tmpDir });
    return {
      capacity: pool.size * 2,
      submit: async (job, limits, sink) => sink(await pool.run(job, limits)),
      close: () => pool.close(),
      stats: () => pool.stats(),
    };
  };
}

/**
 * A batch scan: discover, hash, skip what the store has, audit the rest through the dispatcher,
 * and store each app as it finishes. Never throws for bad apps (they are rows); throws for a
 * store that cannot be written or a dispatcher that cannot run.
 */
export async function runScan(o: ScanOptions): Promise<ScanSummary> {
  const started = performance.now();
  const versions = currentVersions();
  const found = discover(o.inputs, o.cwd);
  const candidates = found.candidates.filter((c) => inShard(c.path.raw, o.shard));
  const appProblems = found.problems.filter((p) => p.app && inShard(p.path.raw, o.shard));
  const problems = found.problems.filter((p) => !p.app);

  const store = await Store.open(o.store);
  const jsonl = o.jsonl === undefined ? undefined : new JsonlWriter(o.jsonl);
  const tmpDir = mkdtempSync(join(tmpdir(), 'pledge-audit-scan-'));
  let dispatcher: Dispatcher | undefined;

  const state: ProgressState = { done: 0, total: candidates.length + appProblems.length, failed: 0, skipped: 0, processed: 0, elapsedMs: 0 };
  const errors: Record<string, number> = {};
  let audited = 0;
  let duplicates = 0;
  let anyError = problems.length > 0;
  let anyAtFailOn = false;
  let heapPeak = 0;
  const threshold = o.failOn === 'never' ? Infinity : VERDICT_RANK[o.failOn];
  const aborted = (): boolean => o.signal?.aborted === true;

  const count = (status: 'ok' | 'error', verdict: string | null, clauseErrors: number, errorCode: string | null): void => {
    if (status === 'error' || clauseErrors > 0) anyError = true;
    if (status === 'error') {
      state.failed++;
      if (errorCode !== null) errors[errorCode] = (errors[errorCode] ?? 0) + 1;
    } else if (verdict !== null && VERDICT_RANK[verdict as Verdict] >= threshold) anyAtFailOn = true;
  };
  const tick = (): void => {
    state.done++;
    state.elapsedMs = performance.now() - started;
    o.progress.update(state);
  };
  const finish = (r: BatchRecord, outcome: Outcome | undefined): void => {
    store.write(r);
    jsonl?.write(r);
    state.processed++;
    if (r.status === 'ok') audited++;
    count(r.status, r.verdict, r.clauseErrors, r.error?.code ?? null);
    if (r.error !== null) o.progress.log(`pledge-audit: ${r.error.code} ${quotePath(r.path)}: ${r.error.message}\n`);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    o.onApp?.(r, outcome);
    tick();
  };
  const skip = (s: StoredApp): void => {
    state.skipped++;
    count(s.status, s.verdict, s.clauseErrors, s.errorCode);
    tick();
  };

  let memory: ScanSummary['memory'] = { peakRssBytes: 0, coordinatorPeakHeapBytes: 0, workers: [] };
  let fatal: unknown;
  try {
    for (const p of problems) o.progress.log(`pledge-audit: ${p.code} ${quotePath(p.path.display)}: ${p.message}\n`);
    for (const p of appProblems) finish(unreadRecord(p.path, kindOfName(p.path.raw) ?? 'apk', p.code, p.message, versions), undefined);
    const stored = store.stored(versions, o.retryErrors);
    dispatcher = await (o.dispatcher ?? localDispatcher(o.jobs))(tmpDir, versions);
    const limiter = new Limiter(dispatcher.capacity);
    const inflight = new Set<Promise<void>>();
    const seen = new Set<string>();
    const abort = new Promise<void>((resolve) => o.signal?.addEventListener('abort', () => resolve(), { once: true }));

    const dispatch = (c: Candidate, sha256: string, size: number): void => {
      const job: AppJob = { key: sha256, path: c.path.display, kind: c.kind, settings: o.settings };
      const raw = rawBase64(c.path);
      if (raw !== undefined) job.raw = raw;
      const p = (dispatcher as Dispatcher)
        .submit(job, o.limits, (outcome) => finish(outcomeRecord(c.path, sha256, size, c.kind, outcome, versions), outcome))
        .catch((e: unknown) => {
          fatal ??= e;
        })
        .finally(() => {
          limiter.release();
          inflight.delete(p);
        });
      inflight.add(p);
    };

    for (const c of candidates) {
      if (aborted() || fatal !== undefined) break;
      await Promise.race([limiter.acquire(), abort]);
      if (aborted()) break;
      const h = await hashFile(c.path);
      if (!h.ok) {
        finish(unreadRecord(c.path, c.kind, h.code, h.message, versions), undefined);
        limiter.release();
        continue;
      }
      store.addPath(h.sha256, c.path);
      const prev = stored.get(h.sha256);
      if (prev !== undefined || seen.has(h.sha256)) {
        if (prev !== undefined && !seen.has(h.sha256)) skip(prev);
        else {
          duplicates++;
          tick();
        }
        seen.add(h.sha256);
        limiter.release();
        continue;
      }
      seen.add(h.sha256);
      dispatch(c, h.sha256, h.size);
    }
    while (inflight.size > 0 && !aborted() && fatal === undefined) await Promise.race([Promise.race(inflight), abort]);
  } finally {
    const workers = dispatcher?.stats() ?? [];
    await dispatcher?.close();
    store.close();
    jsonl?.close();
    rmSync(tmpDir, { recursive: true, force: true });
    state.elapsedMs = performance.now() - started;
    o.progress.stop(state);
    memory = { peakRssBytes: process.resourceUsage().maxRSS * 1024, coordinatorPeakHeapBytes: heapPeak, workers };
  }
  if (fatal !== undefined) throw fatal;
  const durationMs = performance.now() - started;
  return {
    total: state.total,
    audited,
    skipped: state.skipped,
    duplicates,
    failed: state.failed,
    errors,
    problems,
    durationMs,
    appsPerSecond: durationMs > 0 ? (state.processed * 1000) / durationMs : 0,
    interrupted: aborted(),
    exitCode: anyError ? 3 : anyAtFailOn ? 1 : 0,
    memory,
  };
}
