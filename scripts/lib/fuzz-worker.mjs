// One worker of the mutation campaign: audits the mutant file it is given through audit() and,
// when asked, through the CLI, and classifies the outcome. Runs with a heap cap (resourceLimits);
// the parent enforces the time limit by terminating it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { audit } = await import(join(workerData.root, 'dist/src/index.js'));
const BIN = join(workerData.root, 'dist/pledge-audit.mjs');

/** Raw characters no output line may carry from the input (tab and newline are the formats' own). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STDERR_LINE = /^(pledge-audit: [EW]_[A-Z0-9_]+( |:)| {2}\S)/;

function classifyRecord(r) {
  const texts = [];
  if (r.status === 'error') {
    texts.push(r.error.message, r.error.entry ?? '');
    if (r.error.code === 'E_INTERNAL') return { outcome: 'crash', code: 'E_INTERNAL', detail: r.error.message };
  } else {
    const crashed = r.clauses.flatMap((c) => c.errors ?? []);
    if (crashed.length > 0) return { outcome: 'crash', code: 'E_RULE_CRASHED', detail: crashed.map((c) => `${c.check}: ${c.message}`).join(' | ') };
    for (const d of r.diagnostics ?? []) texts.push(d.message, d.entry ?? '');
  }
  const dirty = texts.find((t) => RAW_CONTROL.test(t));
  if (dirty !== undefined) return { outcome: 'control', code: r.status === 'error' ? r.error.code : 'report', detail: JSON.stringify(dirty.slice(0, 200)) };
  return r.status === 'error' ? { outcome: 'clean-error', code: r.error.code } : { outcome: 'report', code: r.diagnostics?.some((d) => d.code === 'W_DEX_FAILED') ? 'W_DEX_FAILED' : 'ok' };
}

function classifyCli(path, format, timeoutMs) {
  const args = format === 'sdks' ? ['sdks', path] : [path, '--format', format, '--fail-on', 'never'];
  const r = spawnSync(process.execPath, [BIN, ...args], { timeout: Math.ceil(timeoutMs), maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', LANG: 'C' } });
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return { outcome: 'hang', code: `cli ${format}`, detail: `no exit within ${timeoutMs} ms` };
  const err = r.stderr.toString('utf8');
  const out = r.stdout.toString('utf8');
  if (r.status === null) return { outcome: 'crash', code: `cli ${format}`, detail: `killed by ${r.signal}` };
  if (![0, 1, 3].includes(r.status)) return { outcome: 'crash', code: `cli ${format}`, detail: `exit ${r.status}: ${err.slice(0, 300)}` };
  if (/E_INTERNAL|E_RULE_CRASHED|\n\s+at /.test(err)) return { outcome: 'crash', code: `cli ${format}`, detail: err.slice(0, 300) };
  if (r.status === 3 && err.trim() === '') return { outcome: 'crash', code: `cli ${format}`, detail: 'exit 3 with nothing on stderr' };
  const lines = err.split('\n').filter((l) => l !== '');
  const bad = lines.find((l) => !STDERR_LINE.test(l));
  if (bad !== undefined) return { outcome: 'control', code: `cli ${format}`, detail: `stderr line not clean: ${JSON.stringify(bad.slice(0, 200))}` };
  if (RAW_CONTROL.test(err) || RAW_CONTROL.test(out)) return { outcome: 'control', code: `cli ${format}`, detail: 'raw control character in output' };
  return undefined;
}

parentPort.on('message', async (job) => {
  const t0 = performance.now();
  let result;
  try {
    const r = await audit(job.path);
    result = classifyRecord(r);
    if (job.cli !== undefined && result.outcome !== 'crash') result = classifyCli(job.path, job.cli, job.cliTimeoutMs) ?? result;
  } catch (e) {
    result = { outcome: 'crash', code: 'throw', detail: e instanceof Error ? e.stack : String(e) };
  }
  parentPort.postMessage({ id: job.id, ...result, ms: performance.now() - t0 });
});
parentPort.postMessage({ ready: true });
