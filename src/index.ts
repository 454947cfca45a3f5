import { resolveCategories } from './engine/categories.js';
import { appCoverageLimits } from './facts/coverage-limits.js';
import { CLAUSES } from '../rules/index.js';
import type { AppCoverageLimit } from './model/index.js';
import { dexFailureLimit, runClauses } from './engine/run.js';
import type { ClauseDefinition as ClauseModule, RuleOptions } from './engine/check.js';
import type { Lang, Verdict } from './model/index.js';
import { VERDICT_RANK } from './model/index.js';
import { loadFacts, type LoadOptions } from './facts/load.js';
import type { PolicyText } from './facts/policy.js';
import { buildErrorRecord, buildReport } from './report/build.js';
import type { AuditRecord, ToolInfo } from './report/model.js';
import { toPledgeError, USAGE_ERROR_CODES } from './util/errors.js';
import { toolVersion } from './version.js';
import { SourceLocator } from './facts/source-map.js';
import { openSourceRoot, type SourceTree } from './input/source-root.js';

export type { AuditRecord, AuditReport, AuditError } from './report/model.js';
export type { Finding, Evidence, Location, Verdict } from './model/index.js';
export type { ClauseDefinition } from './engine/check.js';
export type { ClauseResult } from './engine/run.js';

export interface AuditOptions {
  lang?: Lang;
  strict?: boolean;
  /** App types of the 2021 necessary-information rule: names, English aliases or numbers. */
  categories?: string[];
  limits?: LoadOptions['limits'];
  /** Clause modules to run (default: all ten); tests pass a single one. */
  clauses?: readonly ClauseModule[];
  /** The app's declared SDK list (the privacy policy's 第三方SDK目录), for c09/undeclared-sdk. */
  declaredSdks?: { name: string; package: string }[];
  /** The privacy policy given with --policy (read with readPolicyFile); absent: the policy bundled in the APK. */
  policy?: PolicyText;
  /** Build the startup call graph (default true); off only to measure what it costs. */
  reachability?: boolean;
  /** Keep the stacks of internal errors and crashed checks in the record (for --debug). */
  debug?: boolean;
  /**
   * The app's source tree (--source-root): evidence gets its source file and line. A path is
   * opened here (a bad one throws E_USAGE, like a bad category); the CLI only checks it before any
   * audit (resolveSourceRoot) and passes the path, which crosses into the worker thread.
   */
  sourceRoot?: string | SourceTree;
}

export function toolInfo(): ToolInfo {
  return { name: 'pledge-audit', version: toolVersion() };
}

/**
 * Audits one input (APK, app bundle, split set, binary or plain-text AndroidManifest.xml), or
 * several split APKs of one app. Never throws for bad input:
 * an input that cannot be analysed yields an error record with a stable code.
 */
export async function audit(input: string | readonly string[], options: AuditOptions = {}): Promise<AuditRecord> {
  // Several paths are the split APKs of one app (see groupSplitInputs); the record is the base's.
  const path = typeof input === 'string' ? input : (input[0] ?? '');
  const tool = toolInfo();
  // A wrong category is the caller's mistake, not the input's: it throws (UnknownCategoryError).
  const categories = resolveCategories(options.categories ?? []);
  const tree = typeof options.sourceRoot === 'string' ? openSourceRoot(options.sourceRoot) : options.sourceRoot;
  let facts;
  try {
    facts = await loadFacts(input, { ...(options.limits === undefined ? {} : { limits: options.limits }), ...(options.reachability === false ? { reachability: false } : {}) });
  } catch (e) {
    return buildErrorRecord(path, toPledgeError(e), tool, options.debug === true);
  }
  try {
    const reportOptions = { lang: options.lang ?? 'en', strict: options.strict ?? false, categories };
    // The declared list reaches the rules but not report.options (the config, not the audit, owns it).
    const ruleOptions: RuleOptions = {
      strict: reportOptions.strict,
      categories,
      ...(options.declaredSdks === undefined ? {} : { declaredSdks: options.declaredSdks }),
      ...(options.policy === undefined ? {} : { policy: options.policy }),
    };
    const defs = options.clauses ?? CLAUSES;
    const limits: AppCoverageLimit[] = appCoverageLimits(facts);
    const dexFailed = dexFailureLimit(facts, defs);
    if (dexFailed !== undefined) limits.push(dexFailed);
    const clauses = runClauses(facts, defs, ruleOptions, limits);
    // Text-manifest inputs get lines and columns with or without a source tree.
    const sources = tree !== undefined || facts.input.kind === 'text-manifest' ? new SourceLocator(facts, tree) : undefined;
    return buildReport(facts, clauses, limits, reportOptions, tool, defs, options.debug === true, sources, tree?.root);
  } catch (e) {
    return buildErrorRecord(path, toPledgeError(e), tool, options.debug === true);
  } finally {
    facts.close();
  }
}

export type FailOn = Verdict | 'never';

/**
 * 0 nothing at or above --fail-on, 1 something is, 2 an input does not exist (the command line is
 * wrong: that comes first), 3 an input could not be analysed or a check crashed.
 */
export function exitStatus(records: readonly AuditRecord[], failOn: FailOn): 0 | 1 | 2 | 3 {
  if (records.some((r) => r.status === 'error' && USAGE_ERROR_CODES.has(r.error.code))) return 2;
  if (records.some((r) => r.status === 'error' || r.clauses.some((c) => c.errors !== undefined))) return 3;
  if (failOn === 'never') return 0;
  const threshold = VERDICT_RANK[failOn];
  const hit = records.some((r) => r.status === 'ok' && r.clauses.some((c) => c.verdict !== 'pass' && VERDICT_RANK[c.verdict] >= threshold));
  return hit ? 1 : 0;
}
