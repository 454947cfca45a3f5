#!/usr/bin/env node
// npm run bench:batch — batch throughput against its floor, and memory (docs/batch.md, issue 15).
//
// The floor is the wall time of reading every APK of a set and inflating all its DEX entries with
// node:zlib in two processes at once (the files dealt alternately): what any scan of those apps
// must pay on two cores. `scan --jobs 2` of the same set (its wall time, process start and store
// included) is printed as a ratio to it, target ≤ 2×, for the corpus (../shared/corpus/apk, 120
// APKs) and for the benchmark set (the corpus repeated to BENCH_APPS, default 600, copies made
// distinct by a tag in the zip comment, since the scan deduplicates by SHA-256). `--jobs 1` is
// printed for the speed-up. Memory: the same 600-app scan again with --expose-gc, where each
// worker samples its heap after a full collection after every app (what it retains, not garbage
// awaiting collection); the mean over its first 100 apps against its last 100 must stay within
// ±5%. A calibration runs one CPU loop on one and two threads, so that figures can be read
// against what the cores deliver. Needs a build (npm run build). Env: PLEDGE_SHARED, BENCH_APPS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { dexCentralEntries } from './lib/dex-entries.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]), process.argv[5]);
} else if (process.argv[2] === '--floor') {
  floorChild(process.argv[3]);
} else {
  await parent();
}

/** One configuration in its own process: peak RSS is then this configuration's alone. */
async function child(dir, jobs, store) {
  const { runScan } = await import(pathToFileURL(join(root, 'dist/src/batch/scan.js')).href);
  // Per worker slot, in the order its apps finished: heap used, and heap + external.
  const seq = new Map();
  const summary = await runScan({
    inputs: [dir],
    cwd: root,
    store,
    limits: { timeoutMs: 300_000, memoryMb: 2048 },
    jobs,
    retryErrors: false,
    settings: { lang: 'en', strict: false, categories: [], reachability: true },
    failOn: 'never',
    progress: { update() {}, log() {}, stop() {} },
    onApp(_record, outcome) {
      if (outcome?.memory === undefined || outcome.slot === undefined) return;
      const list = seq.get(outcome.slot) ?? [];
      seq.set(outcome.slot, list);
      list.push([outcome.memory.heapUsed, outcome.memory.heapUsed + outcome.memory.external]);
    },
  });
  // Run with --expose-gc, each sample follows a full collection in the worker (src/batch/worker.ts).
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const drift = {};
  for (const [slot, list] of seq) {
    const w = Math.min(100, Math.floor(list.length / 2));
    const first = list.slice(0, w);
    const last = list.slice(list.length - w);
    const firstHeap = mean(first.map((x) => x[0]));
    const lastHeap = mean(last.map((x) => x[0]));
    drift[slot] = { apps: list.length, firstHeap, lastHeap, heapDrift: firstHeap === 0 ? 0 : (lastHeap - firstHeap) / firstHeap, firstTotal: mean(first.map((x) => x[1])), lastTotal: mean(last.map((x) => x[1])) };
  }
  process.stdout.write(JSON.stringify({ summary: { ...summary, problems: summary.problems.length }, drift }));
}

/** Rewrites the EOCD comment so that each copy has its own hash; undefined when there is no clean EOCD. */
function retag(bytes, tag) {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) !== 0x06054b50) continue;
    const len = bytes.readUInt16LE(i + 20);
    if (i + 22 + len !== bytes.length) continue;
    const extra = Buffer.from(tag);
    if (len + extra.length > 0xffff) return undefined;
    const out = Buffer.concat([bytes, extra]);
    out.writeUInt16LE(len + extra.length, i + 20);
    return out;
  }
  return undefined;
}

function burnSeconds(threads) {
  const code = `const { parentPort } = require('node:worker_threads'); let x = 0; const t = Date.now(); for (let i = 0; i < 6e8; i++) x += i & 1; parentPort.postMessage(Date.now() - t + (x & 0));`;
  const start = performance.now();
  return Promise.all(Array.from({ length: threads }, () => new Promise((res, rej) => new Worker(code, { eval: true }).once('message', res).once('error', rej)))).then(() => (performance.now() - start) / 1000);
}

/** Child of the floor: reads each listed APK and inflates its classes*.dex entries (sizes only). */
function floorChild(list) {
  let bytes = 0;
  for (const path of readFileSync(list, 'utf8').split('\n').filter(Boolean)) {
    const b = readFileSync(path);
    for (const e of dexEntries(b)) bytes += inflateRawSync(b.subarray(e.data, e.data + e.csize)).length;
  }
  process.stdout.write(String(bytes));
}

/** Deflated classes*.dex entries of a zip: where their data starts, and their compressed size. */
function dexEntries(b) {
  return dexCentralEntries(b).filter((e) => e.method === 8 && e.data !== undefined);
}

/** Wall time of the floor over `files` in two processes started together (their start included). */
async function floorSeconds(files, work) {
  const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
  const lists = halves.map((h, i) => {
    const f = join(work, `floor-${i}.txt`);
    writeFileSync(f, h.join('\n'));
    return f;
  });
  const t0 = performance.now();
  await Promise.all(
    lists.map(
      (l) =>
        new Promise((res, rej) => {
          const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--floor', l], { stdio: ['ignore', 'ignore', 'inherit'] });
          c.on('exit', (code) => (code === 0 ? res() : rej(new Error(`floor child exited ${code}`))));
        }),
    ),
  );
  return (performance.now() - t0) / 1000;
}

async function parent() {
  const shared = process.env.PLEDGE_SHARED ?? join(root, '..', 'shared');
  const corpus = join(shared, 'corpus', 'apk');
  const target = Number(process.env.BENCH_APPS ?? 600);
  const files = readdirSync(corpus).filter((f) => f.toLowerCase().endsWith('.apk')).sort();
  const work = mkdtempSync(join(tmpdir(), 'pledge-bench-batch-'));
  const verdicts = [];
  const mark = (ok) => (ok ? 'pass' : 'MISS');
  try {
    const originals = files.map((f) => ({ f, bytes: readFileSync(join(corpus, f)) }));
    const taggable = originals.filter((o) => retag(o.bytes, 'x') !== undefined).length;
    const reps = Math.max(1, Math.ceil((target - originals.length) / taggable) + 1);
    const all = [];
    for (let r = 0; r < reps; r++) {
      const dir = join(work, 'apps', `r${r}`);
      mkdirSync(dir, { recursive: true });
      for (const { f, bytes } of originals) {
        const copy = r === 0 ? bytes : retag(bytes, ` pledge-audit bench copy ${r}`);
        if (copy === undefined) continue;
        if (r === 0) symlinkSync(join(corpus, f), join(dir, f));
        else writeFileSync(join(dir, f), copy);
        all.push(join(dir, f));
      }
    }
    const corpusSet = all.filter((p) => p.includes(`${join('apps', 'r0')}/`));
    console.log(`corpus: ${files.length} APKs from ${corpus}; benchmark set: ${reps} passes → ${all.length} distinct apps (${taggable} per copied pass)`);
    console.log(`machine: ${availableParallelism()} cores (nproc); Node ${process.version}`);
    const one = await burnSeconds(1);
    const two = await burnSeconds(2);
    const ceiling = (2 * one) / two;
    console.log(`calibration: the same CPU loop on 1 thread ${one.toFixed(2)} s, on 2 threads at once ${two.toFixed(2)} s → the cores deliver ${ceiling.toFixed(2)}x`);

    // glibc raises its mmap threshold each time a large block is freed, after which inflated
    // entries come from the arenas and fragment them: the RSS of a multi-threaded scan then creeps
    // up. A fixed threshold keeps it flat; this is what docs/batch.md recommends for long scans,
    // and what the benchmark runs with unless BENCH_MALLOC_DEFAULT=1.
    const env = { ...process.env };
    if (process.env.BENCH_MALLOC_DEFAULT !== '1') env.MALLOC_MMAP_THRESHOLD_ ??= '131072';
    console.log(`allocator: MALLOC_MMAP_THRESHOLD_=${env.MALLOC_MMAP_THRESHOLD_ ?? '(glibc default, adaptive)'}`);
    const run = (dir, jobs, gc) => {
      const store = join(work, `jobs${jobs}-${gc}.db`);
      const args = [...(gc ? ['--expose-gc'] : []), fileURLToPath(import.meta.url), '--child', dir, String(jobs), store];
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * MB, env });
      const wall = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`jobs ${jobs} failed: ${r.stderr}`);
      rmSync(store, { force: true });
      return { ...JSON.parse(r.stdout), wall };
    };
    const mb = (v) => (v / MB).toFixed(0);

    for (const [label, set, dir] of [
      [`the corpus (${corpusSet.length} APKs)`, corpusSet, join(work, 'apps', 'r0')],
      [`the benchmark set (${all.length} apps)`, all, join(work, 'apps')],
    ]) {
      const floor = await floorSeconds(set, work);
      const { summary, wall } = run(dir, 2, false);
      const ratio = wall / floor;
      const ok = ratio <= 2;
      verdicts.push(ok);
      console.log(`\n${label}`);
      console.log(`  floor: read + inflate every DEX entry with zlib, two processes   ${floor.toFixed(2)} s`);
      console.log(`  scan --jobs 2 (process start and store included)               ${wall.toFixed(2)} s = ${ratio.toFixed(2)}× the floor   target ≤ 2×   ${mark(ok)}`);
      console.log(`    ${summary.audited + summary.failed} apps, ${summary.appsPerSecond.toFixed(1)} apps/s inside the scan (${summary.failed} failed: ${JSON.stringify(summary.errors)}); peak RSS ${mb(summary.memory.peakRssBytes)} MB`);
      if (set === all) {
        const single = run(dir, 1, false);
        console.log(`  scan --jobs 1                                                  ${single.wall.toFixed(2)} s (${single.summary.appsPerSecond.toFixed(1)} apps/s; --jobs 2 is ${(single.wall / wall).toFixed(2)}× faster, the cores deliver ${ceiling.toFixed(2)}×)`);
      }
    }

    const { drift } = run(join(work, 'apps'), 2, true);
    console.log(`\nretained heap per worker (after a full GC, after each app; the ${all.length}-app set, --jobs 2): first 100 apps against the last 100`);
    for (const [slot, d] of Object.entries(drift)) {
      const ok = Math.abs(d.heapDrift) <= 0.05;
      verdicts.push(ok);
      console.log(`  worker ${slot}: ${d.apps} apps, heap ${mb(d.firstHeap)} → ${mb(d.lastHeap)} MB, ${d.heapDrift >= 0 ? '+' : ''}${(100 * d.heapDrift).toFixed(1)}%   target within ±5%   ${mark(ok)}   (heap + external ${mb(d.firstTotal)} → ${mb(d.lastTotal)} MB)`);
    }
    console.log(`\n${verdicts.every(Boolean) ? 'all batch targets met' : 'batch targets missed (MISS above)'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
