import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/batch/queue.js';
import { FIXTURES, removeDir, startCli, storeRows, tempDir, waitFor, type Started } from './helpers.js';

/**
 * The scale-out for real: a coordinator and two worker processes on the Redis that .ci/run
 * starts (PLEDGE_TEST_REDIS, e.g. redis://127.0.0.1:6390). One worker is killed in the middle of
 * an app; another takes the app over once the lock lapses. One file is missing when first tried
 * and is back for a retry. Every app must end in the store exactly once.
 */
const REDIS = process.env.PLEDGE_TEST_REDIS;
let work: string;
const started: Started[] = [];

beforeAll(() => {
  work = tempDir('queue');
});
afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited));
  removeDir(work);
});

function start(args: string[], env: Record<string, string> = {}): Started {
  // TMPDIR: a killed worker cannot remove its temporary folder; let it land in ours.
  const s = startCli(args, { cwd: work, env: { TMPDIR: work, ...env } });
  started.push(s);
  return s;
}

describe.skipIf(REDIS === undefined)('scan --queue with pledge-audit worker processes (BullMQ on Redis)', () => {
  it('every app stored exactly once after a worker is killed mid-app and a file is briefly missing', async () => {
    const url = REDIS as string;
    const name = `test-${process.pid}-${Date.now()}`;
    const dir = join(work, 'apps');
    mkdirSync(dir);
    const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.apk') && f !== 'clean.apk' && f !== 'tls-weak.apk');
    for (const f of names) copyFileSync(join(FIXTURES, f), join(dir, f));
    // First in discovery order: the app the first worker will be killed on.
    copyFileSync(join(FIXTURES, 'clean.apk'), join(dir, 'a-first.apk'));
    copyFileSync(join(FIXTURES, 'tls-weak.apk'), join(dir, 'z-moved.apk'));
    const sha = (f: string): string => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
    const firstKey = sha('a-first.apk');
    const movedKey = sha('z-moved.apk');
    const total = names.length + 2;

    const store = join(work, 'store.db');
    const coordinator = start(['scan', dir, '--queue', url, '--queue-name', name, '--store', store, '--attempts', '3', '--progress-interval', '1']);
    const queue = new Queue(name, { connection: connectionOptions(url), prefix: 'pledge-audit' });
    try {
      const end = Date.now() + 30_000;
      while ((await queue.getWaitingCount()) < total) {
        if (Date.now() > end) throw new Error(`enqueued ${await queue.getWaitingCount()} of ${total}: ${coordinator.stderr()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await queue.close();
    }
    renameSync(join(dir, 'z-moved.apk'), join(dir, 'z-moved.apk.away'));

    // Worker A hangs on the first app (test hook), so that it is surely mid-app when killed.
    const a = start(['worker', '--queue', url, '--queue-name', name, '--jobs', '1', '--stalled-after', '2', '--verbose'], { NODE_ENV: 'test', PLEDGE_TEST_HANG_ON: firstKey });
    await waitFor('worker A to start the first app', () => a.stderr().includes(`worker: start ${firstKey}`), 30_000);
    const b = start(['worker', '--queue', url, '--queue-name', name, '--jobs', '1', '--stalled-after', '2', '--idle-exit', '3', '--verbose']);
    await waitFor('worker B to be ready', () => b.stderr().includes('worker: ready'), 30_000);
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    await waitFor('a retry of the missing file', () => b.stderr().includes(`worker: retry ${movedKey}`), 30_000);
    renameSync(join(dir, 'z-moved.apk.away'), join(dir, 'z-moved.apk'));

    const done = await Promise.race([coordinator.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`coordinator did not finish: ${coordinator.stderr()}\nB: ${b.stderr()}`)), 60_000))]);
    expect(done.status, coordinator.stderr()).toBe(0);
    expect(coordinator.stdout()).toMatch(new RegExp(`${total} apps into .*: ${total} audited, 0 already stored, 0 duplicates, 0 failed`));

    const rows = storeRows(store);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(total);
    expect(rows.every((r) => r.status === 'ok')).toBe(true);
    // A never finished the first app; B did, after the lock of the killed worker lapsed.
    expect(a.stderr()).not.toContain(`worker: done ${firstKey}`);
    expect(b.stderr()).toContain(`worker: done ${firstKey}`);
    expect(b.stderr()).toContain(`worker: done ${movedKey}`);
    expect((await b.exited).status).toBe(0);
  });
});
