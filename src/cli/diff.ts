import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { CLAUSES } from '../../rules/index.js';
import { audit, toolInfo, type FailOn } from '../index.js';
import { applyConfig } from '../config/apply.js';
import { CONFIG_FILE, loadConfig } from '../config/config.js';
import { buildDiff, failingNewFindings, type DiffInput } from '../config/diff.js';
import { localDate } from '../config/suppressions.js';
import { CLI, DIFF } from '../i18n/catalog.js';
import type { Lang } from '../model/index.js';
import { renderDiff, DIFF_FORMATS, type DiffFormat } from '../report/diff-render.js';
import { defaultDocsBaseUrl } from '../report/docs-url.js';
import { SCHEMA_VERSION, type AuditReport } from '../report/model.js';
import { packageRoot } from '../util/data-path.js';
import { PledgeError, type ErrorCode } from '../util/errors.js';
import { validate, type Schema } from '../util/json-schema.js';
import { toolVersion } from '../version.js';
import { errorLine, internalErrorHint } from './error-line.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { appCategories, oneOf } from './help-text.js';
import { useColor, writeOutput, type Io } from './io.js';

/** A JSON report larger than this is not one app's report. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** A `.json` file, or a file whose first non-blank character opens a JSON object or array (an APK starts with `PK`). */
export function looksLikeReport(path: string): boolean {
  if (/\.json$/i.test(path)) return true;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8').replace(/^\ufeff/, '').trimStart();
    return text.startsWith('{') || text.startsWith('[');
  } catch {
    // The audit says what is wrong with a path that cannot be opened.
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

let reportSchema: Schema | undefined;

/**
 * A JSON report of this pledge-audit version (`--format json`) for one app. Anything else is a
 * clean error: not JSON or not a report (E_REPORT_INVALID), another tool or schema version,
 * whose fingerprints may differ (E_REPORT_VERSION).
 */
export function readReport(path: string): AuditReport {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new PledgeError('E_INPUT_UNREADABLE', 'not a regular file', { entry: path });
    if (st.size > MAX_REPORT_BYTES) throw new PledgeError('E_INPUT_TOO_LARGE', `${st.size} bytes; a report of one app is far smaller`, { entry: path });
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof PledgeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new PledgeError(code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e), { entry: path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new PledgeError('E_REPORT_INVALID', `not JSON: ${e instanceof Error ? e.message : String(e)}`, { entry: path, hint: 'give an APK, or a report written by pledge-audit --format json' });
  }
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new PledgeError('E_REPORT_INVALID', `holds ${value.length} records; diff compares one app with one app`, { entry: path });
    value = value[0];
  }
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new PledgeError('E_REPORT_INVALID', 'not a pledge-audit report (a JSON object is expected)', { entry: path });
  const tool = o.tool as Record<string, unknown> | undefined;
  if (typeof tool !== 'object' || tool === null || tool.name !== 'pledge-audit') throw new PledgeError('E_REPORT_INVALID', 'not a pledge-audit report (no tool.name "pledge-audit")', { entry: path });
  const ours = toolVersion();
  if (o.schemaVersion !== SCHEMA_VERSION || tool.version !== ours) {
    throw new PledgeError('E_REPORT_VERSION', `written by pledge-audit ${JSON.stringify(tool.version)} (report schema ${JSON.stringify(o.schemaVersion)}); this is ${ours} (schema ${SCHEMA_VERSION})`, {
      entry: path,
      hint: `audit that version's APK again with this pledge-audit, or compare with pledge-audit@${typeof tool.version === 'string' ? tool.version : '<version>'}`,
    });
  }
  if (o.status === 'error') {
    const err = o.error as Record<string, unknown> | undefined;
    throw new PledgeError('E_REPORT_INVALID', `the report records an input that could not be analysed (${String(err?.code)})`, { entry: path });
  }
  reportSchema ??= JSON.parse(readFileSync(join(packageRoot(), 'schema', 'report.schema.json'), 'utf8')) as Schema;
  // One app's report: checked against the report definition itself, so that the problem names its field.
  const problem = validate(o, { $ref: '#/definitions/report', definitions: reportSchema.definitions ?? {} });
  if (problem !== undefined) throw new PledgeError('E_REPORT_INVALID', `does not match schema/report.schema.json: ${problem}`, { entry: path });
  return o as unknown as AuditReport;
}

interface DiffFlags {
  format: DiffFormat;
  output?: string;
  failOn: FailOn;
  config?: string;
  lang?: Lang;
  strict?: boolean;
  category?: string[];
  sarifCategory?: string;
  color?: boolean;
  debug?: boolean;
}

/** `pledge-audit diff OLD NEW` (registered by createProgram). */
export function registerDiffCommand(program: Command, io: Io, setExit: (code: ExitCode) => void, lang: Lang): void {
  const t = CLI[lang];
  program
    .command('diff')
    .description(t.diff.description)
    .argument('<old>', t.diff.old)
    .argument('<new>', t.diff.new)
    .addOption(new Option('-f, --format <format>', t.diff.format).choices(DIFF_FORMATS).default('text'))
    .option('-o, --output <file>', t.audit.output)
    .addOption(new Option('--fail-on <verdict>', t.diff.failOn).argParser(oneOf(['fail', 'warn', 'review', 'never'] as const, '--fail-on', lang)).default('fail'))
    .option('--config <file>', t.audit.config(CONFIG_FILE))
    .addOption(new Option('--lang <lang>', t.audit.lang).argParser(oneOf(['zh', 'en'] as const, '--lang', lang)))
    .option('--strict', t.audit.strict)
    .addOption(new Option('--category <types>', t.audit.category).argParser(appCategories))
    .option('--sarif-category <id>', t.audit.sarifCategory)
    .option('--no-color', t.audit.noColor)
    .option('--debug', t.audit.debug)
    .action(async (oldPath: string, newPath: string, flags: DiffFlags, command: Command) => {
      const outLang = flags.lang ?? lang;
      const knownChecks = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta.id));
      const config = loadConfig(flags.config, io.cwd, { knownChecks })?.config;
      const categories = flags.category ?? config?.categories ?? [];
      const failOn = command.getOptionValueSource('failOn') === 'default' ? (config?.failOn ?? flags.failOn) : flags.failOn;
      let crashed = false;
      const load = async (given: string): Promise<DiffInput> => {
        const path = resolve(io.cwd, given);
        if (looksLikeReport(path)) return { report: readReport(path), path: given, source: 'report' };
        const record = await audit(path, {
          lang: outLang,
          strict: flags.strict === true,
          categories,
          ...(config?.sdks === undefined ? {} : { declaredSdks: config.sdks }),
          reachability: io.env.PLEDGE_NO_REACHABILITY !== '1',
          debug: flags.debug === true,
        });
        const [applied] = applyConfig([record], config, { today: localDate(new Date()), clauses: CLAUSES });
        const r = applied ?? record;
        if (r.status === 'error') {
          if (r.error.code === 'E_INTERNAL') io.err(internalErrorHint(r.error.stack, flags.debug === true, lang));
          throw new PledgeError(r.error.code as ErrorCode, r.error.message, { entry: given, hint: r.error.hint });
        }
        // A crashed check makes the comparison incomplete: said on stderr, exit 3 as audit.
        for (const c of r.clauses.flatMap((x) => x.errors ?? [])) {
          crashed = true;
          io.err(errorLine({ code: c.code, file: given, message: `${c.check}: ${c.message}` }, lang));
        }
        return { report: r, path: given, source: 'app' };
      };
      const before = await load(oldPath);
      const after = await load(newPath);
      const diff = buildDiff(before, after, toolInfo());
      const toFile = flags.output !== undefined;
      const base = defaultDocsBaseUrl();
      const text = renderDiff(diff, flags.format, {
        lang: outLang,
        color: useColor(io, flags.color, toFile),
        newReport: after.report,
        clauses: CLAUSES,
        cwd: io.cwd,
        ...(base === undefined ? {} : { docsBaseUrl: base }),
        ...(flags.sarifCategory === undefined ? {} : { sarifCategory: flags.sarifCategory }),
      });
      if (toFile) writeOutput(resolve(io.cwd, flags.output as string), text);
      else io.out(text);
      const failing = failingNewFindings(diff, failOn);
      if (failing.length > 0 && flags.format === 'text' && !toFile) io.err(`${DIFF[outLang].failing(failing.length, failOn)}\n`);
      setExit(crashed ? EXIT.INPUT : failing.length > 0 ? EXIT.FAILED : EXIT.OK);
    });
}
