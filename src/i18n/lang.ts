import type { Lang } from '../model/index.js';

/** The language of a locale name (`zh_CN.UTF-8`, `zh-Hans`, `en_US`), if it names one we speak. */
function localeLang(value: string | undefined): Lang | undefined {
  if (value === undefined || value === '' || value === 'C' || value === 'POSIX' || /^C\./.test(value)) return undefined;
  if (/^zh([_.@-]|$)/i.test(value)) return 'zh';
  return 'en';
}

/**
 * The report and interface language when --lang is not given, as gettext chooses it: LANGUAGE
 * (a colon list of preferences; ignored under the C locale), then LC_ALL, LC_MESSAGES, LANG.
 * English when none of them names Chinese.
 */
export function envLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  const cLocale = locale !== undefined && localeLang(locale) === undefined && locale !== '';
  if (!cLocale && env.LANGUAGE !== undefined && env.LANGUAGE !== '') {
    for (const pref of env.LANGUAGE.split(':')) {
      const l = localeLang(pref);
      if (l !== undefined) return l;
    }
  }
  return localeLang(locale) ?? 'en';
}

/** `--lang zh` / `--lang=zh` anywhere on the command line, read before the parser runs (help and parse errors are in it). */
export function argvLang(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a?.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  return undefined;
}

export function resolveLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  return argvLang(argv) ?? envLang(env);
}
