/**
 * Text from the input (entry names, manifest strings, package names) inside our own messages.
 * Errors and diagnostics are printed as one line and stored in reports: every control character,
 * line separator, bidi override and lone surrogate becomes a visible `\u{…}` escape, and long
 * text is cut with an ellipsis, so that a crafted name can neither add a line, recolour a
 * terminal, reorder what a reader sees, nor make one message megabytes long.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

/** Longest input-derived name kept in a message. */
export const MAX_NAME = 120;
/** Longest message (or entry) kept in an error or diagnostic. */
export const MAX_MESSAGE = 1000;

/** Cuts at `max` UTF-16 units with an ellipsis, never inside a surrogate pair or an escape. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let at = Math.max(0, max - 1);
  if (at > 0 && /[\ud800-\udbff]/.test(s.charAt(at - 1))) at--;
  // Do not leave half an escape ("\u{1" …) behind.
  const open = s.lastIndexOf('\\u{', at);
  if (open >= 0 && s.indexOf('}', open) >= at) at = open;
  return `${s.slice(0, at)}…`;
}

/** `s` with every unsafe character as a visible escape, at most `max` units long. */
export function escapeText(s: string, max = MAX_MESSAGE): string {
  // Escapes grow text up to 8-fold: only a bounded head is looked at.
  const head = s.length > max + 16 ? s.slice(0, max + 16) : s;
  const escaped = UNSAFE_TEST.test(head) ? head.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`) : head;
  return escaped.length <= max && head.length === s.length ? escaped : cut(escaped, Math.min(max, escaped.length));
}

/** An input-derived name for a message: escaped, cut at MAX_NAME, in double quotes. */
export function quoteName(name: string, max = MAX_NAME): string {
  return `"${escapeText(name, max)}"`;
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
