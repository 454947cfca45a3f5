import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveCategories, UnknownCategoryError } from '../engine/categories.js';
import type { DeclaredSdk } from '../engine/declared-sdks.js';
import type { Verdict } from '../model/index.js';
import { PledgeError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';

/** The file looked for in the working directory when no --config is given. */
export const CONFIG_FILE = 'pledge-audit.config.json';

/** A config larger than this is not a hand-written config. */
const MAX_CONFIG_BYTES = LIMITS.configBytes.value;

export type FailOn = Verdict | 'never';

export interface Suppression {
  /** Check id, e.g. `c10/allow-backup`. */
  check: string;
  /**
   * Pattern on the primary location identity of a finding (locationIdentity(): `manifest:/manifest/…`,
   * `dex:Lcom/a/B;->m()V`, `file:assets/x`…): a glob when it has `*` or `?`, else a substring.
   */
  location?: string;
  reason: string;
  /** YYYY-MM-DD: the last day it works. */
  expires?: string;
}

export interface PledgeConfig {
  /** Canonical category names (resolveCategories), empty when none is declared. */
  categories: string[];
  /** The app's declared SDK list; undefined when the config says nothing about SDKs. */
  sdks?: DeclaredSdk[];
  suppressions: Suppression[];
  failOn?: FailOn;
}

export interface LoadedConfig {
  /** Absolute path of the file read. */
  path: string;
  config: PledgeConfig;
}

export interface ConfigCheckOptions {
  /** Check ids that exist (`pledge-audit rules`); a suppression naming another one is an error. */
  knownChecks?: readonly string[];
}

/**
 * An invalid config file or baseline: E_CONFIG (exit status 2), with the JSON path of the bad
 * field so that the user can go straight to it.
 */
export class ConfigError extends PledgeError {
  readonly jsonPath: string;
  readonly file: string;

  constructor(file: string, jsonPath: string, problem: string, hint?: string) {
    super('E_CONFIG', `${jsonPath}: ${problem}`, hint === undefined ? { entry: file } : { entry: file, hint });
    this.jsonPath = jsonPath;
    this.file = file;
  }
}

const FAIL_ON: readonly FailOn[] = ['fail', 'warn', 'review', 'never'];
const TOP_LEVEL = ['$schema', 'category', 'sdks', 'suppressions', 'failOn'] as const;
const CHECK_ID = /^c(0[1-9]|10)\/[a-z0-9-]+$/;
/** A Java package prefix; `com.umeng.*` is accepted and read as `com.umeng`. */
const PACKAGE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(\.\*)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function jsonPathKey(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/** A real calendar date in YYYY-MM-DD form. */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

class Reader {
  constructor(readonly file: string) {}

  fail(path: string, problem: string, hint?: string): never {
    throw new ConfigError(this.file, path, problem, hint);
  }

  onlyKeys(o: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(jsonPathKey(path, k), `unknown field "${k}"`, `allowed here: ${allowed.join(', ')}`);
    }
  }

  nonEmptyString(v: unknown, path: string, what: string): string {
    if (v === undefined) this.fail(path, `${what} is required`);
    if (typeof v !== 'string') this.fail(path, `${what} must be a string, not ${describe(v)}`);
    if (v.trim() === '') this.fail(path, `${what} must not be empty`);
    return v;
  }
}

function readCategories(r: Reader, v: unknown): string[] {
  const items: { value: unknown; path: string }[] = Array.isArray(v) ? v.map((value, i) => ({ value, path: `$.category[${i}]` })) : [{ value: v, path: '$.category' }];
  const out: string[] = [];
  for (const { value, path } of items) {
    const raw = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    const s = r.nonEmptyString(raw, path, 'a category (Chinese name, English alias or number 1–39)');
    try {
      for (const c of resolveCategories([s])) if (!out.includes(c)) out.push(c);
    } catch (e) {
      if (e instanceof UnknownCategoryError) r.fail(path, e.message);
      throw e;
    }
  }
  return out;
}

function readSdks(r: Reader, v: unknown): DeclaredSdk[] {
  if (!Array.isArray(v)) r.fail('$.sdks', `must be an array of {"name", "package"}, not ${describe(v)}`);
  return v.map((item, i) => {
    const path = `$.sdks[${i}]`;
    if (!isObject(item)) r.fail(path, `must be an object {"name", "package"}, not ${describe(item)}`);
    r.onlyKeys(item, path, ['name', 'package']);
    const name = r.nonEmptyString(item.name, `${path}.name`, 'the SDK name');
    const pkg = r.nonEmptyString(item.package, `${path}.package`, 'the package prefix').trim();
    if (!PACKAGE.test(pkg)) r.fail(`${path}.package`, `"${pkg}" is not a Java package prefix`, 'write the dotted package the SDK\'s classes live in, e.g. "com.umeng" or "cn.jpush.android"');
    return { name, package: pkg.replace(/\.\*$/, '') };
  });
}

function readSuppressions(r: Reader, v: unknown, o: ConfigCheckOptions): Suppression[] {
  if (!Array.isArray(v)) r.fail('$.suppressions', `must be an array, not ${describe(v)}`);
  return v.map((item, i) => {
    const path = `$.suppressions[${i}]`;
    if (!isObject(item)) r.fail(path, `must be an object {"check", "reason", "location"?, "expires"?}, not ${describe(item)}`);
    r.onlyKeys(item, path, ['check', 'location', 'reason', 'expires']);
    const check = r.nonEmptyString(item.check, `${path}.check`, 'the check id');
    if (!CHECK_ID.test(check)) r.fail(`${path}.check`, `"${check}" is not a check id`, 'check ids look like c10/allow-backup; `pledge-audit rules` lists them');
    if (o.knownChecks !== undefined && !o.knownChecks.includes(check)) r.fail(`${path}.check`, `no check is called "${check}"`, '`pledge-audit rules` lists every check');
    if (item.reason === undefined) r.fail(`${path}.reason`, 'a suppression needs a written reason', 'say why the finding is acceptable, e.g. "backup rules are in the server-side config since 2.3"');
    const reason = r.nonEmptyString(item.reason, `${path}.reason`, 'the reason');
    const s: Suppression = { check, reason: reason.trim() };
    if (item.location !== undefined) s.location = r.nonEmptyString(item.location, `${path}.location`, 'the location pattern');
    if (item.expires !== undefined) {
      const expires = r.nonEmptyString(item.expires, `${path}.expires`, 'the expiry date');
      if (!isIsoDate(expires)) r.fail(`${path}.expires`, `"${expires}" is not a date in YYYY-MM-DD form`);
      s.expires = expires;
    }
    return s;
  });
}

/** Validates a parsed config; `file` names it in errors. */
export function parseConfig(value: unknown, file: string, o: ConfigCheckOptions = {}): PledgeConfig {
  const r: Reader = new Reader(file);
  if (!isObject(value)) r.fail('$', `the config must be a JSON object, not ${describe(value)}`);
  r.onlyKeys(value, '$', TOP_LEVEL);
  const config: PledgeConfig = {
    categories: value.category === undefined ? [] : readCategories(r, value.category),
    suppressions: value.suppressions === undefined ? [] : readSuppressions(r, value.suppressions, o),
  };
  if (value.sdks !== undefined) config.sdks = readSdks(r, value.sdks);
  if (value.failOn !== undefined) {
    if (typeof value.failOn !== 'string' || !(FAIL_ON as readonly string[]).includes(value.failOn)) r.fail('$.failOn', `must be one of ${FAIL_ON.join(', ')}, not ${describe(value.failOn)}`);
    config.failOn = value.failOn as FailOn;
  }
  return config;
}

/** JSON text to a value, with the line and column of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos !== null) {
      const before = text.replace(/^\ufeff/, '').slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw new ConfigError(file, '$', `not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

export function readJsonFile(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ConfigError(path, '$', 'file not found');
  }
  if (size > MAX_CONFIG_BYTES) throw new ConfigError(path, '$', `${size} bytes is too large for this file (limit ${MAX_CONFIG_BYTES})`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, '$', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseJsonFile(text, path);
}

/**
 * The config given with --config (resolved against `cwd`), else `pledge-audit.config.json` in
 * `cwd` when there is one, else undefined. Throws ConfigError for a missing given file or any
 * invalid content.
 */
export function loadConfig(path: string | undefined, cwd: string, o: ConfigCheckOptions = {}): LoadedConfig | undefined {
  const file = path === undefined ? join(cwd, CONFIG_FILE) : resolve(cwd, path);
  if (path === undefined && !existsSync(file)) return undefined;
  return { path: file, config: parseConfig(readJsonFile(file), file, o) };
}
