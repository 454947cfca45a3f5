/**
 * Entry of a worker thread: audits one app at a time for the pool (src/batch/pool.ts). Runs as
 * compiled JavaScript (dist/src/batch/worker.js). Everything that can go wrong with an input
 * comes back as an error record; what cannot be caught here (a hang, the heap cap) is handled by
 * the pool, which terminates this thread and starts another.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parentPort, threadId } from 'node:worker_threads';
import { audit } from '../index.js';
import type { AuditRecord } from '../report/model.js';
import { InternalError } from '../util/errors.js';
import type { BundleInfo } from './bundle.js';
import type { AppJob, DoneMessage, JobMessage, MemorySample, ReadyMessage } from './protocol.js';

let _spins = 0;

/**
 * Test-only hook: an app whose analysis never ends, to test the pool's timeout and replacement.
 * A hostile file does not do it: sizes read from input pass safeBound, and the DEX scan stops
 * walking code items shared by many methods (W_LIMIT_CODE_SCAN), so such files end in an error or
 * a diagnostic, not a hang. Honoured only with NODE_ENV=test, and only here.
 */
function hangIfAsked(key: string): void {
  if (process.env.NODE_ENV === 'test' && process.env.PLEDGE_TEST_HANG_ON === key) {
    for (;;) _spins++;
  }
}

function memory(): MemorySample {
  // When the process runs with --expose-gc (the batch benchmark), sample what the thread retains
  // after an app rather than the garbage it has not yet collected; otherwise this is a no-op.
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

async function auditOne(job: AppJob, fsPath: string): Promise<{ record: AuditRecord; bundle?: BundleInfo }> {
  // The settings are audit options as plain data (they crossed the thread). The single-app loader
  // reads bundles and split sets whole (src/input/parts.ts), whatever the file is called: dumps
  // rename freely, and a bundle called .apk is found by its content.
  const record = await audit(job.inputs ?? fsPath, job.settings);
  const parts = record.status === 'ok' ? record.target.parts : undefined;
  if (parts === undefined || parts.length === 0) return { record };
  return { record, bundle: { base: (parts[0] as { name: string }).name, splits: parts.slice(1).map((p) => p.name) } };
}

/** The record names the app by the path the user knows, not by a link or an extracted base. */
function renamed(record: AuditRecord, path: string): AuditRecord {
  return { ...record, target: { ...record.target, path, file: basename(path) } } as AuditRecord;
}

async function handle(msg: JobMessage): Promise<DoneMessage> {
  const { job, tmpDir, id } = msg;
  const started = performance.now();
  hangIfAsked(job.key);
  let fsPath = job.path;
  let link: string | undefined;
  if (job.raw !== undefined) {
    // audit() takes a string path; a name that is not UTF-8 is reached through a link whose own
    // name is plain.
    link = join(tmpDir, `${threadId}-${id}.link`);
    symlinkSync(Buffer.from(job.raw, 'base64'), link);
    fsPath = link;
  }
  try {
    const { record, bundle } = await auditOne(job, fsPath);
    const done: DoneMessage = { type: 'done', id, record: renamed(record, job.path), durationMs: Math.round(performance.now() - started), memory: memory() };
    if (bundle !== undefined) done.bundle = bundle;
    return done;
  } finally {
    if (link !== undefined) rmSync(link, { force: true });
  }
}

const port = parentPort;
if (port === null) throw new InternalError('src/batch/worker.js runs only as a worker thread');
port.on('message', (msg: JobMessage) => {
  // audit() never throws for bad input; anything that escapes is a bug, and the unhandled
  // rejection ends this thread, which the pool records as E_WORKER_CRASHED.
  void handle(msg).then((done) => port.postMessage(done));
});
port.postMessage({ type: 'ready' } satisfies ReadyMessage);
