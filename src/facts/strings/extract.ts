/**
 * URLs, e-mail addresses and Chinese phone numbers in app text, each with its position in the
 * text. The URL pattern follows apkleaks' LinkFinder in spirit (absolute http/https URLs; JSON's
 * escaped `\/` understood); scheme-less and relative paths are left out.
 */

export interface Extracted {
  kind: 'url' | 'email' | 'phone';
  value: string;
  /** Index of the value in the text it was found in. */
  index: number;
}

const MAX_URL = 2048;

const URL_RE = /https?:(?:\/\/|\\\/\\\/)(?:[A-Za-z0-9\-._~:/?#@!$&*+,;=%[\]()]|\\\/)+/gi;
const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
/**
 * Mainland China numbers, never inside a longer run of digits or letters (timestamps, IDs, hex):
 * mobile 1[3-9]x xxxx xxxx (optionally +86), landline with an area code (010, 02x, 0xxx; the
 * local number 7–8 digits), 400/800 service numbers. Spaces or hyphens may separate the groups.
 */
const PHONE_RE =
  /(?<![0-9A-Za-z_.+\-/])(?:(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}|(?:\(0(?:10|2\d|[3-9]\d\d)\) ?|0(?:10|2\d|[3-9]\d\d)[- ]?)[2-9]\d{6,7}|[48]00[- ]?\d{3}[- ]?\d{4})(?![.-]?\d)(?![A-Za-z_])/g;

/**
 * Top-level domains that are file extensions: `icon@2x.png`, `bg@3x.webp`, `lib@1.0.js` are
 * asset or artifact names, not addresses.
 */
const FILE_SUFFIXES = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'bmp', 'ico', 'heic', 'avif', 'js', 'mjs', 'css', 'json', 'xml', 'html', 'htm', 'txt', 'md', 'so', 'dex',
  'jar', 'aar', 'zip', 'apk', 'mp3', 'mp4', 'wav', 'ogg', 'webm', 'ttf', 'otf', 'woff', 'woff2', 'pdf', 'gz', 'map', 'kt', 'java', 'class', 'properties',
  'yml', 'yaml', 'lottie', 'atlas', 'plist', 'bin', 'dat',
]);

const FULL_WIDTH_DIGITS = /[０-９－＋（）]/;

/** Values found in `text`, in order of position within each kind (urls, then e-mails, then phones). */
export function extractValues(text: string): Extracted[] {
  const out: Extracted[] = [];
  if (text.length < 6) return out;
  if (/https?:/i.test(text)) {
    for (const m of text.matchAll(URL_RE)) {
      const value = cleanUrl(m[0]);
      if (value !== undefined) out.push({ kind: 'url', value, index: m.index });
    }
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL_RE)) {
      if (isAddress(m[0])) out.push({ kind: 'email', value: m[0], index: m.index });
    }
  }
  // Full-width digits and separators become ASCII one for one, so indices still hold.
  const digits = FULL_WIDTH_DIGITS.test(text) ? text.replace(/[０-９－＋（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : text;
  if (/\d{3}/.test(digits)) {
    for (const m of digits.matchAll(PHONE_RE)) out.push({ kind: 'phone', value: m[0], index: m.index });
  }
  return out;
}

/** A URL without trailing punctuation and unbalanced closing brackets, with a real host; else undefined. */
function cleanUrl(raw: string): string | undefined {
  let v = raw.replace(/\\\//g, '/');
  for (;;) {
    const last = v[v.length - 1];
    if (last === undefined) return undefined;
    if ('.,;:!?*\'"'.includes(last)) v = v.slice(0, -1);
    else if (last === ')' && count(v, '(') < count(v, ')')) v = v.slice(0, -1);
    else if (last === ']' && count(v, '[') < count(v, ']')) v = v.slice(0, -1);
    else break;
  }
  if (v.length > MAX_URL) v = v.slice(0, MAX_URL);
  const host = /^https?:\/\/(?:[^/?#@]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?(?=[/?#]|$)/i.exec(v)?.[1];
  if (host === undefined) return undefined;
  if (!host.startsWith('[') && !host.includes('.') && host.toLowerCase() !== 'localhost') return undefined;
  if (host.startsWith('.') || host.endsWith('-') || host.includes('..')) return undefined;
  return v;
}

function count(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

function isAddress(v: string): boolean {
  const at = v.lastIndexOf('@');
  const domain = v.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (FILE_SUFFIXES.has(tld)) return false;
  // `name@2x`, `name@1.5x`: density suffixes of image names.
  if (/^\d+(\.\d+)?x$/.test(labels[0] ?? '')) return false;
  return true;
}


/**
 * For ASCII bytes: whether extractValues could find anything (`http:` or `https:` in any case,
 * an `@` between two letters or digits, or ten digits — the fewest a phone number has).
 * Conservative, and cheap enough to run over every DEX and native string before decoding it.
 */
export function mayHoldValueAscii(buf: Uint8Array, start: number, end: number): boolean {
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c === 0x40) {
      if (i > start && i + 1 < end && isAlnum(buf[i - 1] as number) && isAlnum(buf[i + 1] as number)) return true;
    } else if (c === 0x3a) {
      if (endsWithHttp(buf, start, i)) return true;
    } else if (c >= 0x30 && c <= 0x39 && ++digits >= 10) return true;
  }
  return false;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** Whether buf[start, at) ends with `http` or `https`, in any case. */
function endsWithHttp(buf: Uint8Array, start: number, at: number): boolean {
  let p = at;
  if (p > start && ((buf[p - 1] as number) | 0x20) === 0x73) p--;
  return (
    p - 4 >= start &&
    ((buf[p - 4] as number) | 0x20) === 0x68 &&
    ((buf[p - 3] as number) | 0x20) === 0x74 &&
    ((buf[p - 2] as number) | 0x20) === 0x74 &&
    ((buf[p - 1] as number) | 0x20) === 0x70
  );
}
