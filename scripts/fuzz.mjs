#!/usr/bin/env node
// npm run fuzz: a structure-aware mutation campaign against the contract "a report or one clean
// line with a stable error code, never a crash".
//
//   node scripts/fuzz.mjs [--seed S] [--count N] [--minutes M] [--workers W] [--short]
//                         [--cli-every K] [--timeout-ms T] [--heap-mb H] [--out DIR] [--json]
//   node scripts/fuzz.mjs --replay DIR/crash-S-I.json     run one saved mutant again
//   node scripts/fuzz.mjs --minimise DIR/crash-S-I.json   shrink it to the fewest edits that keep its outcome
//
// Bases: every APK in fixtures/apk, plus (when ../shared is beside the clone, or PLEDGE_SHARED)
// a dozen corpus APKs with Chinese SDKs, multidex, odd resources and signing blocks (read only).
// Mutant I of seed S is a pure function of (S, I) (scripts/lib/fuzz-mutate.mjs). Each runs through
// audit() in a worker thread with a heap cap and a time limit; one in K also through the CLI
// (exit status, every stderr line, control characters). Outcomes: report, clean-error, crash,
// hang, memory, control (a raw control character in a message or the output). Every mutant that
// is not report/clean-error is written with its spec to --out (default fuzz-out/). Exit 1 when
// there is one. --short: 300 mutants of the fixtures (and corpus when present) in at most 60 s,
// seeded from the commit, as CI runs it (test/fuzz/campaign.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { clearTimeout, setTimeout } from 'node:timers';
import { Worker } from 'node:worker_threads';
import { applySpec, describeSpec, KINDS, makeSpec, prepareBase } from './lib/fuzz-mutate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PLEDGE_SHARED ?? resolve(root, '../shared');

/** Corpus bases: Chinese SDKs (AMap, Umeng, MobPush, Weibo, Tencent), multidex, arsc and signing oddities. */
const CORPUS_BASES = [
  // small ones first: the short form takes the first SHORT_CORPUS_BASES
  'apk/fdroid__urzip-release.apk',
  'apk/fdroid__janus.apk',
  'signing/androguard__golden-aligned-v1v2v3-out.apk',
  'apk/androguard__com.politedroid_4.apk',
  'apk/apktool__client.apk',
  'apk/androguard__multidex.apk',
  'apk/androguard__TestActivity.apk',
  'apk/umeng-channel-tool__CrossWeather_que.apk',
  'apk/weibosdk__WeiboSDKDemo.apk',
  'apk/amap-locationservice__LocationServiceProject.apk',
  'apk/mobpush__MobPush__30f7b6d.apk',
  'apk/insecurebankv2__app-release.apk',
]

function parseArgs(argv) {
  const o = { seed: undefined, count: undefined, minutes: undefined, workers: Math.max(1, Math.min(availableParallelism(), 8)), short: false, cliEvery: 50, timeoutMs: undefined, heapMb: 1536, out: join(root, 'fuzz-out'), json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--seed') o.seed = Number(v()) >>> 0;
    else if (a === '--count') o.count = Number(v());
    else if (a === '--minutes') o.minutes = Number(v());
    else if (a === '--workers') o.workers = Math.max(1, Number(v()));
    else if (a === '--cli-every') o.cliEvery = Number(v());
    else if (a === '--timeout-ms') o.timeoutMs = Number(v());
    else if (a === '--heap-mb') o.heapMb = Number(v());
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--short') o.short = true;
    else if (a === '--json') o.json = true;
    else if (a === '--replay') o.replay = v();
    else if (a === '--minimise' || a === '--minimize') o.minimise = v();
    else if (a === '--help' || a === '-h') o.help = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** The commit's seed: the first 8 hex digits of HEAD, or a fixed one outside git. */
function commitSeed() {
  try {
    return parseInt(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).slice(0, 8), 16) >>> 0;
  } catch {
    return 20261205;
  }
}

/** Corpus bases of the short form (CI): the small ones, so that 300 mutants take seconds. */
const SHORT_CORPUS_BASES = 4;

function loadBases(log, corpusCount = CORPUS_BASES.length) {
  const paths = readdirSync(join(root, 'fixtures/apk'))
    .filter((f) => f.endsWith('.apk'))
    .sort()
    .map((f) => join(root, 'fixtures/apk', f));
  if (existsSync(join(shared, 'corpus'))) {
    for (const rel of CORPUS_BASES.slice(0, corpusCount)) if (existsSync(join(shared, 'corpus', rel))) paths.push(join(shared, 'corpus', rel));
  } else log(`fuzz: ${shared}/corpus not found; fuzzing fixtures/apk only`);
  return paths.map((p) => prepareBase(p, readFileSync(p)));
}

/** A pool of audit workers; a worker that times out or runs out of memory is replaced. */
class Pool {
  constructor(size, heapMb) {
    this.size = size;
    this.heapMb = heapMb;
    this.workers = [];
    this.nextId = 0;
  }
  async start() {
    await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
  }
  spawn() {
    return new Promise((ok, fail) => {
      const w = new Worker(join(root, 'scripts/lib/fuzz-worker.mjs'), { workerData: { root }, resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 64 }, stdout: true, stderr: true });
      const slot = { w, busy: undefined };
      w.on('message', (m) => {
        if (m.ready === true) {
          this.workers.push(slot);
          ok();
          return;
        }
        const job = slot.busy;
        if (job === undefined || m.id !== job.id) return;
        slot.busy = undefined;
        clearTimeout(job.timer);
        job.done(m);
      });
      w.on('error', (e) => {
        const job = slot.busy;
        slot.busy = undefined;
        if (job !== undefined) {
          clearTimeout(job.timer);
          const memory = e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(String(e?.message));
          job.done({ id: job.id, outcome: memory ? 'memory' : 'crash', code: memory ? 'heap' : 'worker', detail: String(e?.message ?? e) });
        } else fail(e);
      });
      w.on('exit', () => {
        this.workers = this.workers.filter((s) => s !== slot);
        const job = slot.busy;
        if (job !== undefined) {
          slot.busy = undefined;
          clearTimeout(job.timer);
          job.done({ id: job.id, outcome: 'crash', code: 'worker-exit', detail: 'worker exited' });
        }
      });
    });
  }
  /** Runs one job on a free worker; resolves with its result (hang after `timeoutMs`). */
  async run(job, timeoutMs) {
    let slot = this.workers.find((s) => s.busy === undefined);
    while (slot === undefined) {
      await sleep(5);
      slot = this.workers.find((s) => s.busy === undefined);
    }
    const id = ++this.nextId;
    return new Promise((done) => {
      const entry = { id, done, timer: undefined };
      entry.timer = setTimeout(() => {
        if (slot.busy !== entry) return;
        slot.busy = undefined;
        this.workers = this.workers.filter((s) => s !== slot);
        void slot.w.terminate();
        void this.spawn();
        done({ id, outcome: 'hang', code: 'timeout', detail: `no result within ${timeoutMs} ms` });
      }, timeoutMs);
      slot.busy = entry;
      slot.w.postMessage({ ...job, id });
    });
  }
  async close() {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}

const BAD = new Set(['crash', 'hang', 'memory', 'control']);

function table(rows, outcomes) {
  const head = ['kind', ...outcomes, 'total'];
  const body = rows.map(([k, c]) => [k, ...outcomes.map((o) => String(c[o] ?? 0)), String(outcomes.reduce((s, o) => s + (c[o] ?? 0), 0))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function campaign(o) {
  const log = (s) => process.stderr.write(`${s}\n`);
  const seed = o.seed ?? (o.short ? commitSeed() : (Date.now() >>> 0));
  const count = o.count ?? (o.short ? 300 : Infinity);
  let deadline = Date.now() + (o.minutes ?? (o.short ? 1 : Infinity)) * 60_000;
  // Ctrl-C (or SIGTERM) stops scheduling; the mutants in flight finish and the table is printed.
  const stop = () => {
    deadline = 0;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const bases = loadBases(log, o.short ? SHORT_CORPUS_BASES : CORPUS_BASES.length);
  const work = join(tmpdir(), `pledge-fuzz-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const pool = new Pool(o.workers, o.heapMb);
  await pool.start();
  // A per-base time limit: 20 times its unmutated audit, at least 20 s (30 s flat in the short form).
  const baseMs = [];
  for (const b of o.short ? [] : bases) {
    const path = join(work, 'base.apk');
    writeFileSync(path, b.bytes);
    const r = await pool.run({ path }, 300_000);
    baseMs.push(r.ms);
  }
  log(`fuzz: seed ${seed}, ${bases.length} bases, ${o.workers} workers, ${count === Infinity ? 'no count limit' : `${count} mutants`}${o.minutes === undefined && !o.short ? '' : `, at most ${o.minutes ?? 1} min`}`);
  const byKind = new Map(KINDS.map((k) => [k, {}]));
  const codes = new Map();
  const bad = [];
  let done = 0;
  let next = 0;
  const t0 = Date.now();
  let lastLog = t0;
  const one = async (slot) => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      const spec = makeSpec(bases, seed, index);
      let bytes;
      try {
        bytes = applySpec(bases, spec);
      } catch (e) {
        throw new Error(`mutant ${index} of seed ${seed} could not be built (${describeSpec(bases, spec)}): ${e.stack}`);
      }
      const path = join(work, `w${slot}.apk`);
      writeFileSync(path, bytes);
      const timeoutMs = Math.ceil(o.timeoutMs ?? Math.max(o.short ? 30_000 : 20_000, 20 * (baseMs[spec.base] ?? 0)));
      const cli = o.cliEvery > 0 && index % o.cliEvery === 0 ? ['text', 'json', 'sarif', 'sdks'][(index / o.cliEvery) % 4] : undefined;
      const r = await pool.run({ path, cli, cliTimeoutMs: timeoutMs }, cli === undefined ? timeoutMs : 2 * timeoutMs + 5000);
      done++;
      const c = byKind.get(spec.kind);
      c[r.outcome] = (c[r.outcome] ?? 0) + 1;
      const code = r.code ?? r.outcome;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (BAD.has(r.outcome)) {
        const what = describeSpec(bases, spec);
        mkdirSync(o.out, { recursive: true });
        const stem = join(o.out, `${r.outcome}-${seed}-${index}`);
        writeFileSync(`${stem}.apk`, bytes);
        writeFileSync(`${stem}.json`, `${JSON.stringify({ seed, index, base: bases[spec.base].path, what, outcome: r.outcome, code: r.code, detail: r.detail, cli, replay: `node scripts/fuzz.mjs --replay ${stem}.json` }, null, 1)}\n`);
        bad.push({ index, outcome: r.outcome, code: r.code, what, detail: r.detail });
        log(`fuzz: ${r.outcome} #${index} ${what}: ${String(r.detail ?? r.code).slice(0, 300)}`);
      }
      if (Date.now() - lastLog > 60_000) {
        lastLog = Date.now();
        log(`fuzz: ${done} mutants, ${bad.length} not clean, ${((done * 1000) / (Date.now() - t0)).toFixed(1)}/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.workers }, (_, i) => one(i)));
  await pool.close();
  rmSync(work, { recursive: true, force: true });
  const seconds = (Date.now() - t0) / 1000;
  const outcomes = ['report', 'clean-error', 'crash', 'hang', 'memory', 'control'];
  const rows = [...byKind].filter(([, c]) => Object.keys(c).length > 0);
  const totals = {};
  for (const [, c] of rows) for (const k of outcomes) totals[k] = (totals[k] ?? 0) + (c[k] ?? 0);
  const summary = { seed, mutants: done, seconds: Math.round(seconds), perSecond: Number((done / seconds).toFixed(1)), outcomes: totals, byKind: Object.fromEntries(rows), codes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])), bad };
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(`${table([...rows, ['all', totals]], outcomes)}\n\n`);
    process.stdout.write(`codes: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
    process.stdout.write(`seed ${seed}: ${done} mutants in ${seconds.toFixed(0)} s (${summary.perSecond}/s); ${bad.length} not clean${bad.length > 0 ? `, written to ${o.out}` : ''}\n`);
  }
  return bad.length === 0 ? 0 : 1;
}

/** Runs one saved mutant (its .json, or the .apk beside it) again and prints the outcome. */
async function replay(file, o) {
  const meta = JSON.parse(readFileSync(file.replace(/\.apk$/, '.json'), 'utf8'));
  const pool = new Pool(1, o.heapMb);
  await pool.start();
  const r = await pool.run({ path: file.replace(/\.json$/, '.apk'), cli: meta.cli, cliTimeoutMs: o.timeoutMs ?? 60_000 }, o.timeoutMs ?? 60_000);
  await pool.close();
  process.stdout.write(`${meta.what}\n${r.outcome} ${r.code ?? ''} ${r.detail ?? ''}\n`);
  return BAD.has(r.outcome) ? 1 : 0;
}

/** Delta debugging over the mutant's edits: the fewest that keep its outcome, written as .min.apk. */
async function minimise(file, o) {
  const meta = JSON.parse(readFileSync(file.replace(/\.apk$/, '.json'), 'utf8'));
  const bases = loadBases(() => {});
  const spec = makeSpec(bases, meta.seed, meta.index);
  const pool = new Pool(1, o.heapMb);
  await pool.start();
  const work = join(tmpdir(), `pledge-fuzz-min-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const keeps = async (keep) => {
    const path = join(work, 'm.apk');
    writeFileSync(path, applySpec(bases, spec, keep));
    const r = await pool.run({ path, cli: meta.cli, cliTimeoutMs: o.timeoutMs ?? 60_000 }, o.timeoutMs ?? 60_000);
    return r.outcome === meta.outcome;
  };
  let keep = spec.edits.map((_, i) => i);
  let n = 2;
  while (keep.length >= 2) {
    const size = Math.ceil(keep.length / n);
    let reduced = false;
    for (let s = 0; s < keep.length; s += size) {
      const complement = [...keep.slice(0, s), ...keep.slice(s + size)];
      if (complement.length > 0 && (await keeps(complement))) {
        keep = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= keep.length) break;
      n = Math.min(keep.length, n * 2);
    }
  }
  const out = file.replace(/\.(json|apk)$/, '.min.apk');
  writeFileSync(out, applySpec(bases, spec, keep));
  await pool.close();
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`${spec.edits.length} edits → ${keep.length}: ${keep.map((i) => spec.edits[i].what).join('; ') || describeSpec(bases, spec)}\nwritten ${out}\n`);
  return 0;
}

const o = parseArgs(process.argv.slice(2));
if (o.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
  process.exit(0);
}
if (!existsSync(join(root, 'dist/src/index.js'))) {
  process.stderr.write('fuzz: dist/ is missing: npm run build first\n');
  process.exit(2);
}
process.exitCode = o.replay !== undefined ? await replay(o.replay, o) : o.minimise !== undefined ? await minimise(o.minimise, o) : await campaign(o);
