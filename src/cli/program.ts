import { resolveCategories, UnknownCategoryError } from '../engine/categories.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CLAUSES } from '../../rules/index.js';
import { audit, exitStatus, type FailOn } from '../index.js';
import type { Lang } from '../model/index.js';
import type { AuditRecord } from '../report/model.js';
import { REPORT_FORMATS, renderRecords, type ReportFormat } from '../report/render.js';
import { CONFIG_FILE, loadConfig } from '../config/config.js';
import { applyConfig } from '../config/apply.js';
import { readBaseline, writeBaseline } from '../config/baseline.js';
import { localDate } from '../config/suppressions.js';
import { resolve } from 'node:path';
import { formatPledgeError, isPledgeError } from '../util/errors.js';
import { toolVersion } from '../version.js';
import { dumpCode, dumpManifest, dumpSigning } from './dump.js';
import { renderSdkInventory, sdkInventory } from './sdks.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { defaultLang, useColor, writeFileAtomic, type Io } from './io.js';
import { listRules, renderRulesText } from './rules-list.js';
import { registerBatchCommands } from './batch-commands.js';

interface AuditFlags {
  format: ReportFormat;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  output?: string;
  failOn: FailOn;
  lang?: Lang;
  strict?: boolean;
  category?: string[];
  color?: boolean;
  verbose?: boolean;
  debug?: boolean;
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (v: string): T => {
    if ((values as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(`${what} must be one of: ${values.join(', ')}`);
  };
}

/**
 * The command line. Analysis lives in src/index.ts; this file parses, calls, renders and maps
 * outcomes to exit statuses. Commander's own exit (status 1 on usage errors) is overridden: 1
 * means "a clause failed" here, so usage errors are 2.
 */
export function createProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command('pledge-audit');
  program
    .description('Audit Android apps (APK) against the Shenzhen ten-point personal-information pledge (深圳市APP个人信息保护自律承诺书)')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run pledge-audit --help for usage)')
    .enablePositionalOptions();

  program
    .command('audit', { isDefault: true })
    .description('audit one or more APKs (or AndroidManifest.xml files) and print a per-clause verdict')
    .argument('<inputs...>', 'APK files, or binary/plain-text AndroidManifest.xml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when a clause is at or above this verdict (default: the config\'s failOn, else fail)').argParser(oneOf(['fail', 'warn', 'review', 'never'] as const, '--fail-on')).default('fail'))
    .option('--config <file>', `configuration (default: ${CONFIG_FILE} in the working directory, when present)`)
    .option('--baseline <file>', 'findings recorded in this baseline are shown as baselined and do not fail the run')
    .option('--write-baseline <file>', "record today's findings as the baseline")
    .addOption(new Option('--lang <lang>', 'language of messages (default: from LANG)').argParser(oneOf(['zh', 'en'] as const, '--lang')))
    .option('--strict', 'promote the warnings CLAUSES.md marks "FAIL under --strict"')
    .addOption(
      new Option('--category <types>', 'app type(s) of the 2021 necessary-information rule, comma-separated or repeated: Chinese name, English alias or number (e.g. 网上购物, online-shopping, 6); drives the clause 2 necessary-set checks').argParser(
        (value: string, previous: string[] | undefined) => {
          try {
            return [...(previous ?? []), ...resolveCategories([value])];
          } catch (e) {
            if (e instanceof UnknownCategoryError) throw new InvalidArgumentError(e.message);
            throw e;
          }
        },
      ),
    )
    .option('--no-color', 'never colour the output')
    .option('-v, --verbose', 'show every finding with all its evidence')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (inputs: string[], flags: AuditFlags, command: Command) => {
      const lang = flags.lang ?? defaultLang(io.env);
      // A bad config or baseline is exit 2 (E_CONFIG, with the path of the bad field) before any audit.
      const knownChecks = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta.id));
      const config = loadConfig(flags.config, io.cwd, { knownChecks })?.config;
      const baseline = flags.baseline === undefined ? undefined : readBaseline(resolve(io.cwd, flags.baseline));
      const categories = flags.category ?? config?.categories ?? [];
      const failOn = command.getOptionValueSource('failOn') === 'default' ? (config?.failOn ?? flags.failOn) : flags.failOn;
      const audited: AuditRecord[] = [];
      for (const input of inputs) {
        // PLEDGE_NO_REACHABILITY exists for the benchmark, which reports what the call graph costs.
        const record = await audit(input, {
          lang,
          strict: flags.strict === true,
          categories,
          ...(config?.sdks === undefined ? {} : { declaredSdks: config.sdks }),
          reachability: io.env.PLEDGE_NO_REACHABILITY !== '1',
        });
        audited.push(record);
        if (record.status === 'error' && flags.format === 'text' && flags.output === undefined) continue;
        if (record.status === 'error') io.err(`pledge-audit: ${record.error.code} ${record.target.file}: ${record.error.message}\n`);
      }
      const records = applyConfig(audited, config, { today: localDate(new Date()), clauses: CLAUSES, ...(baseline === undefined ? {} : { baseline }) });
      if (flags.writeBaseline !== undefined) writeFileAtomic(resolve(io.cwd, flags.writeBaseline), writeBaseline(records));
      const toFile = flags.output !== undefined;
      const text = renderRecords(records, flags.format, { lang, color: useColor(io, flags.color, toFile), verbose: flags.verbose === true, clauses: CLAUSES, cwd: io.cwd });
      if (toFile) writeFileAtomic(resolve(io.cwd, flags.output as string), text);
      else io.out(text);
      setExit(exitStatus(records, failOn));
    });

  const dump = program.command('dump').description('print decoded parts of an APK');
  dump
    .command('manifest')
    .description('print the decoded AndroidManifest.xml')
    .argument('<input>', 'APK or binary AndroidManifest.xml')
    .option('--resolve', 'replace resource references by their default-configuration values')
    .action((input: string, flags: { resolve?: boolean }) => {
      io.out(dumpManifest(input, { resolve: flags.resolve === true }));
      setExit(EXIT.OK);
    });

  for (const what of ['classes', 'method-refs'] as const) {
    dump
      .command(what)
      .description(what === 'classes' ? 'print every class descriptor defined in the DEX files, one per line' : 'print every method reference of the DEX files, one per line (Lcls;->name(ARGS)RET)')
      .argument('<input>', 'APK')
      .action(async (input: string) => {
        io.out(await dumpCode(input, what));
        setExit(EXIT.OK);
      });
  }
  dump
    .command('signing')
    .description('print one line per signing scheme and signer: <scheme> <sha256 of the signer certificate>')
    .argument('<input>', 'APK')
    .action((input: string) => {
      io.out(dumpSigning(input));
      setExit(EXIT.OK);
    });

  program
    .command('sdks')
    .description('list the third-party SDKs of an APK with their evidence levels')
    .argument('<input>', 'APK or AndroidManifest.xml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of names').argParser(oneOf(['zh', 'en'] as const, '--lang')))
    .action(async (input: string, flags: { format: 'text' | 'json'; lang?: Lang }) => {
      const inventory = await sdkInventory(input);
      io.out(flags.format === 'json' ? `${JSON.stringify(inventory, null, 2)}\n` : renderSdkInventory(inventory, flags.lang ?? defaultLang(io.env), useColor(io, undefined, false)));
      setExit(EXIT.OK);
    });

  program
    .command('rules')
    .description('list every check with its clause and the verdicts it can give')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of titles').argParser(oneOf(['zh', 'en'] as const, '--lang')))
    .action((flags: { format: 'text' | 'json'; lang?: Lang }) => {
      const rules = listRules(CLAUSES, flags.lang ?? defaultLang(io.env));
      io.out(flags.format === 'json' ? `${JSON.stringify(rules, null, 2)}\n` : renderRulesText(rules));
      setExit(EXIT.OK);
    });

  registerBatchCommands(program, io, setExit);

  return program;
}

/** Runs the CLI; returns the exit status instead of exiting, so that tests can call it. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = createProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    if (isPledgeError(e)) {
      io.err(`pledge-audit: ${formatPledgeError(e)}\n`);
      if (e.hint !== undefined) io.err(`  ${e.hint}\n`);
      return e.code === 'E_USAGE' || e.code === 'E_CONFIG' ? EXIT.USAGE : EXIT.INPUT;
    }
    throw e;
  }
}

