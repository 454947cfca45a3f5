import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CLAUSES } from '../../rules/index.js';
import { resolveCategories, UnknownCategoryError } from '../engine/categories.js';
import type { Lang, Localized } from '../model/index.js';
import type { FailOn } from '../index.js';
import type { ScanSummary, Shard } from '../batch/scan.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { defaultLang, writeFileAtomic, type Io } from './io.js';

/**
 * Batch mode (docs/batch.md): `scan` audits a dump into a SQLite store, `worker` serves a scan's
 * BullMQ queue from another machine, `report` summarises stores. The batch modules, SQLite and
 * BullMQ are loaded only when one of these commands runs.
 */

function integer(what: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what} must be an integer ≥ ${min}`);
    return n;
  };
}

function seconds(what: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a number of seconds > 0`);
    return n;
  };
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (v: string): T => {
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(`${what} must be one of: ${values.join(', ')}`);
  };
}

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('--shard must be i/n with 1 ≤ i ≤ n (e.g. 1/4 … 4/4)');
  return { index, count };
}

function queueName(v: string): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(v)) throw new InvalidArgumentError('--queue-name: letters, digits, _ . - only');
  return v;
}

function categories(value: string, previous: string[] | undefined): string[] {
  try {
    return [...(previous ?? []), ...resolveCategories([value])];
  } catch (e) {
    if (e instanceof UnknownCategoryError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

interface ScanFlags {
  jobs?: number;
  timeout: number;
  memory: number;
  store: string;
  jsonl?: string;
  shard?: Shard;
  retryErrors?: boolean;
  failOn: FailOn;
  lang?: Lang;
  strict?: boolean;
  category?: string[];
  queue?: string;
  queueName: string;
  attempts: number;
  progress: boolean;
  progressInterval: number;
}

interface WorkerFlags {
  queue: string;
  queueName: string;
  jobs?: number;
  stalledAfter: number;
  idleExit?: number;
  verbose?: boolean;
}

interface ReportFlags {
  format?: 'text' | 'json' | 'html';
  output?: string;
  lang?: Lang;
  top: number;
  list: number;
}

/** Stops on SIGINT/SIGTERM through `signal`; afterwards re-raises the signal so the exit status says so. */
function interruptible(io: Io, what: string): { signal: AbortSignal; done(): void } {
  const ctl = new AbortController();
  let caught: NodeJS.Signals | undefined;
  const on = (sig: NodeJS.Signals): void => {
    caught = sig;
    io.err(`pledge-audit ${what}: ${sig}, stopping\n`);
    ctl.abort();
  };
  process.once('SIGINT', on);
  process.once('SIGTERM', on);
  return {
    signal: ctl.signal,
    done() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      if (caught !== undefined) process.kill(process.pid, caught);
    },
  };
}

function summaryLine(s: ScanSummary, store: string): string {
  const errs = Object.entries(s.errors)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return (
    `pledge-audit scan: ${s.total} apps into ${store}: ${s.audited} audited, ${s.skipped} already stored, ${s.duplicates} duplicates, ${s.failed} failed` +
    `${errs === '' ? '' : ` (${errs})`}${s.problems.length > 0 ? `, ${s.problems.length} folders unreadable` : ''}` +
    ` in ${(s.durationMs / 1000).toFixed(1)} s (${s.appsPerSecond.toFixed(2)} apps/s)${s.interrupted ? ', interrupted' : ''}\n`
  );
}

export function registerBatchCommands(program: Command, io: Io, setExit: (c: ExitCode) => void): void {
  program
    .command('scan')
    .description('audit every app under folders or list files into a SQLite store (docs/batch.md)')
    .argument('<inputs...>', 'folders (walked for .apk, .apks, .xapk), list files (one path per line, or NUL-separated), or apps')
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)', integer('--jobs', 1))
    .option('--timeout <seconds>', 'time limit per app', seconds('--timeout'), 300)
    .option('--memory <MB>', 'heap cap per app (V8 old generation of its worker thread)', integer('--memory', 16), 2048)
    .option('--store <file>', 'SQLite results store', 'pledge-audit.db')
    .option('--jsonl <file>', 'also append each stored app as one JSON line')
    .option('--shard <i/n>', 'audit only shard i of n (1-based), for N identical jobs', parseShard)
    .option('--retry-errors', 'audit again the apps stored with an error (they are skipped by default)')
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when an app has a clause at or above this verdict').argParser(oneOf(['fail', 'warn', 'review', 'never'] as const, '--fail-on')).default('never'))
    .addOption(new Option('--lang <lang>', 'language of messages in the records (default: from LANG)').argParser(oneOf(['zh', 'en'] as const, '--lang')))
    .option('--strict', 'promote the warnings CLAUSES.md marks "FAIL under --strict"')
    .addOption(new Option('--category <types>', 'app type(s) of the 2021 necessary-information rule, for every app of the scan').argParser(categories))
    .option('--queue <url>', 'enqueue the apps on a BullMQ queue (redis://host:port) for `pledge-audit worker` processes instead of auditing here')
    .option('--queue-name <name>', 'queue name (one coordinator per name)', queueName, 'pledge-audit')
    .option('--attempts <n>', 'queue attempts per app before it is stored as failed', integer('--attempts', 1), 3)
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', seconds('--progress-interval'), 10)
    .action(async (inputs: string[], flags: ScanFlags) => {
      const { runScan } = await import('../batch/scan.js');
      const { plainProgress, ttyProgress } = await import('../batch/progress.js');
      const write = (s: string): void => io.err(s);
      const quiet = { update: () => undefined, log: write, stop: () => undefined };
      const progress = !flags.progress ? quiet : process.stderr.isTTY === true ? await ttyProgress(process.stderr) : plainProgress(write, flags.progressInterval * 1000);
      const store = resolve(io.cwd, flags.store);
      const jobs = flags.jobs ?? availableParallelism();
      const stop = interruptible(io, 'scan');
      try {
        let dispatcher;
        if (flags.queue !== undefined) {
          const { connectionOptions, queueDispatcher } = await import('../batch/queue.js');
          connectionOptions(flags.queue);
          dispatcher = queueDispatcher({ target: { url: flags.queue, name: flags.queueName }, attempts: flags.attempts, log: write });
        }
        const summary = await runScan({
          inputs,
          cwd: io.cwd,
          store,
          ...(flags.jsonl === undefined ? {} : { jsonl: resolve(io.cwd, flags.jsonl) }),
          limits: { timeoutMs: flags.timeout * 1000, memoryMb: flags.memory },
          jobs,
          ...(flags.shard === undefined ? {} : { shard: flags.shard }),
          retryErrors: flags.retryErrors === true,
          settings: { lang: flags.lang ?? defaultLang(io.env), strict: flags.strict === true, categories: flags.category ?? [], reachability: io.env.PLEDGE_NO_REACHABILITY !== '1' },
          failOn: flags.failOn,
          progress,
          signal: stop.signal,
          ...(dispatcher === undefined ? {} : { dispatcher }),
        });
        io.out(summaryLine(summary, flags.store));
        setExit(summary.exitCode);
      } finally {
        stop.done();
      }
    });

  program
    .command('worker')
    .description('audit apps from a scan\'s BullMQ queue (run on any number of machines that see the same files)')
    .requiredOption('--queue <url>', 'the Redis of the scan (redis://host:port)')
    .option('--queue-name <name>', 'queue name, as given to the scan', queueName, 'pledge-audit')
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)', integer('--jobs', 1))
    .option('--stalled-after <seconds>', 'hand a job to another worker when its worker has been silent this long (killed, lost)', seconds('--stalled-after'), 30)
    .option('--idle-exit <seconds>', 'exit once the queue has been empty this long (default: run until SIGTERM)', seconds('--idle-exit'))
    .option('-v, --verbose', 'one line per app started and done')
    .action(async (flags: WorkerFlags) => {
      const { runQueueWorker } = await import('../batch/queue.js');
      const stop = interruptible(io, 'worker');
      try {
        const r = await runQueueWorker({
          target: { url: flags.queue, name: flags.queueName },
          jobs: flags.jobs ?? availableParallelism(),
          stalledAfterMs: flags.stalledAfter * 1000,
          ...(flags.idleExit === undefined ? {} : { idleExitMs: flags.idleExit * 1000 }),
          verbose: flags.verbose === true,
          log: (s) => io.err(s),
          signal: stop.signal,
        });
        io.err(`pledge-audit worker: ${r.processed} apps processed\n`);
        setExit(EXIT.OK);
      } finally {
        stop.done();
      }
    });

  program
    .command('report')
    .description('summarise results stores: apps per clause verdict, common SDKs and the PI they read, consent, undeclared SDKs, errors, coverage')
    .argument('<stores...>', 'stores written by scan (several: the shards of one scan, counted once per app)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --output extension, else text)').choices(['text', 'json', 'html']))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--lang <lang>', 'language of titles (default: from LANG)').argParser(oneOf(['zh', 'en'] as const, '--lang')))
    .option('--top <n>', 'most common SDKs listed', integer('--top', 1), 20)
    .option('--list <n>', 'apps listed per section (counts are always complete)', integer('--list', 0), 50)
    .action(async (stores: string[], flags: ReportFlags) => {
      const { openStoreReadOnly, mergeStores } = await import('../batch/store.js');
      const { summarizeStore, renderSummaryText } = await import('../batch/store-report.js');
      const { renderSummaryHtml } = await import('../batch/store-report-html.js');
      const lang = flags.lang ?? defaultLang(io.env);
      const files = stores.map((s) => resolve(io.cwd, s));
      const db = files.length === 1 ? await openStoreReadOnly(files[0] as string) : await mergeStores(files);
      let text: string;
      try {
        const titles = new Map<number, Localized>(CLAUSES.map((c) => [c.clause, c.title]));
        const summary = summarizeStore(db, stores, { lang, top: flags.top, list: flags.list, clauseTitles: titles });
        const ext = flags.output?.toLowerCase() ?? '';
        const format = flags.format ?? (ext.endsWith('.html') || ext.endsWith('.htm') ? 'html' : ext.endsWith('.json') ? 'json' : 'text');
        text = format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : format === 'html' ? renderSummaryHtml(summary, lang) : renderSummaryText(summary, lang);
      } finally {
        db.close();
      }
      if (flags.output !== undefined) writeFileAtomic(resolve(io.cwd, flags.output), text);
      else io.out(text);
      setExit(EXIT.OK);
    });
}
