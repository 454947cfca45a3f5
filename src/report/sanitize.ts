/**
 * App-controlled text (labels, strings, class names) is hostile until proven otherwise. These
 * helpers make it safe for each output; reporters call them on every such string.
 */

/** C0/C1 controls, DEL, and bidirectional overrides that can disguise text in a terminal. */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** For terminals: controls shown as visible escapes (an ESC can no longer recolour or move the cursor). */
export function sanitizeForTerminal(s: string, max = 500): string {
  const cleaned = s.replace(/\r\n?|\n/g, ' ').replace(TERMINAL_UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
  return truncate(cleaned, max);
}

export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  // Never cut a surrogate pair in half.
  if (/[\ud800-\udbff]/.test(s.charAt(cut - 1))) cut--;
  return `${s.slice(0, cut)}…`;
}

/** Strings in JSON output: lone surrogates replaced so that every JSON parser accepts the file. */
export function sanitizeForJson(s: string, max = 100_000): string {
  return truncate(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'), max);
}
