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

/**
 * ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), the other escapes
 * (`ESC` + intermediates + one final byte, e.g. `ESC c` reset, `ESC ( B`), and the 8-bit CSI. Removed whole, so that no `[31m` residue reaches a reader.
 */
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]|\u009b[0-?]*[ -/]*[@-~]/g;

/**
 * What no report format should carry from an app: C0/C1 controls (tab and newline are handled by
 * the caller), DEL, bidirectional embeddings/overrides/isolates and marks (Trojan-Source style
 * reordering), BOM, U+FFFE/U+FFFF (not XML characters), and lone surrogates (not Unicode text).
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI_SEQUENCE, '');
}

/** Cuts at `max` UTF-16 units with a marker that says how much was dropped, never inside a surrogate pair. */
export function truncateVisible(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = Math.max(0, max);
  if (cut > 0 && /[\ud800-\udbff]/.test(s.charAt(cut - 1))) cut--;
  return `${s.slice(0, cut)}… [+${s.length - cut} chars]`;
}

export interface CleanOptions {
  /** Longest result before the truncation marker (default 2000). */
  max?: number;
  /** Keep line breaks (as `\n`); otherwise every line break becomes a space. */
  multiline?: boolean;
}

/**
 * App-controlled text made plain for any output: escape sequences removed, controls, bidi
 * controls and lone surrogates dropped (a lone surrogate becomes U+FFFD so that the gap stays
 * visible), tabs and line breaks normalised, and the result bounded. Escaping for a markup
 * language is a separate, later step (escapeHtml, escapeXml, escapeMarkdown).
 */
export function cleanText(s: string, o: CleanOptions = {}): string {
  const max = o.max ?? 2000;
  // Only a bounded head is cleaned, so that a megabyte label costs no more than a short one.
  const head = s.length > max * 2 + 64 ? s.slice(0, max * 2 + 64) : s;
  let t = stripAnsi(head)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/\t/g, ' ');
  t = o.multiline === true ? t.replace(/\r\n?|[\u2028\u2029]/g, '\n') : t.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
  t = t.replace(UNSAFE_TEXT, '');
  if (t.length <= max && head.length === s.length) return t;
  let cut = Math.min(max, t.length);
  if (cut > 0 && /[\ud800-\udbff]/.test(t.charAt(cut - 1))) cut--;
  return `${t.slice(0, cut)}… [+${s.length - cut} chars]`;
}

/** Text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text for XML 1.0 element content (`>` too, so that `]]>` never appears). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text for an XML 1.0 attribute value: quotes escaped, and tab and line breaks written as
 * character references, which attribute-value normalisation would otherwise turn into spaces.
 */
export function escapeXmlAttr(s: string): string {
  return s.replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One line of text for GitHub-flavoured Markdown (a PR comment, a job summary, a table cell):
 * the characters that start inline markup (code, emphasis, strikethrough, link and image
 * brackets, table pipes, backslash) are backslash-escaped, HTML-significant characters become
 * entities, and `@name` / `#123` get a word joiner so that app text cannot mention people or
 * link issues. Parentheses and `!` stay: without a `[` they cannot form a link or an image.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/@(?=[\p{L}\p{N}_])|#(?=\p{N})/gu, '$&\u2060')
    .replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
