#!/usr/bin/env node
// npm run bench: single-app speed and memory, as ratios measured in this one run (issue 15).
//
// Every figure is the median of RUNS runs (default 7) and includes process start, since small apps
// are dominated by it. The runs of one app interleave its commands (floor, audit, audit without
// the call graph), so that load on a shared machine falls on all of them alike.
//
// Targets, per app (appium-uiautomator2-server 10.6.6, io.appium.settings 8.0.10, the demo app):
//   full audit (all DEX parsed and scanned, call graph, all clauses, JSON written)
//     ≤ 2.0× the wall time of `unzip -p app.apk 'classes*.dex' > /dev/null`
//     ≥ 35× faster than androguard's DEX table parse (Debian's androguard, own process)
//     ≤ 200 MiB peak RSS (GNU time's maximum resident set size, the largest of the runs)
// Growth: audit time (in-process, median of GROWTH_RUNS) against the DEX size of every corpus APK
// (../shared/corpus/apk or $PLEDGE_SHARED/corpus/apk): the least-squares fit, its ms per MB, and
// every app above 2× its prediction (target: none).
//
// Usage: npm run bench [-- --runs N] [--growth-runs N] [--no-growth] [--only NAME]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchApks } from './bench-apks.mjs';
import { dexCentralEntries } from './lib/dex-entries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist/pledge-audit.mjs');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(arg('--runs', 7)));
const GROWTH_RUNS = Math.max(1, Number(arg('--growth-runs', 3)));
const ONLY = arg('--only', undefined);
const TARGET = { ratioToUnzip: 2.0, overAndroguard: 35, peakRssMiB: 200, growthOutlier: 2 };

if (!existsSync(bin)) {
  console.error('build first: npm run build');
  process.exit(2);
}

// The two large APKs are fetched on first use into a cache folder (scripts/bench-apks.mjs).
const apks = [...benchApks(), ['demo-shop (fixtures/apk)', join(root, 'fixtures/apk/demo-shop.apk')]].filter(([name]) => ONLY === undefined || name.includes(ONLY));
if (apks.length < 2 && ONLY === undefined) {
  console.error('no benchmark APKs: node scripts/bench-apks.mjs could not fetch them (npm pack needs the registry)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mark = (ok) => (ok ? 'pass' : 'MISS');

/** Wall time (s) and peak RSS (KiB) of a command, from GNU time when it is there. */
function timed(cmd, args, env = {}) {
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = useTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rss, status: r.status };
}

const PY = '/usr/bin/python3';
// Only androguard's DEX table parse (DalvikVMFormat), no Analysis/xrefs, timed as a whole process
// like pledge-audit (the in-process parse time is printed beside it).
const AG_SCRIPT = `
import sys, time, zipfile, re
from androguard.core.bytecodes.dvm import DalvikVMFormat
z = zipfile.ZipFile(sys.argv[1])
dex = [z.read(n) for n in z.namelist() if re.match(r'classes\\d*\\.dex$', n)]
t = time.perf_counter()
for d in dex:
    DalvikVMFormat(d)
print(time.perf_counter() - t)
`;
const androguardPresent = existsSync(PY) && spawnSync(PY, ['-c', 'import androguard.core.bytecodes.dvm'], { stdio: 'ignore' }).status === 0;

function androguardOnce(apk) {
  const t0 = process.hrtime.bigint();
  try {
    const out = execFileSync(PY, ['-c', AG_SCRIPT, apk], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600_000 });
    return { parse: Number(out.trim()), process: Number(process.hrtime.bigint() - t0) / 1e9 };
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), 'pledge-bench-'));
const out = join(work, 'report.json');
const auditArgs = (apk) => [bin, apk, '--format', 'json', '--output', out, '--fail-on', 'never'];
const results = [];
const misses = [];
console.log(`pledge-audit benchmark: ${RUNS} runs per figure, medians, process start included`);
console.log(`machine: ${availableParallelism()} cores (nproc); node ${process.version}, ${process.platform}/${process.arch}`);
if (!androguardPresent) console.log('androguard: not installed (apt-get install -y androguard): its figures print n/a');

// Start-up alone, for reading the small apps' figures.
const startup = median(Array.from({ length: RUNS }, () => timed(process.execPath, [bin, '--version']).seconds));
console.log(`start-up (pledge-audit --version)    ${startup.toFixed(3)} s`);

try {
  for (const [name, apk] of apks) {
    const unzip = [];
    const auditS = [];
    const noReach = [];
    const rss = [];
    const ag = [];
    for (let i = 0; i < RUNS; i++) {
      unzip.push(timed('/bin/sh', ['-c', `unzip -p '${apk}' 'classes*.dex' > /dev/null`]).seconds);
      const a = timed(process.execPath, auditArgs(apk));
      if (a.status !== 0) throw new Error(`audit of ${name} exited ${a.status}`);
      auditS.push(a.seconds);
      rss.push(a.rss);
      noReach.push(timed(process.execPath, auditArgs(apk), { PLEDGE_NO_REACHABILITY: '1' }).seconds);
      if (androguardPresent) {
        const r = androguardOnce(apk);
        if (r !== undefined) ag.push(r);
      }
    }
    const row = {
      apk: name,
      runs: RUNS,
      unzipSeconds: median(unzip),
      auditSeconds: median(auditS),
      auditWithoutReachabilitySeconds: median(noReach),
      peakRssMiB: Math.round(Math.max(...rss) / 1024),
      androguardProcessSeconds: ag.length === 0 ? null : median(ag.map((r) => r.process)),
      androguardParseSeconds: ag.length === 0 ? null : median(ag.map((r) => r.parse)),
    };
    row.ratioToUnzip = row.auditSeconds / row.unzipSeconds;
    row.reachabilityOverhead = row.auditSeconds / row.auditWithoutReachabilitySeconds - 1;
    row.speedupOverAndroguard = row.androguardProcessSeconds === null ? null : row.androguardProcessSeconds / row.auditSeconds;
    results.push(row);
    const okUnzip = row.ratioToUnzip <= TARGET.ratioToUnzip;
    const okRss = row.peakRssMiB <= TARGET.peakRssMiB;
    const okAg = row.speedupOverAndroguard === null ? undefined : row.speedupOverAndroguard >= TARGET.overAndroguard;
    if (!okUnzip) misses.push(`${name}: audit ${row.ratioToUnzip.toFixed(2)}× unzip`);
    if (!okRss) misses.push(`${name}: peak RSS ${row.peakRssMiB} MiB`);
    if (okAg === false) misses.push(`${name}: ${row.speedupOverAndroguard.toFixed(1)}× androguard`);
    console.log(`\n${name}  (${apk})`);
    console.log(`  unzip -p 'classes*.dex' > /dev/null  ${row.unzipSeconds.toFixed(3)} s   (the floor)`);
    console.log(`  full audit, JSON written             ${row.auditSeconds.toFixed(3)} s   = ${row.ratioToUnzip.toFixed(2)}× the floor   target ≤ ${TARGET.ratioToUnzip}×   ${mark(okUnzip)}`);
    console.log(`  … without the call graph             ${row.auditWithoutReachabilitySeconds.toFixed(3)} s   (the graph adds ${(row.reachabilityOverhead * 100).toFixed(0)}%)`);
    console.log(`  peak RSS                             ${row.peakRssMiB} MiB   target ≤ ${TARGET.peakRssMiB} MiB   ${mark(okRss)}`);
    if (row.androguardProcessSeconds === null) console.log(`  androguard DEX table parse           n/a (${androguardPresent ? 'it failed on this APK' : 'not installed'})`);
    else {
      console.log(`  androguard DEX table parse, process  ${row.androguardProcessSeconds.toFixed(3)} s   pledge-audit is ${row.speedupOverAndroguard.toFixed(1)}× faster   target ≥ ${TARGET.overAndroguard}×   ${mark(okAg)}`);
      console.log(`  … its parse alone (in-process)       ${row.androguardParseSeconds.toFixed(3)} s`);
    }
  }

  if (!process.argv.includes('--no-growth')) {
    const growth = await growthFit();
    if (growth !== undefined) {
      results.push({ growth });
      if (growth.outliers.length > 0) misses.push(`growth: ${growth.outliers.length} app(s) above ${TARGET.growthOutlier}× their prediction`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\n${misses.length === 0 ? 'all targets met' : `targets missed: ${misses.join('; ')}`}`);
writeFileSync(join(tmpdir(), 'pledge-bench-results.json'), JSON.stringify({ startupSeconds: startup, results }, null, 2));
console.log(`(JSON of these figures: ${join(tmpdir(), 'pledge-bench-results.json')})`);

/** Bytes of the `classes*.dex` entries of an APK, as their central directory declares them. */
function dexBytes(path) {
  return dexCentralEntries(readFileSync(path)).reduce((sum, e) => sum + e.size, 0);
}

/**
 * Audit time against DEX size over the corpus, in this process (the audit as a library, JSON
 * rendered), so that start-up does not blur the slope: ordinary least squares, ms per MB, and the
 * apps whose time is above twice the fitted line.
 */
async function growthFit() {
  const corpus = join(process.env.PLEDGE_SHARED ?? join(root, '..', 'shared'), 'corpus', 'apk');
  if (!existsSync(corpus)) {
    console.log(`\ngrowth: no corpus at ${corpus} (set PLEDGE_SHARED): n/a`);
    return undefined;
  }
  const { audit } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
  const { renderRecords } = await import(pathToFileURL(join(root, 'dist/src/report/render.js')).href);
  const apps = readdirSync(corpus)
    .filter((f) => f.endsWith('.apk'))
    .sort()
    .map((f) => ({ file: f, path: join(corpus, f), dex: dexBytes(join(corpus, f)) }))
    .filter((a) => a.dex !== undefined && a.dex > 0);
  // Warm-up: the first audits compile the code; they would read as a start-up cost of the first app.
  for (const a of apps.slice(0, 5)) await audit(a.path);
  const time = async (a) => {
    const t0 = performance.now();
    const r = await audit(a.path, { lang: 'en' });
    renderRecords([r], 'json', { lang: 'en', color: false });
    return performance.now() - t0;
  };
  for (const a of apps) {
    const ts = [];
    for (let i = 0; i < GROWTH_RUNS; i++) ts.push(await time(a));
    a.ms = median(ts);
  }
  const n = apps.length;
  const xs = apps.map((a) => a.dex / 1e6);
  const ys = apps.map((a) => a.ms);
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = (sxy * sxy) / (sxx * syy);
  const outliers = apps
    .map((a, i) => ({ app: a.file, dexMB: xs[i], ms: ys[i], predictedMs: intercept + slope * xs[i] }))
    .filter((o) => o.ms > TARGET.growthOutlier * o.predictedMs);
  const big = apps.reduce((m, a) => (a.dex > m.dex ? a : m), apps[0]);
  console.log(`\ngrowth: ${n} corpus APKs (${corpus}), DEX ${(Math.min(...xs)).toFixed(2)}–${(Math.max(...xs)).toFixed(2)} MB, audit in-process (median of ${GROWTH_RUNS}, JSON rendered)`);
  console.log(`  fit: time = ${intercept.toFixed(1)} ms + ${slope.toFixed(1)} ms per MB of DEX   (r² ${r2.toFixed(2)}; largest, ${big.file}: ${(big.dex / 1e6).toFixed(2)} MB in ${big.ms.toFixed(0)} ms)`);
  console.log(`  apps above ${TARGET.growthOutlier}× their prediction: ${outliers.length}   target 0   ${mark(outliers.length === 0)}`);
  for (const o of outliers) console.log(`    ${o.app}: ${o.dexMB.toFixed(2)} MB, ${o.ms.toFixed(0)} ms against ${o.predictedMs.toFixed(0)} ms predicted`);
  return { apps: n, msPerMB: slope, interceptMs: intercept, r2, outliers };
}
