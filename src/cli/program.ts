import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CLAUSES } from '../../rules/index.js';
import { exitStatus, type FailOn } from '../index.js';
import { groupSplitInputs } from '../input/parts.js';
import { withLimits } from '../util/limits.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import type { Lang } from '../model/index.js';
import type { AuditRecord } from '../report/model.js';
import { REPORT_FORMATS, renderRecords, type ReportFormat } from '../report/render.js';
import { CONFIG_FILE, loadConfig } from '../config/config.js';
import { applyConfig } from '../config/apply.js';
import { readBaseline, writeBaseline } from '../config/baseline.js';
import { localDate } from '../config/suppressions.js';
import { resolve } from 'node:path';
import { isPledgeError, PledgeError, stackOf } from '../util/errors.js';
import { existsSync } from 'node:fs';
import { errorLine, internalErrorHint } from './error-line.js';
import { sanitizeForTerminal } from '../report/sanitize.js';
import { displayWidth } from '../report/width.js';
import { toolVersion } from '../version.js';
import { dumpCode, dumpManifest, dumpSigning } from './dump.js';
import { renderSdkInventory, sdkInventory } from './sdks.js';
import { piLists } from './lists.js';
import { readPolicyFile } from '../facts/policy.js';
import { LISTS_FORMATS, renderLists, type ListsFormat } from '../report/lists-render.js';
import { EXIT, exitForError, type ExitCode } from './exit-codes.js';
import { useColor, writeOutput, type Io } from './io.js';
import { appCategories, localizedHelp, oneOf, translateCommanderError } from './help-text.js';
import { envLang, resolveLang } from '../i18n/lang.js';
import { CLI } from '../i18n/catalog.js';
import { listRules, renderRulesText } from './rules-list.js';
import { registerBatchCommands } from './batch-commands.js';
import { registerDiffCommand } from './diff.js';
import { addLimitOptions, limitHint, limitOverrides, type LimitFlags } from './limit-options.js';
import { singleAuditor } from './single-audit.js';
import { resolveSourceRoot } from '../input/source-root.js';

interface AuditFlags {
  format: ReportFormat;
  report?: { format: ReportFormat; file: string }[];
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  sarifCategory?: string;
  sourceRoot?: string;
  output?: string;
  failOn: FailOn;
  lang?: Lang;
  strict?: boolean;
  category?: string[];
  policy?: string;
  color?: boolean;
  verbose?: boolean;
  debug?: boolean;
  maxEntrySize?: number;
  timeout: number;
  memory: number;
}

/**
 * The command line. Analysis lives in src/index.ts; this file parses, calls, renders and maps
 * outcomes to exit statuses. Commander's own exit (status 1 on usage errors) is overridden: 1
 * means "a clause failed" here, so usage errors are 2.
 */
export function createProgram(io: Io, setExit: (code: ExitCode) => void, lang: Lang = envLang(io.env)): Command {
  const t = CLI[lang];
  const program = new Command('pledge-audit');
  program
    .description(t.program)
    .version(toolVersion(), '-v, --version', t.version)
    .helpOption('-h, --help', t.help)
    .helpCommand('help [command]', t.helpCommand)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(translateCommanderError(s, lang)) })
    .configureHelp(localizedHelp(lang))
    .showHelpAfterError(t.seeHelp)
    .enablePositionalOptions();

  const auditCommand = program
    .command('audit', { isDefault: true })
    .description(t.audit.description)
    .argument('<inputs...>', t.audit.inputs)
    .addOption(new Option('-f, --format <format>', t.audit.format).choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', t.audit.output)
    .addOption(new Option('--report <format=file>', t.audit.report).argParser((value: string, previous: { format: ReportFormat; file: string }[] | undefined) => [...(previous ?? []), parseReport(value, lang)]))
    .addOption(new Option('--fail-on <verdict>', t.audit.failOn).argParser(oneOf(['fail', 'warn', 'review', 'never'] as const, '--fail-on', lang)).default('fail'))
    .option('--config <file>', t.audit.config(CONFIG_FILE))
    .option('--baseline <file>', t.audit.baseline)
    .option('--write-baseline <file>', t.audit.writeBaseline)
    .option('--sarif-category <id>', t.audit.sarifCategory)
    .option('--source-root <dir>', t.audit.sourceRoot)
    .addOption(new Option('--lang <lang>', t.audit.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .option('--strict', t.audit.strict)
    .option('--policy <file>', t.audit.policy)
    .addOption(new Option('--category <types>', t.audit.category).argParser(appCategories))
    .option('--no-color', t.audit.noColor)
    .option('--verbose', t.audit.verbose)
    .option('--debug', t.audit.debug);
  addLimitOptions(auditCommand, lang, t.audit, { zeroTimeout: true })
    .action(async (inputs: string[], flags: AuditFlags, command: Command) => {
      // `pledge-audit scna x`: a first word that is no file but nearly a command is a typo (exit 2).
      const typo = inputs[0] === undefined ? undefined : commandTypo(inputs[0], program.commands.map((c) => c.name()).filter((n) => n !== 'audit'), io.cwd);
      if (typo !== undefined) throw new PledgeError('E_USAGE', t.commander.unknownCommand(inputs[0] as string, ` ${t.commander.didYouMean(typo)}`));
      // A bad config or baseline is exit 2 (E_CONFIG, with the path of the bad field) before any audit.
      const knownChecks = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta.id));
      const config = loadConfig(flags.config, io.cwd, { knownChecks })?.config;
      const baseline = flags.baseline === undefined ? undefined : readBaseline(resolve(io.cwd, flags.baseline));
      // An unreadable or undecodable policy is exit 2 (E_POLICY_…) before any audit.
      const policy = flags.policy === undefined ? undefined : readPolicyFile(resolve(io.cwd, flags.policy), flags.policy);
      const categories = flags.category ?? config?.categories ?? [];
      const failOn = command.getOptionValueSource('failOn') === 'default' ? (config?.failOn ?? flags.failOn) : flags.failOn;
      // A source root that is not a folder is E_USAGE (exit 2) before any audit; each audit walks it.
      const sourceRoot = flags.sourceRoot === undefined ? undefined : resolveSourceRoot(flags.sourceRoot, io.cwd);
      const startTime = new Date();
      const audited: AuditRecord[] = [];
      const overrides = limitOverrides(flags);
      // Each app runs in a worker thread stopped at --timeout or at its --memory heap cap (docs/limits.md).
      const auditor = await singleAuditor({ timeoutSeconds: flags.timeout, memoryMb: flags.memory });
      try {
        // Split APKs given together are one app (base.apk split_config.arm64_v8a.apk split_feature.apk).
        for (const input of groupSplitInputs(inputs, withLimits(overrides), new DiagnosticSink())) {
          // PLEDGE_NO_REACHABILITY exists for the benchmark, which reports what the call graph costs.
          const record = await auditor.audit(input, {
            lang,
            strict: flags.strict === true,
            categories,
            ...(config?.sdks === undefined ? {} : { declaredSdks: config.sdks }),
            ...(overrides === undefined ? {} : { limits: overrides }),
            ...(policy === undefined ? {} : { policy }),
            reachability: io.env.PLEDGE_NO_REACHABILITY !== '1',
            debug: flags.debug === true,
            ...(sourceRoot === undefined ? {} : { sourceRoot }),
          });
          audited.push(record);
          reportProblems(io, record, lang, flags.debug === true, flags);
        }
      } finally {
        await auditor.close();
      }
      const records = applyConfig(audited, config, { today: localDate(new Date()), clauses: CLAUSES, ...(baseline === undefined ? {} : { baseline }) });
      if (flags.writeBaseline !== undefined) writeOutput(resolve(io.cwd, flags.writeBaseline), writeBaseline(records));
      const toFile = flags.output !== undefined;
      const scanTime = { start: startTime, end: new Date() };
      const render = (format: ReportFormat, rs: readonly AuditRecord[], color: boolean): string =>
        renderRecords(rs, format, { lang, color, verbose: flags.verbose === true, clauses: CLAUSES, cwd: io.cwd, failOn, scanTime, ...(flags.sarifCategory === undefined ? {} : { sarifCategory: flags.sarifCategory }) });
      // One run, several reports: every --report FORMAT=FILE is written from the same records.
      for (const r of flags.report ?? []) writeOutput(resolve(io.cwd, r.file), render(r.format, records, false));
      // In text on a terminal, inputs that could not be analysed are said once, on stderr.
      const shown = flags.format === 'text' && !toFile ? records.filter((r) => r.status === 'ok') : records;
      const text = shown.length === 0 && flags.format === 'text' ? '' : render(flags.format, shown, useColor(io, flags.color, toFile));
      if (toFile) writeOutput(resolve(io.cwd, flags.output as string), text);
      else io.out(text);
      setExit(exitStatus(records, failOn));
    });

  const dump = program.command('dump').description(t.dump.description);
  dump
    .command('manifest')
    .description(t.dump.manifest)
    .argument('<input>', t.dump.manifestInput)
    .option('--resolve', t.dump.resolve)
    .action((input: string, flags: { resolve?: boolean }) => {
      io.out(dumpManifest(input, { resolve: flags.resolve === true }));
      setExit(EXIT.OK);
    });

  for (const what of ['classes', 'method-refs'] as const) {
    dump
      .command(what)
      .description(what === 'classes' ? t.dump.classes : t.dump.methodRefs)
      .argument('<input>', t.dump.apk)
      .action(async (input: string) => {
        io.out(await dumpCode(input, what));
        setExit(EXIT.OK);
      });
  }
  dump
    .command('signing')
    .description(t.dump.signing)
    .argument('<input>', t.dump.apk)
    .action((input: string) => {
      io.out(dumpSigning(input));
      setExit(EXIT.OK);
    });

  program
    .command('sdks')
    .description(t.sdks.description)
    .argument('<input>', t.sdks.input)
    .addOption(new Option('-f, --format <format>', t.sdks.format).choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', t.sdks.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .action(async (input: string, flags: { format: 'text' | 'json'; lang?: Lang }) => {
      const inventory = await sdkInventory(input);
      io.out(flags.format === 'json' ? `${JSON.stringify(inventory, null, 2)}\n` : renderSdkInventory(inventory, flags.lang ?? lang, useColor(io, undefined, false)));
      setExit(EXIT.OK);
    });

  program
    .command('lists')
    .description(t.lists.description)
    .argument('<inputs...>', t.lists.input)
    .addOption(new Option('-f, --format <format>', t.lists.format).choices(LISTS_FORMATS).default('text'))
    .addOption(new Option('--lang <lang>', t.lists.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .option('-o, --output <file>', t.lists.output)
    .option('--no-color', t.audit.noColor)
    .action(async (inputs: string[], flags: { format: ListsFormat; lang?: Lang; output?: string; color?: boolean }) => {
      // The lists are a Chinese regulatory document: Chinese unless asked otherwise.
      const listsLang = flags.lang ?? 'zh';
      const toFile = flags.output !== undefined;
      const lists = await piLists(inputs);
      const text = renderLists(lists, flags.format, { lang: listsLang, color: useColor(io, flags.color, toFile) });
      if (toFile) writeOutput(resolve(io.cwd, flags.output as string), text);
      else io.out(text);
      setExit(EXIT.OK);
    });

  registerDiffCommand(program, io, setExit, lang);

  program
    .command('rules')
    .description(t.rules.description)
    .addOption(new Option('-f, --format <format>', t.rules.format).choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', t.rules.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .action((flags: { format: 'text' | 'json'; lang?: Lang }) => {
      const rules = listRules(CLAUSES, flags.lang ?? lang);
      io.out(flags.format === 'json' ? `${JSON.stringify(rules, null, 2)}\n` : renderRulesText(rules, flags.lang ?? lang));
      setExit(EXIT.OK);
    });

  registerBatchCommands(program, io, setExit, lang);
  auditHelpFirst(program, lang);

  // --debug shows the stack of an internal error wherever it happens (main() reads it from argv).
  const leaves = (c: Command): Command[] => (c.commands.length === 0 ? [c] : c.commands.flatMap(leaves));
  for (const c of leaves(program)) if (!c.options.some((o) => o.long === '--debug')) c.option('--debug', t.audit.debug);

  return program;
}

/**
 * `pledge-audit --help` is the audit's help first (what most people run: its usage, arguments and
 * options), then the program's own options and the other commands, as ESLint and Semgrep show theirs.
 */
function auditHelpFirst(program: Command, lang: Lang): void {
  const rootHelp = program.helpInformation.bind(program);
  program.helpInformation = (context?: Parameters<Command["helpInformation"]>[0]): string => {
    const audit = program.commands.find((c) => c.name() === 'audit');
    if (audit === undefined) return rootHelp(context);
    const t = CLI[lang];
    const helper = audit.createHelp();
    const auditText = helper.formatHelp(audit, helper).replace('pledge-audit audit ', 'pledge-audit ');
    const [usage = '', ...rest] = auditText.split('\n');
    const pad = ' '.repeat(displayWidth(usage.slice(0, Math.max(0, usage.indexOf('pledge-audit')))));
    const own = rootHelp(context);
    const optionsTitle = `${t.titles['Options:'] ?? 'Options:'}\n`;
    const globals = own.slice(Math.max(0, own.indexOf(optionsTitle))).replace(optionsTitle, `${t.titles['Global Options:'] ?? 'Global Options:'}\n`);
    return [usage, `${pad}${t.commandUsage}`, '', helper.boxWrap(program.description(), 80), ...rest].join('\n').replace(/\n*$/, '\n\n') + globals;
  };
}

/** Runs the CLI; returns the exit status instead of exiting, so that tests can call it. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const lang = resolveLang(argv, io.env);
  const program = createProgram(
    io,
    (c) => {
      code = c;
    },
    lang,
  );
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (isPledgeError(e)) {
      io.err(errorLine({ code: e.code, entry: e.entry, offset: e.offset, message: e.message }, lang));
      if (e.hint !== undefined) io.err(`  ${sanitizeForTerminal(e.hint)}\n`);
      if (e.code === 'E_INTERNAL') io.err(internalErrorHint(stackOf(e), argv.includes('--debug'), lang));
      return exitForError(e.code);
    }
    // Anything else is our bug: E_INTERNAL, exit 3, and the stack under --debug.
    io.err(errorLine({ code: 'E_INTERNAL', message: e instanceof Error ? e.message : String(e) }, lang));
    io.err(internalErrorHint(stackOf(e), argv.includes('--debug'), lang));
    return EXIT.INPUT;
  }
}

/**
 * What could not be analysed, on stderr, one clean line each: an input that failed (with how to
 * see the stack when it is our bug) and every check that crashed on an analysed input.
 */
function reportProblems(io: Io, record: AuditRecord, lang: Lang, debug: boolean, flags: LimitFlags): void {
  if (record.status === 'error') {
    const e = record.error;
    // An error about the input itself names it once (its entry is the path as given).
    const entry = e.entry === record.target.path || e.entry === record.target.file ? undefined : e.entry;
    io.err(errorLine({ code: e.code, file: record.target.file, entry, offset: e.offset, message: e.message }, lang));
    if (e.code === 'E_INTERNAL') io.err(internalErrorHint(e.stack, debug, lang));
    const hint = limitHint(e.code, flags, lang);
    if (hint !== undefined) io.err(`  ${hint}\n`);
    return;
  }
  const crashed = record.clauses.flatMap((c) => c.errors ?? []);
  for (const c of crashed) {
    io.err(errorLine({ code: c.code, file: record.target.file, message: `${c.check}: ${c.message}` }, lang));
    if (debug && c.stack !== undefined) io.err(`${c.stack}\n`);
  }
  if (crashed.length > 0 && !debug) io.err(internalErrorHint(undefined, false, lang));
}


/** `--report junit=out/pledge.xml`: a format of REPORT_FORMATS, `=`, a file name. */
export function parseReport(value: string, lang: Lang): { format: ReportFormat; file: string } {
  const eq = value.indexOf('=');
  const format = value.slice(0, eq);
  const file = value.slice(eq + 1);
  if (eq <= 0 || file === '' || !(REPORT_FORMATS as readonly string[]).includes(format)) throw new InvalidArgumentError(CLI[lang].audit.badReport(value, REPORT_FORMATS.join(lang === 'zh' ? '、' : ', ')));
  return { format: format as ReportFormat, file };
}

/** Levenshtein distance, for "did you mean" (short words only: command names). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The command a bare word (no such file, no path separator or extension) most likely misspells. */
export function commandTypo(word: string, commands: readonly string[], cwd: string): string | undefined {
  if (word.length < 2 || /[./\\]/.test(word) || existsSync(resolve(cwd, word))) return undefined;
  let best: { name: string; d: number } | undefined;
  for (const name of commands) {
    const d = editDistance(word.toLowerCase(), name);
    if (d <= 2 && d < word.length && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}
