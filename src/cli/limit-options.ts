import { type Command, InvalidArgumentError } from 'commander';
import { CLI } from '../i18n/catalog.js';
import type { Lang } from '../model/index.js';
import { LIMITS, parseByteSize } from '../util/limits.js';
import { formatLimitValue } from './limits-docs.js';

/** The limit options `pledge-audit <apk>` and `scan` share, parsed the same way (docs/limits.md). */
export interface LimitFlags {
  maxEntrySize?: number;
  timeout: number;
  memory: number;
}

/** Node's Buffer and zlib stop short of 2 GiB on some platforms; the input limit is 2 GiB − 1 too. */
const MAX_ENTRY_SIZE = LIMITS.maxInputBytes.value;

export function byteSize(flag: string, lang: Lang) {
  return (v: string): number => {
    const n = parseByteSize(v);
    if (n === undefined || n < 1 || n > MAX_ENTRY_SIZE + 1) throw new InvalidArgumentError(CLI[lang].badByteSize(flag));
    return Math.min(n, MAX_ENTRY_SIZE);
  };
}

/** Seconds, fractions allowed; `zero` lets 0 mean "no limit". */
export function seconds(flag: string, lang: Lang, zero = false) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0 || (n === 0 && !zero) || n > 2_000_000) throw new InvalidArgumentError(CLI[lang].badSeconds(flag, zero));
    return n;
  };
}

export function megabytes(flag: string, lang: Lang) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < 16 || n > 1_048_576) throw new InvalidArgumentError(CLI[lang].badMegabytes(flag));
    return n;
  };
}

/**
 * Adds --max-entry-size, --timeout and --memory with the defaults of src/util/limits.ts. A single
 * audit takes --timeout 0 (no limit, in-process); a scan always runs apps in worker threads.
 */
export function addLimitOptions(cmd: Command, lang: Lang, texts: { maxEntrySize: string; timeout: string; memory: string }, opts: { zeroTimeout: boolean }): Command {
  return cmd
    .option('--max-entry-size <size>', texts.maxEntrySize, byteSize('--max-entry-size', lang))
    .option('--timeout <seconds>', texts.timeout, seconds('--timeout', lang, opts.zeroTimeout), LIMITS.timeoutSeconds.value)
    .option('--memory <MiB>', texts.memory, megabytes('--memory', lang), LIMITS.memoryMiB.value);
}

/** What `limits` of audit() gets from the flags. */
export function limitOverrides(flags: Pick<LimitFlags, 'maxEntrySize'>): { maxEntryBytes: number } | undefined {
  return flags.maxEntrySize === undefined ? undefined : { maxEntryBytes: flags.maxEntrySize };
}

/**
 * The line after an error that a user-settable limit raised: which option raises it and its value
 * in this run. Other limits are not meant to be raised from the command line (docs/limits.md).
 */
export function limitHint(code: string, flags: LimitFlags, lang: Lang): string | undefined {
  if (code === 'E_LIMIT_ENTRY_SIZE') return CLI[lang].limitHint('--max-entry-size', formatLimitValue({ value: flags.maxEntrySize ?? LIMITS.maxEntryBytes.value, unit: 'bytes' }));
  if (code === 'E_TIMEOUT') return CLI[lang].limitHint('--timeout', lang === 'zh' ? `${flags.timeout} 秒` : `${flags.timeout} s`);
  if (code === 'E_MEMORY') return CLI[lang].limitHint('--memory', `${flags.memory} MiB`);
  return undefined;
}
