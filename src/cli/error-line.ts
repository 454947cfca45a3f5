import { CLI } from '../i18n/catalog.js';
import { errorMeaning } from '../i18n/errors.js';
import type { Lang } from '../model/index.js';
import { sanitizeForTerminal } from '../report/sanitize.js';

/** What goes into one error line; every part may come from the input and is made safe here. */
export interface ErrorLine {
  code: string;
  /** The input file, when the error is about one. */
  file?: string | undefined;
  entry?: string | undefined;
  offset?: number | undefined;
  /** The technical detail (English): in zh it follows the code's Chinese meaning. */
  message: string;
}

const MAX_PART = 200;

/**
 * `pledge-audit: E_CODE file entry@0x1f: message`: one line whatever the input holds. Control
 * characters, bidi overrides and lone surrogates become visible escapes, long names are cut with
 * an ellipsis, and the code always comes first. Under zh the line says what the code means in
 * Chinese and keeps the technical detail in parentheses.
 */
export function errorLine(e: ErrorLine, lang: Lang): string {
  const clean = (s: string, max = MAX_PART): string => sanitizeForTerminal(s, max);
  let where = e.file === undefined ? '' : ` ${clean(e.file)}`;
  if (e.entry !== undefined && e.entry !== e.file) where += ` ${clean(e.entry)}`;
  if (e.offset !== undefined) where += `@0x${e.offset.toString(16)}`;
  const detail = clean(e.message, 1000);
  const text = lang === 'zh' ? `${errorMeaning(e.code, 'zh')}${detail === '' ? '' : `（${detail}）`}` : detail;
  return `pledge-audit: ${e.code}${where}: ${text}\n`;
}

/** The lines after an internal error: the stack under --debug, else how to see it. */
export function internalErrorHint(stack: string | undefined, debug: boolean, lang: Lang): string {
  if (debug && stack !== undefined) return `${stack}\n`;
  return `  ${CLI[lang].internalHint}\n`;
}
