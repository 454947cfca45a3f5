/**
 * Text as the lexicon compares it: NFKC (full-width letters, digits and punctuation become ASCII,
 * U+3000 and NBSP become spaces), lower case, whitespace runs collapsed to one space and removed
 * next to Chinese characters (`注销 账号` reads as `注销账号`, `第三方 SDK 目录` as `第三方sdk目录`),
 * zero-width characters dropped, curly apostrophes made straight (`don’t agree`).
 *
 * NFKC is applied per character (a character's compatibility mapping, cached): canonical
 * composition across characters (a letter plus a combining accent) cannot change whether a
 * lexicon term matches, and per-character work keeps a map from each normalised position back to
 * the original text, which snippets and line numbers need.
 */

export interface NormalizedText {
  text: string;
  /** `map[i]` is the index in the original text of normalised code unit `i`. */
  map: Int32Array;
}

const charCache = new Map<number, string>();

/** Han ideographs, CJK punctuation, kana and full/half-width forms: no spaces are kept next to these. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0x00ad;
}

/** The normalised form of one non-ASCII character (a code point as a string). */
function normalizeChar(cp: number): string {
  let hit = charCache.get(cp);
  if (hit === undefined) {
    if (cp === 0x2018 || cp === 0x2019 || cp === 0x2032) hit = "'";
    else {
      hit = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
      if (/^\s+$/u.test(hit)) hit = ' ';
    }
    if (charCache.size < 65536) charCache.set(cp, hit);
  }
  return hit;
}

const NON_ASCII = /[^\u0000-\u007f]/;
const ODD_SPACE = /[\t\n\v\f\r]| {2}|^ | $/;

/** Whether a string is all ASCII (then it needs at most lower-casing and whitespace folding). */
export function isPlainAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/**
 * Characters the per-character path treats specially, so the whole-string fast path must not see
 * them: zero-width characters and the soft hyphen (dropped), curly apostrophes (straightened),
 * capital sigma (String.toLowerCase makes it final-sigma by context).
 */
const SPECIAL = /[\u00ad\u2018\u2019\u2032\u200b-\u200d\u2060\ufeff\u03a3]/;
const WHITESPACE_RUN = /\s+/g;

/** Normalised text only (the common case: most text matches nothing, and needs no map). */
export function normalize(s: string): string {
  if (isPlainAscii(s)) {
    // ASCII is NFKC-stable and never has Chinese neighbours to drop spaces for.
    const t = s.toLowerCase();
    return ODD_SPACE.test(t) ? t.replace(/[\t-\r ]+/g, ' ').trim() : t;
  }
  // Text NFKC leaves as it is (most translations) needs only lower case and whitespace, done on
  // the whole string by the engine; the per-character path gives the same result, slower.
  if (!SPECIAL.test(s) && s.normalize('NFKC') === s) {
    const t = s.toLowerCase();
    if (t.length === s.length) return WHITESPACE_RUN.test(t) ? foldSpaces(t) : t;
  }
  return normalizeWithMap(s).text;
}

/** Whitespace runs of lower-cased, NFKC-stable text: dropped at the ends and next to CJK, else one space. */
function foldSpaces(t: string): string {
  return t.replace(WHITESPACE_RUN, (run: string, at: number) => {
    const after = at + run.length;
    if (at === 0 || after === t.length) return '';
    const low = t.charCodeAt(at - 1);
    const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? (t.codePointAt(at - 2) as number) : low;
    return isCjk(before) || isCjk(t.codePointAt(after) as number) ? '' : ' ';
  });
}

/** Normalised text with the map back to the original (see the module comment). */
export function normalizeWithMap(s: string): NormalizedText {
  let units = new Uint16Array(s.length + 8);
  let map = new Int32Array(s.length + 8);
  let len = 0;
  /** Index in `s` of the first whitespace since the last emitted character, or -1. */
  let pendingSpace = -1;
  /** Whether anything was emitted, and whether the last character emitted is CJK. */
  let any = false;
  let prevCjk = false;
  /** Emits code point `cp` (from index `at` of `s`), with the space pending before it if it keeps one. */
  const emit = (cp: number, at: number): void => {
    if (len + 3 > units.length) {
      const u = new Uint16Array(units.length * 2);
      u.set(units);
      units = u;
      const m = new Int32Array(map.length * 2);
      m.set(map);
      map = m;
    }
    const cjk = isCjk(cp);
    if (pendingSpace >= 0) {
      if (any && !prevCjk && !cjk) {
        units[len] = 0x20;
        map[len++] = pendingSpace;
      }
      pendingSpace = -1;
    }
    if (cp > 0xffff) {
      units[len] = 0xd800 + ((cp - 0x10000) >> 10);
      map[len++] = at;
      units[len] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      map[len++] = at;
    } else {
      units[len] = cp;
      map[len++] = at;
    }
    any = true;
    prevCjk = cjk;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (isAsciiSpace(c)) {
        if (pendingSpace < 0) pendingSpace = i;
      } else emit(c >= 0x41 && c <= 0x5a ? c + 0x20 : c, i);
      continue;
    }
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      // Unified ideographs are NFKC-stable and have no case.
      emit(c, i);
      continue;
    }
    if (isZeroWidth(c)) continue;
    let cp = c;
    const start = i;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    for (const ch of normalizeChar(cp)) {
      const u = ch.codePointAt(0) as number;
      if (isAsciiSpace(u)) {
        if (pendingSpace < 0) pendingSpace = start;
      } else emit(u, start);
    }
  }
  return { text: fromUnits(units, len), map: map.subarray(0, len) };
}

/** String.fromCharCode takes its arguments on the stack: long texts are joined in pieces. */
function fromUnits(units: Uint16Array, len: number): string {
  if (len <= 8192) return String.fromCharCode.apply(null, units.subarray(0, len) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < len; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(len, i + 8192)) as unknown as number[]));
  return parts.join('');
}
