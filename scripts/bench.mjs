#!/usr/bin/env node
// npm run bench: audits real large APKs and prints ratios measured in this one run.
//
// Targets (issue 3): a full audit of the 18 MB, 16-DEX appium-uiautomator2-server APK (all DEX
// parsed and scanned, all clauses, JSON written) within 4x the time of
// `unzip -p app.apk 'classes*.dex' > /dev/null`; at least 15x faster than androguard doing only its
// table parse of the same DEX files (measured when Debian's androguard is installed); peak RSS
// under 300 MB. Issue 5: the call graph and reachability may not slow the audit by more than 50%,
// so the audit is also timed with PLEDGE_NO_REACHABILITY=1 and both figures are printed.
//
// Usage: npm run bench [-- --runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchApks } from './bench-apks.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist/pledge-audit.mjs');
const argRuns = process.argv.indexOf('--runs');
const RUNS = argRuns > 0 ? Number(process.argv[argRuns + 1]) : 7;
if (!existsSync(bin)) {
  console.error('build first: npm run build');
  process.exit(2);
}

// Fetched on first use into a cache folder (scripts/bench-apks.mjs), not installed by npm ci.
const apks = benchApks();
if (apks.length === 0) {
  console.error('no benchmark APKs: node scripts/bench-apks.mjs could not fetch them (npm pack needs the registry)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall time (s) and peak RSS (KB) of a command, from GNU time when it is there. */
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

function androguardParse(apk) {
  const py = '/usr/bin/python3';
  // Only androguard's DEX table parse (DalvikVMFormat), no Analysis/xrefs. Reported two ways: the
  // parse alone (in-process timer) and the whole process, which is how pledge-audit is timed.
  const script = `
import sys, time, zipfile, re
from androguard.core.bytecodes.dvm import DalvikVMFormat
z = zipfile.ZipFile(sys.argv[1])
dex = [z.read(n) for n in z.namelist() if re.match(r'classes\\d*\\.dex$', n)]
t = time.perf_counter()
for d in dex:
    DalvikVMFormat(d)
print(time.perf_counter() - t)
`;
  if (!existsSync(py)) return undefined;
  const t0 = process.hrtime.bigint();
  try {
    const out = execFileSync(py, ['-c', script, apk], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600_000 });
    return { parse: Number(out.trim()), process: Number(process.hrtime.bigint() - t0) / 1e9 };
  } catch {
    return undefined;
  }
}

const work = mkdtempSync(join(tmpdir(), 'pledge-bench-'));
const results = [];
console.log(`pledge-audit benchmark: ${RUNS} runs each, medians; node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, apk] of apks) {
  const out = join(work, 'report.json');
  const unzip = [];
  const audit = [];
  const noReach = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    unzip.push(timed('/bin/sh', ['-c', `unzip -p '${apk}' 'classes*.dex' > /dev/null`]).seconds);
    const a = timed(process.execPath, [bin, apk, '--format', 'json', '--output', out, '--fail-on', 'never']);
    if (a.status !== 0) throw new Error(`audit of ${name} exited ${a.status}`);
    audit.push(a.seconds);
    rss.push(a.rss);
    noReach.push(timed(process.execPath, [bin, apk, '--format', 'json', '--output', out, '--fail-on', 'never'], { PLEDGE_NO_REACHABILITY: '1' }).seconds);
  }
  const ag = androguardParse(apk);
  const row = {
    apk: name,
    unzipSeconds: median(unzip),
    auditSeconds: median(audit),
    auditWithoutReachabilitySeconds: median(noReach),
    peakRssMB: Math.round(Math.max(...rss) / 1024),
    androguardTableParseSeconds: ag?.parse ?? null,
    androguardProcessSeconds: ag?.process ?? null,
  };
  row.ratioToUnzip = row.auditSeconds / row.unzipSeconds;
  row.reachabilityOverhead = row.auditSeconds / row.auditWithoutReachabilitySeconds - 1;
  row.speedupOverAndroguard = ag === undefined ? null : ag.process / row.auditSeconds;
  row.speedupOverAndroguardParseOnly = ag === undefined ? null : ag.parse / row.auditSeconds;
  results.push(row);
  console.log(`\n${name}`);
  console.log(`  unzip -p 'classes*.dex'            ${row.unzipSeconds.toFixed(3)} s`);
  console.log(`  pledge-audit full audit (JSON)     ${row.auditSeconds.toFixed(3)} s   = ${row.ratioToUnzip.toFixed(2)}x unzip   (target <= 4x)`);
  console.log(`  … without reachability            ${row.auditWithoutReachabilitySeconds.toFixed(3)} s   reachability adds ${(row.reachabilityOverhead * 100).toFixed(0)}% (target <= 50%)`);
  console.log(`  peak RSS                           ${row.peakRssMB} MB   (target < 300 MB)`);
  if (ag === undefined) console.log('  androguard table parse             (androguard not installed: skipped)');
  else {
    console.log(`  androguard DEX table parse, process ${ag.process.toFixed(3)} s   pledge-audit is ${row.speedupOverAndroguard.toFixed(1)}x faster (target >= 15x)`);
    console.log(`  … its parse alone (in-process)     ${ag.parse.toFixed(3)} s   pledge-audit is ${row.speedupOverAndroguardParseOnly.toFixed(1)}x faster`);
  }
}
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
console.log(`\n${JSON.stringify(results)}`);
rmSync(work, { recursive: true, force: true });
