/**
 * Which assets and raw resources are text, how to decode them and what of them is text a user
 * reads (markup removed). Pure functions over names, bytes and strings.
 */

/**
 * How a text file is read:
 * - `markup`: HTML/XML; tags removed (HTML also loses its scripts and styles), entities decoded;
 * - `vue`: a single-file component; tags and styles removed, script kept (its strings are UI);
 * - `prose`: plain text, read as is;
 * - `code`: JS, JSON, bundles, properties, CSV: read as is, with code's matching rule for
 *   one-word English terms (see ScanOptions.code).
 */
export type TextKind = 'markup' | 'vue' | 'prose' | 'code';

export interface TextAsset {
  entry: string;
  kind: TextKind;
  /** HTML, plain text and Markdown: files that can be a bundled privacy policy or agreement. */
  document: boolean;
}

const BY_EXTENSION: ReadonlyMap<string, { kind: TextKind; document: boolean; rank: number }> = new Map([
  ['html', { kind: 'markup', document: true, rank: 0 }],
  ['htm', { kind: 'markup', document: true, rank: 0 }],
  ['xhtml', { kind: 'markup', document: true, rank: 0 }],
  ['txt', { kind: 'prose', document: true, rank: 0 }],
  ['md', { kind: 'prose', document: true, rank: 0 }],
  ['xml', { kind: 'markup', document: false, rank: 1 }],
  ['json', { kind: 'code', document: false, rank: 2 }],
  ['properties', { kind: 'code', document: false, rank: 3 }],
  ['csv', { kind: 'code', document: false, rank: 3 }],
  ['vue', { kind: 'vue', document: false, rank: 4 }],
  ['js', { kind: 'code', document: false, rank: 4 }],
  ['mjs', { kind: 'code', document: false, rank: 4 }],
]);

/** Extensions that are never text, skipped without reading even inside known bundle folders. */
const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'ico', 'svgz', 'heic', 'avif', 'ttf', 'otf', 'woff', 'woff2', 'eot', 'mp3', 'mp4', 'm4a', 'aac', 'wav', 'ogg',
  'webm', 'flac', 'zip', 'gz', 'z', 'jar', 'apk', 'dex', 'so', 'bin', 'dat', 'db', 'sqlite', 'pb', 'tflite', 'model', 'pdf', 'ttc', 'mov', 'avi', 'riv', 'br',
  'pak', 'der', 'cer', 'p12', 'bks', 'jks', 'keystore', 'class', 'wasm', 'ktx', 'pvr', 'astc', 'atlas', 'skel',
]);

/**
 * Folders of hybrid frameworks whose files are the app's UI: React Native (`index.android.bundle`),
 * uni-app (`assets/apps/<appid>/www/`), Cordova/Capacitor (`assets/www/`, `assets/public/`),
 * Flutter (`assets/flutter_assets/`). Files there without a known extension are read as code
 * when they are text.
 */
const BUNDLE_FOLDERS = [/^assets\/apps\/[^/]+\/www\//, /^assets\/www\//, /^assets\/public\//, /^assets\/flutter_assets\//];
const BUNDLE_FILES = new Set(['assets/index.android.bundle']);

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * Text assets and raw resources, documents first, then markup, data and code, each by name: the
 * total byte budget then cuts code bundles before it cuts a privacy policy.
 */
export function selectTextAssets(names: readonly string[]): TextAsset[] {
  const picked: (TextAsset & { rank: number })[] = [];
  for (const entry of names) {
    if (entry.endsWith('/')) continue;
    const inAssets = entry.startsWith('assets/');
    const inRaw = /^res\/raw[^/]*\//.test(entry);
    if (!inAssets && !inRaw) continue;
    const ext = extensionOf(entry);
    const known = BY_EXTENSION.get(ext);
    if (known !== undefined) {
      picked.push({ entry, kind: known.kind, document: known.document, rank: known.rank });
    } else if (BUNDLE_FILES.has(entry) || (inAssets && !BINARY_EXTENSIONS.has(ext) && BUNDLE_FOLDERS.some((re) => re.test(entry)))) {
      picked.push({ entry, kind: 'code', document: false, rank: 5 });
    }
  }
  picked.sort((a, b) => a.rank - b.rank || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
  return picked.map(({ entry, kind, document }) => ({ entry, kind, document }));
}

const SNIFF_BYTES = 1024;

/**
 * The text of a file, or undefined when it is binary (a NUL byte in the first KiB, after any
 * UTF-16 byte-order mark). UTF-8 with or without BOM; UTF-16 with a BOM; GB18030 (a superset of
 * GBK, common in older Chinese apps) when the bytes are not UTF-8 but are valid GB18030.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2, buf.length - ((buf.length - 2) & 1));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const body = Buffer.from(buf.subarray(2, buf.length - (buf.length & 1)));
    body.swap16();
    return body.toString('utf16le');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const sniffEnd = Math.min(buf.length, start + SNIFF_BYTES);
  for (let i = start; i < sniffEnd; i++) if (buf[i] === 0) return undefined;
  const text = buf.toString('utf8', start);
  if (start === 0 && replacementCount(text) > 2) {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(buf);
    } catch {
      // Not GB18030 either (or this Node has no ICU data for it): keep the lenient UTF-8 reading.
    }
  }
  return text;
}

function replacementCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i >= 0 && n < 3; i = s.indexOf('\ufffd', i + 1)) n++;
  return n;
}

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['middot', '·'],
  ['copy', '©'],
  ['reg', '®'],
  ['ensp', ' '],
  ['emsp', ' '],
]);

/** Decodes named and numeric character references (the common named ones). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (m, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES.get(body.toLowerCase()) ?? m;
  });
}

/** Newlines of a removed span, so that line numbers of the text after it stay right. */
function gap(s: string, from: number, to: number): string {
  let out = ' ';
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) out += '\n';
  return out;
}

/**
 * Markup removed, in one linear pass (no backtracking pattern over untrusted text): comments,
 * tags, and with `dropBlocks` the contents of the named elements (script, style). Each removed
 * span leaves a space and its newlines, so line numbers of what remains are those of the source.
 */
export function stripMarkup(s: string, dropBlocks: readonly string[]): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, lt);
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      const stop = end < 0 ? s.length : end + 3;
      out += gap(s, lt, stop);
      i = stop;
      continue;
    }
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) {
      // A '<' with no '>' after it: the rest is text (a comparison in prose, a truncated file).
      out += s.slice(lt);
      break;
    }
    let stop = gt + 1;
    const name = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(s.slice(lt, Math.min(gt, lt + 40)))?.[1]?.toLowerCase();
    if (name !== undefined && dropBlocks.includes(name) && s[gt - 1] !== '/') {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = gt + 1;
      const m = close.exec(s);
      stop = m === null ? s.length : m.index + m[0].length;
    }
    out += gap(s, lt, stop);
    i = stop;
  }
  return decodeEntities(out);
}

/** The text a user reads from a file of this kind. */
export function readableText(text: string, kind: TextKind): string {
  if (kind === 'markup') return stripMarkup(text, ['script', 'style']);
  if (kind === 'vue') return stripMarkup(text, ['style']);
  return text;
}

/** Document text for people: lines trimmed, blank runs and spaces collapsed, bounded. */
export function documentText(text: string, maxChars: number): string {
  const lines: string[] = [];
  let size = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[\s\u3000]+/g, ' ').trim();
    if (line === '') continue;
    if (size + line.length + 1 > maxChars) {
      lines.push(line.slice(0, Math.max(0, maxChars - size - 1)));
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}
