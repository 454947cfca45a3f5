import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CLAUSES } from '../../rules/index.js';
import type { Lang, Localized } from '../model/index.js';
import type { FailOn } from '../index.js';
import type { ScanSummary, Shard } from '../batch/scan.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { writeOutput, type Io } from './io.js';
import { appCategories, oneOf } from './help-text.js';
import { CLI } from '../i18n/catalog.js';
import { addLimitOptions, type LimitFlags } from './limit-options.js';

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

interface ScanFlags extends LimitFlags {
  jobs?: number;
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
function interruptible(io: Io, what: string, lang: Lang): { signal: AbortSignal; done(): void } {
  const ctl = new AbortController();
  let caught: NodeJS.Signals | undefined;
  const on = (sig: NodeJS.Signals): void => {
    caught = sig;
    io.err(`${CLI[lang].stopping(what, sig)}\n`);
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

function summaryLine(s: ScanSummary, store: string, lang: Lang): string {
  const errors = Object.entries(s.errors)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return `${CLI[lang].scanSummary({ total: s.total, store, audited: s.audited, skipped: s.skipped, duplicates: s.duplicates, failed: s.failed, errors, unreadable: s.problems.length, seconds: (s.durationMs / 1000).toFixed(1), rate: s.appsPerSecond.toFixed(2), interrupted: s.interrupted })}\n`;
}

export function registerBatchCommands(program: Command, io: Io, setExit: (c: ExitCode) => void, lang: Lang): void {
  const t = CLI[lang];
  const scanCommand = program
    .command('scan')
    .description(t.scan.description)
    .argument('<inputs...>', t.scan.inputs)
    .option('-j, --jobs <n>', t.scan.jobs, integer('--jobs', 1));
  // The same --max-entry-size, --timeout and --memory as a single audit (docs/limits.md); a scan always isolates apps.
  addLimitOptions(scanCommand, lang, { maxEntrySize: t.audit.maxEntrySize, timeout: t.scan.timeout, memory: t.scan.memory }, { zeroTimeout: false })
    .option('--store <file>', t.scan.store, 'pledge-audit.db')
    .option('--jsonl <file>', t.scan.jsonl)
    .option('--shard <i/n>', t.scan.shard, parseShard)
    .option('--retry-errors', t.scan.retryErrors)
    .addOption(new Option('--fail-on <verdict>', t.scan.failOn).argParser(oneOf(['fail', 'warn', 'review', 'never'] as const, '--fail-on', lang)).default('never'))
    .addOption(new Option('--lang <lang>', t.scan.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .option('--strict', t.audit.strict)
    .addOption(new Option('--category <types>', t.scan.category).argParser(appCategories))
    .option('--queue <url>', t.scan.queue)
    .option('--queue-name <name>', t.scan.queueName, queueName, 'pledge-audit')
    .option('--attempts <n>', t.scan.attempts, integer('--attempts', 1), 3)
    .option('--no-progress', t.scan.noProgress)
    .option('--progress-interval <seconds>', t.scan.progressInterval, seconds('--progress-interval'), 10)
    .action(async (inputs: string[], flags: ScanFlags) => {
      const { runScan } = await import('../batch/scan.js');
      const { plainProgress, ttyProgress } = await import('../batch/progress.js');
      const write = (s: string): void => io.err(s);
      const quiet = { update: () => undefined, log: write, stop: () => undefined };
      const progress = !flags.progress ? quiet : process.stderr.isTTY === true ? await ttyProgress(process.stderr, lang) : plainProgress(write, flags.progressInterval * 1000, lang);
      const store = resolve(io.cwd, flags.store);
      const jobs = flags.jobs ?? availableParallelism();
      const stop = interruptible(io, 'scan', lang);
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
          settings: { lang: flags.lang ?? lang, strict: flags.strict === true, categories: flags.category ?? [], reachability: io.env.PLEDGE_NO_REACHABILITY !== '1', ...(flags.maxEntrySize === undefined ? {} : { limits: { maxEntryBytes: flags.maxEntrySize } }) },
          failOn: flags.failOn,
          progress,
          signal: stop.signal,
          ...(dispatcher === undefined ? {} : { dispatcher }),
        });
        io.out(summaryLine(summary, flags.store, flags.lang ?? lang));
        setExit(summary.exitCode);
      } finally {
        stop.done();
      }
    });

  program
    .command('worker')
    .description(t.worker.description)
    .requiredOption('--queue <url>', t.worker.queue)
    .option('--queue-name <name>', t.worker.queueName, queueName, 'pledge-audit')
    .option('-j, --jobs <n>', t.scan.jobs, integer('--jobs', 1))
    .option('--stalled-after <seconds>', t.worker.stalledAfter, seconds('--stalled-after'), 30)
    .option('--idle-exit <seconds>', t.worker.idleExit, seconds('--idle-exit'))
    .option('-v, --verbose', t.worker.verbose)
    .action(async (flags: WorkerFlags) => {
      const { runQueueWorker } = await import('../batch/queue.js');
      const stop = interruptible(io, 'worker', lang);
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
        io.err(`${t.worker.processed(r.processed)}\n`);
        setExit(EXIT.OK);
      } finally {
        stop.done();
      }
    });

  program
    .command('report')
    .description(t.report.description)
    .argument('<stores...>', t.report.stores)
    .addOption(new Option('-f, --format <format>', t.report.format).choices(['text', 'json', 'html']))
    .option('-o, --output <file>', t.report.output)
    .addOption(new Option('--lang <lang>', t.report.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .option('--top <n>', t.report.top, integer('--top', 1), 20)
    .option('--list <n>', t.report.list, integer('--list', 0), 50)
    .action(async (stores: string[], flags: ReportFlags) => {
      const { openStoreReadOnly, mergeStores } = await import('../batch/store.js');
      const { summarizeStore, renderSummaryText } = await import('../batch/store-report.js');
      const { renderSummaryHtml } = await import('../batch/store-report-html.js');
      const reportLang = flags.lang ?? lang;
      const files = stores.map((s) => resolve(io.cwd, s));
      const db = files.length === 1 ? await openStoreReadOnly(files[0] as string) : await mergeStores(files);
      let text: string;
      try {
        const titles = new Map<number, Localized>(CLAUSES.map((c) => [c.clause, c.title]));
        const summary = summarizeStore(db, stores, { lang: reportLang, top: flags.top, list: flags.list, clauseTitles: titles });
        const ext = flags.output?.toLowerCase() ?? '';
        const format = flags.format ?? (ext.endsWith('.html') || ext.endsWith('.htm') ? 'html' : ext.endsWith('.json') ? 'json' : 'text');
        text = format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : format === 'html' ? renderSummaryHtml(summary, reportLang) : renderSummaryText(summary, reportLang);
      } finally {
        db.close();
      }
      if (flags.output !== undefined) writeOutput(resolve(io.cwd, flags.output), text);
      else io.out(text);
      setExit(EXIT.OK);
    });
}
