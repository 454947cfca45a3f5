import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Bull from 'bullmq';
import type { ConnectionOptions, Job, Queue as QueueT, QueueEvents as QueueEventsT, Worker as WorkerT } from 'bullmq';
import { PledgeError } from '../util/errors.js';
import { loadOptional } from './optional.js';
import { fromWire, fsPath, quotePath } from './paths.js';
import { WorkerPool, type AppLimits } from './pool.js';
import type { AppJob, Outcome } from './protocol.js';
import type { Versions } from './record.js';
import { currentVersions, type Dispatcher } from './scan.js';

/**
 * Scale-out on BullMQ (Redis): the coordinator (`scan --queue`) enqueues one job per app on
 * `<name>` and consumes `<name>-results`; `pledge-audit worker` processes consume `<name>`, audit
 * in their own worker-thread pools with the limits the job carries, and put each outcome on
 * `<name>-results`. Only the coordinator writes the store. Jobs carry paths, so workers must see
 * the files at the same paths (shared storage).
 */
export interface QueueTarget {
  url: string;
  name: string;
}

/** What one app job carries: the app, its limits, and the versions the coordinator stores under. */
export interface QueueJobData extends AppJob {
  limits: AppLimits;
  versions: Versions;
}

export interface QueueResultData {
  jobId: string;
  key: string;
  outcome: Outcome;
  worker: string;
}

const PREFIX = 'pledge-audit';

/** I/O failures that may go away on another attempt or another machine (network storage). */
const TRANSIENT_ERRNO = new Set(['ENOENT', 'EIO', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ETIMEDOUT', 'ESTALE', 'ENOTCONN', 'EHOSTDOWN', 'ECONNRESET']);

/** redis://[user:password@]host[:port][/db] or rediss:// (TLS) → BullMQ connection options. */
export function connectionOptions(url: string): ConnectionOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PledgeError('E_USAGE', `--queue: not a URL: ${url}`, { hint: 'e.g. --queue redis://127.0.0.1:6379' });
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new PledgeError('E_USAGE', `--queue: expected redis:// or rediss://, got ${u.protocol}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new PledgeError('E_USAGE', `--queue: bad database number in ${url}`);
  return {
    host: u.hostname === '' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port === '' ? 6379 : Number(u.port),
    db,
    ...(u.username === '' ? {} : { username: decodeURIComponent(u.username) }),
    ...(u.password === '' ? {} : { password: decodeURIComponent(u.password) }),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking commands must wait for Redis to come back, not fail after N retries.
    maxRetriesPerRequest: null,
  };
}

async function bullmq(): Promise<typeof Bull> {
  // Loaded on first use, like the store's driver: audits of single apps never load it.
  return loadOptional('bullmq', () => import('bullmq'));
}

async function ready(what: { waitUntilReady(): Promise<unknown> }, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      what.waitUntilReady(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new PledgeError('E_QUEUE_UNAVAILABLE', `no answer from ${url} within 10 s`)), 10_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job id of an app: its hash and the versions, so a re-enqueue of a waiting app is a no-op. */
export function jobIdOf(key: string, versions: Versions): string {
  return `${key}-${createHash('sha256').update(`${versions.tool}\n${versions.catalogue}`).digest('hex').slice(0, 12)}`;
}

export interface QueueDispatchOptions {
  target: QueueTarget;
  attempts: number;
  log: (line: string) => void;
}

/** The coordinator's side: enqueue apps, take results (and final failures) back. */
export function queueDispatcher(o: QueueDispatchOptions) {
  return async (_tmpDir: string, versions: Versions): Promise<Dispatcher> => {
    const { Queue, Worker, QueueEvents } = await bullmq();
    const connection = connectionOptions(o.target.url);
    const pending = new Map<string, { sink: (out: Outcome) => void; resolve: () => void; reject: (e: unknown) => void }>();
    // Results of apps not submitted (yet): left on the queue by a coordinator that was killed, and
    // taken when this run reaches the app. Late duplicates of settled apps also land here, unused.
    const orphans = new Map<string, Outcome>();
    const settle = (jobId: string, outcome: Outcome): void => {
      const p = pending.get(jobId);
      if (p === undefined) {
        if (outcome.kind === 'audited') orphans.set(jobId, outcome);
        return;
      }
      pending.delete(jobId);
      try {
        p.sink(outcome);
        p.resolve();
      } catch (e) {
        p.reject(e);
        throw e;
      }
    };
    const apps: QueueT = new Queue(o.target.name, { connection, prefix: PREFIX });
    const events: QueueEventsT = new QueueEvents(o.target.name, { connection, prefix: PREFIX });
    const onError = (e: Error): void => o.log(`pledge-audit: queue: ${e.message}\n`);
    apps.on('error', onError);
    events.on('error', onError);
    await ready(apps, o.target.url);
    await ready(events, o.target.url);
    // A job that exhausted its attempts, or stalled past the limit (its workers died), fails in
    // BullMQ and never reaches the results queue; it becomes an error row here.
    events.on('failed', ({ jobId, failedReason }) => settle(jobId, { kind: 'failed', code: 'E_QUEUE_FAILED', message: failedReason, durationMs: 0 }));
    // The results consumer stores an app before BullMQ marks the result done: a coordinator killed
    // in between finds the result again when it restarts.
    const results: WorkerT = new Worker(
      `${o.target.name}-results`,
      async (job: Job<QueueResultData>) => {
        settle(job.data.jobId, job.data.outcome);
      },
      { connection, prefix: PREFIX, concurrency: 1 },
    );
    results.on('error', onError);
    await ready(results, o.target.url);
    return {
      capacity: 10_000,
      async submit(job, limits, sink) {
        const jobId = jobIdOf(job.key, versions);
        const orphan = orphans.get(jobId);
        if (orphan !== undefined) {
          orphans.delete(jobId);
          sink(orphan);
          return;
        }
        const done = new Promise<void>((resolve, reject) => pending.set(jobId, { sink, resolve, reject }));
        const old = await apps.getJob(jobId);
        // A failed job from an earlier run would make add() a no-op and leave this app waiting forever.
        if (old !== undefined) {
          const state = await old.getState();
          if (state === 'failed' || state === 'completed') await old.remove();
        }
        const data: QueueJobData = { ...job, limits, versions };
        await apps.add('app', data, { jobId, attempts: o.attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } });
        await done;
      },
      async close() {
        await results.close();
        await events.close();
        await apps.close();
      },
      stats: () => [],
    };
  };
}

export interface QueueWorkerOptions {
  target: QueueTarget;
  jobs: number;
  /** A job whose worker stops renewing its lock for this long is given to another worker. */
  stalledAfterMs: number;
  /** Exit once the queue has had nothing to do for this long (batch jobs that scale to zero). */
  idleExitMs?: number;
  verbose: boolean;
  log: (line: string) => void;
  signal: AbortSignal;
}

/**
 * A `pledge-audit worker` process. Transient failures (the file is briefly unreachable, a worker
 * thread crashed, this worker runs another version than the scan) are thrown back to BullMQ,
 * which retries with exponential backoff, possibly on another machine; the last attempt sends
 * whatever it has as the app's result, so every app ends as exactly one row.
 */
export async function runQueueWorker(o: QueueWorkerOptions): Promise<{ processed: number }> {
  const { Queue, Worker } = await bullmq();
  const connection = connectionOptions(o.target.url);
  const versions = currentVersions();
  const tmpDir = mkdtempSync(join(tmpdir(), 'pledge-audit-worker-'));
  const pool = new WorkerPool({ size: o.jobs, tmpDir });
  const me = `${hostname()}:${process.pid}`;
  const results: QueueT = new Queue(`${o.target.name}-results`, { connection, prefix: PREFIX });
  const apps: QueueT = new Queue(o.target.name, { connection, prefix: PREFIX });
  const onError = (e: Error): void => o.log(`pledge-audit worker: queue: ${e.message}\n`);
  results.on('error', onError);
  apps.on('error', onError);
  let processed = 0;
  let active = 0;
  let lastActivity = Date.now();
  let worker: WorkerT | undefined;
  try {
    await ready(results, o.target.url);
    const handleJob = async (job: Job<QueueJobData>): Promise<string> => {
      const d = job.data;
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const retry = (why: string): never => {
        if (o.verbose) o.log(`worker: retry ${d.key} ${quotePath(d.path)}: ${why}\n`);
        throw new Error(why);
      };
      if (o.verbose) o.log(`worker: start ${d.key} ${quotePath(d.path)}\n`);
      let outcome: Outcome;
      if (d.versions.tool !== versions.tool || d.versions.catalogue !== versions.catalogue) {
        const why = `this worker runs pledge-audit ${versions.tool} with catalogue ${versions.catalogue}; the scan needs ${d.versions.tool} with catalogue ${d.versions.catalogue}`;
        if (!last) retry(why);
        outcome = { kind: 'failed', code: 'E_QUEUE_FAILED', message: why, durationMs: 0 };
      } else {
        if (!last) {
          try {
            await (await open(fsPath(fromWire(d.path, d.raw)), 'r')).close();
          } catch (e) {
            const errno = (e as NodeJS.ErrnoException).code;
            if (errno !== undefined && TRANSIENT_ERRNO.has(errno)) retry(`cannot open: ${errno}`);
          }
        }
        const job: AppJob = { key: d.key, path: d.path, kind: d.kind, settings: d.settings };
        if (d.raw !== undefined) job.raw = d.raw;
        outcome = await pool.run(job, d.limits);
        if (outcome.kind === 'failed' && outcome.code === 'E_WORKER_CRASHED' && !last) retry(outcome.message);
      }
      const result: QueueResultData = { jobId: String(job.id), key: d.key, outcome, worker: me };
      await results.add('result', result, { removeOnComplete: true, removeOnFail: false });
      processed++;
      if (o.verbose) o.log(`worker: done ${d.key}${outcome.kind === 'failed' ? ` ${outcome.code}` : ''}\n`);
      return outcome.kind;
    };
    worker = new Worker(
      o.target.name,
      async (job: Job<QueueJobData>) => {
        active++;
        try {
          return await handleJob(job);
        } finally {
          active--;
          lastActivity = Date.now();
        }
      },
      { connection, prefix: PREFIX, concurrency: o.jobs, lockDuration: o.stalledAfterMs, stalledInterval: o.stalledAfterMs, maxStalledCount: 1, name: me },
    );
    worker.on('error', onError);
    await ready(worker, o.target.url);
    if (o.verbose) o.log(`worker: ready on ${o.target.name} (${o.jobs} threads)\n`);
    await new Promise<void>((resolve) => {
      o.signal.addEventListener('abort', () => resolve(), { once: true });
      if (o.idleExitMs === undefined) return;
      const idle = o.idleExitMs;
      const timer = setInterval(() => {
        if (active > 0 || Date.now() - lastActivity < idle) return;
        void Promise.all([apps.getWaitingCount(), apps.getDelayedCount(), apps.getActiveCount()]).then(([w, d, a]) => {
          if (w + d + a === 0 && active === 0) {
            clearInterval(timer);
            resolve();
          }
        }, onError);
      }, Math.min(1000, idle));
      o.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    });
  } finally {
    // close() lets running apps finish and hand in their results before the process exits.
    await worker?.close();
    await pool.close();
    await results.close();
    await apps.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  return { processed };
}
