import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../util/data-path.js';
import type { AppJob, DoneMessage, MemorySample, Outcome, ReadyMessage } from './protocol.js';
import { InternalError } from '../util/errors.js';

export interface PoolOptions {
  size: number;
  /** Folder the worker threads may write to (bundle bases, links); owned by the caller. */
  tmpDir: string;
  /** Compiled worker entry; default dist/src/batch/worker.js of this package. */
  workerFile?: string;
}

/** Limits of one app: the wall-clock time and the V8 heap of the thread that analyses it. */
export interface AppLimits {
  timeoutMs: number;
  memoryMb: number;
}

export interface SlotStats {
  slot: number;
  apps: number;
  /** Threads started for this slot after the first (timeouts, heap cap, crashes). */
  replaced: number;
  /** Largest heapUsed + external seen after an app, bytes. */
  peakHeap: number;
  /** The same after the slot's first and last app, to see growth across a run. */
  firstHeap: number | undefined;
  lastHeap: number | undefined;
}

interface Task {
  id: number;
  job: AppJob;
  limits: AppLimits;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
  started: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  index: number;
  worker: Worker | undefined;
  memoryMb: number;
  task: Task | undefined;
  /** The thread loaded its modules: one that dies before that points at a broken install, not at an app. */
  ready: boolean;
  stats: SlotStats;
}

export function defaultWorkerFile(): string {
  return join(packageRoot(), 'dist', 'src', 'batch', 'worker.js');
}

/** Startup failures in a row after which the pool gives up (a missing build, not a bad app). */
const MAX_STARTUP_FAILURES = 3;

/**
 * A fixed number of worker threads, one app per thread at a time. A thread that exceeds an app's
 * time limit is terminated; one that reaches its heap cap dies on its own; either way the app
 * gets a typed failure and the slot gets a fresh thread. The heap cap is V8's
 * (maxOldGenerationSizeMb): Buffers of inflated entries live outside it and are bounded by the
 * input limits of src/util/limits.ts instead.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly workerFile: string;
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;
  private fatal: Error | undefined;

  constructor(private readonly options: PoolOptions) {
    this.workerFile = options.workerFile ?? defaultWorkerFile();
    if (!existsSync(this.workerFile)) throw new InternalError(`worker entry ${this.workerFile} is missing: run npm run build`);
    for (let i = 0; i < Math.max(1, options.size); i++) {
      this.slots.push({ index: i, worker: undefined, memoryMb: 0, task: undefined, ready: false, stats: { slot: i, apps: 0, replaced: -1, peakHeap: 0, firstHeap: undefined, lastHeap: undefined } });
    }
  }

  get size(): number {
    return this.slots.length;
  }

  stats(): SlotStats[] {
    return this.slots.map((s) => ({ ...s.stats, replaced: Math.max(0, s.stats.replaced) }));
  }

  /** Audits one app; never rejects for a bad app, only when the pool itself cannot run. */
  run(job: AppJob, limits: AppLimits): Promise<Outcome> {
    if (this.fatal !== undefined) return Promise.reject(this.fatal);
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, limits, resolve, reject, started: 0 });
      this.pump();
    });
  }

  /** Terminates every thread; apps still queued or running are dropped without an outcome. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const exits: Promise<number>[] = [];
    for (const s of this.slots) {
      if (s.task?.timer !== undefined) clearTimeout(s.task.timer);
      s.task = undefined;
      if (s.worker !== undefined) exits.push(s.worker.terminate());
      s.worker = undefined;
    }
    await Promise.all(exits);
  }

  private pump(): void {
    if (this.closed || this.fatal !== undefined) return;
    for (const slot of this.slots) {
      if (slot.task !== undefined) continue;
      const task = this.queue.shift();
      if (task === undefined) return;
      this.start(slot, task);
    }
  }

  private start(slot: Slot, task: Task): void {
    if (slot.worker !== undefined && slot.memoryMb !== task.limits.memoryMb) this.retire(slot);
    if (slot.worker === undefined) this.spawn(slot, task.limits.memoryMb);
    slot.task = task;
    task.started = performance.now();
    task.timer = setTimeout(() => this.timeout(slot, task), task.limits.timeoutMs);
    slot.worker?.postMessage({ type: 'job', id: task.id, job: task.job, tmpDir: this.options.tmpDir });
  }

  private spawn(slot: Slot, memoryMb: number): void {
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    slot.worker = worker;
    slot.memoryMb = memoryMb;
    slot.ready = false;
    slot.stats.replaced++;
    worker.on('message', (msg: DoneMessage | ReadyMessage) => {
      if (msg.type === 'ready') {
        if (slot.worker === worker) slot.ready = true;
        this.startupFailures = 0;
      } else this.done(slot, worker, msg);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.lost(slot, worker, 'E_MEMORY', `the analysis reached the heap cap of ${memoryMb} MB`);
      else this.lost(slot, worker, 'E_WORKER_CRASHED', `worker error: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      this.lost(slot, worker, 'E_WORKER_CRASHED', `worker exited with status ${code}`);
    });
    // An idle pool must not keep the coordinator alive on its own (a running app's timeout timer
    // keeps it alive while there is work).
    worker.unref();
  }

  /** Stops a slot's thread on purpose (its handlers ignore the exit). */
  private retire(slot: Slot): void {
    const w = slot.worker;
    slot.worker = undefined;
    if (w !== undefined) void w.terminate();
  }

  private finish(slot: Slot, outcome: Outcome): void {
    const task = slot.task;
    if (task === undefined) return;
    if (task.timer !== undefined) clearTimeout(task.timer);
    slot.task = undefined;
    slot.stats.apps++;
    task.resolve({ ...outcome, slot: slot.index });
  }

  private done(slot: Slot, worker: Worker, msg: DoneMessage): void {
    if (slot.worker !== worker || slot.task === undefined || msg.id !== slot.task.id) return;
    this.sample(slot, msg.memory);
    const outcome: Outcome = { kind: 'audited', record: msg.record, durationMs: msg.durationMs, memory: msg.memory };
    if (msg.bundle !== undefined) outcome.bundle = msg.bundle;
    this.finish(slot, outcome);
    this.pump();
  }

  private sample(slot: Slot, m: MemorySample): void {
    const heap = m.heapUsed + m.external;
    slot.stats.peakHeap = Math.max(slot.stats.peakHeap, heap);
    slot.stats.firstHeap ??= heap;
    slot.stats.lastHeap = heap;
  }

  private timeout(slot: Slot, task: Task): void {
    if (slot.task !== task) return;
    this.retire(slot);
    this.finish(slot, { kind: 'failed', code: 'E_TIMEOUT', message: `analysis did not finish within ${task.limits.timeoutMs / 1000} s`, durationMs: Math.round(performance.now() - task.started) });
    this.pump();
  }

  private lost(slot: Slot, worker: Worker, code: 'E_MEMORY' | 'E_WORKER_CRASHED', message: string): void {
    slot.worker = undefined;
    void worker.terminate();
    const task = slot.task;
    if (!slot.ready && code === 'E_WORKER_CRASHED' && ++this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.fail(new Error(`worker threads die before finishing any app (${message}); is the build complete?`));
      return;
    }
    if (task !== undefined) this.finish(slot, { kind: 'failed', code, message, durationMs: Math.round(performance.now() - task.started) });
    this.pump();
  }

  private fail(e: Error): void {
    this.fatal = e;
    const tasks = [...this.queue, ...this.slots.map((s) => s.task).filter((t): t is Task => t !== undefined)];
    void this.close();
    for (const t of tasks) t.reject(e);
  }
}
