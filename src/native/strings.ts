/** A run of text found in binary data: bytes [offset, end). */
export interface BinaryRun {
  offset: number;
  end: number;
  encoding: 'utf8' | 'utf16le';
}

/** A run of text found in binary data, decoded. */
export interface BinaryString {
  /** Byte offset of the run's first byte. */
  offset: number;
  text: string;
  encoding: 'utf8' | 'utf16le';
}

export interface BinaryStringOptions {
  /** Shortest UTF-8 run kept, in bytes (as `strings -n`: 4, which keeps two-character Chinese words). */
  minBytes?: number;
  /** Stop after this many runs (the result then says `truncated`). */
  maxStrings?: number;
  /** Longer runs are cut into pieces of this many bytes. */
  maxRunBytes?: number;
  /**
   * Byte ranges in which to also find UTF-16LE runs holding Chinese (at even offsets): Dart's AOT
   * snapshot in Flutter's libapp.so keeps strings with characters above U+00FF as UTF-16
   * (TwoByteString), one-byte ones as Latin-1. Only the snapshot data, never a whole library:
   * machine code and ASCII tables read as UTF-16 are full of code units in the Han range.
   */
  utf16Ranges?: readonly { start: number; end: number }[];
}

export interface BinaryStrings {
  strings: BinaryString[];
  truncated: boolean;
}

export interface BinaryRuns {
  runs: BinaryRun[];
  truncated: boolean;
}

const DEFAULT_MIN_BYTES = 4;
const DEFAULT_MAX_STRINGS = 200_000;
const DEFAULT_MAX_RUN = 4096;
/** A UTF-16 run needs this many Han characters (two-character words are the shortest terms). */
const MIN_UTF16_HAN = 2;

/**
 * Printable text in binary data, as `strings` finds it but UTF-8 aware, so that Chinese literals
 * survive: a run is a maximal sequence of printable ASCII (and tab) and well-formed multi-byte
 * UTF-8 sequences of printable characters. Bounded by `maxStrings` and `maxRunBytes`; linear in
 * the input.
 */
export function binaryStrings(bytes: Uint8Array, opts: BinaryStringOptions = {}): BinaryStrings {
  const { runs, truncated } = binaryRuns(bytes, opts);
  return { strings: runs.map((r) => ({ offset: r.offset, text: decodeRun(bytes, r), encoding: r.encoding })), truncated };
}

/** The text of a run. */
export function decodeRun(bytes: Uint8Array, r: BinaryRun): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(r.encoding, r.offset, r.end);
}

/** As binaryStrings, without decoding: callers that skip most runs decode only the ones they keep. */
export function binaryRuns(bytes: Uint8Array, opts: BinaryStringOptions = {}): BinaryRuns {
  const minBytes = Math.max(1, opts.minBytes ?? DEFAULT_MIN_BYTES);
  const maxStrings = opts.maxStrings ?? DEFAULT_MAX_STRINGS;
  const maxRun = Math.max(minBytes, opts.maxRunBytes ?? DEFAULT_MAX_RUN);
  const buf = bytes;
  const out: BinaryRun[] = [];
  let truncated = false;
  const n = buf.length;
  let start = -1;
  const flush = (end: number): void => {
    if (start >= 0 && end - start >= minBytes) {
      if (out.length >= maxStrings) truncated = true;
      else out.push({ offset: start, end, encoding: 'utf8' });
    }
    start = -1;
  };
  let i = 0;
  while (i < n && !truncated) {
    const b = buf[i] as number;
    let len = 0;
    if (b < 0x80) {
      len = (b >= 0x20 && b < 0x7f) || b === 0x09 ? 1 : 0;
    } else if (b >= 0xc2 && b <= 0xf4) {
      len = utf8SequenceLength(buf, i, b, n);
    }
    if (len === 0) {
      flush(i);
      i++;
      continue;
    }
    if (start < 0) start = i;
    else if (i + len - start > maxRun) {
      flush(i);
      start = i;
    }
    i += len;
  }
  if (!truncated) flush(i);
  for (const r of opts.utf16Ranges ?? []) {
    if (truncated) break;
    truncated = utf16Runs(buf, Math.max(0, r.start), Math.min(n, r.end), out, maxStrings, maxRun);
  }
  return { runs: out, truncated };
}

/** Length of the printable, well-formed UTF-8 sequence at `i` (lead byte `b`), or 0. */
function utf8SequenceLength(buf: Uint8Array, i: number, b: number, n: number): number {
  const c1 = buf[i + 1] ?? 0;
  if (b < 0xe0) {
    if (i + 1 >= n || (c1 & 0xc0) !== 0x80) return 0;
    const cp = ((b & 0x1f) << 6) | (c1 & 0x3f);
    // C1 controls are not text.
    return cp >= 0xa0 ? 2 : 0;
  }
  const c2 = buf[i + 2] ?? 0;
  if (b < 0xf0) {
    if (i + 2 >= n || (c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80) return 0;
    if (b === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (b === 0xed && c1 >= 0xa0) return 0; // surrogate
    const cp = ((b & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
    if (cp === 0xfffe || cp === 0xffff || (cp >= 0xfdd0 && cp <= 0xfdef)) return 0;
    return 3;
  }
  const c3 = buf[i + 3] ?? 0;
  if (i + 3 >= n || (c1 & 0xc0) !== 0x80 || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return 0;
  if (b === 0xf0 && c1 < 0x90) return 0; // overlong
  if (b === 0xf4 && c1 >= 0x90) return 0; // above U+10FFFF
  return 4;
}

function isHan(u: number): boolean {
  return (u >= 0x4e00 && u <= 0x9fff) || (u >= 0x3400 && u <= 0x4dbf) || (u >= 0xf900 && u <= 0xfaff);
}

/** Characters a Chinese UI string is made of: Han, CJK and full-width punctuation, printable ASCII. */
function isUtf16Text(u: number): boolean {
  return (u >= 0x20 && u < 0x7f) || isHan(u) || (u >= 0x3000 && u <= 0x303f) || (u >= 0xff01 && u <= 0xff5e) || (u >= 0x2018 && u <= 0x201d) || u === 0x2026;
}

/**
 * Appends the UTF-16LE runs of buf[from, to) that have at least MIN_UTF16_HAN Han characters and
 * do not read as ASCII text (a run whose code units mostly have two printable ASCII bytes is
 * one-byte text seen at the wrong width); true when maxStrings stopped it.
 */
function utf16Runs(buf: Uint8Array, from: number, to: number, out: BinaryRun[], maxStrings: number, maxRun: number): boolean {
  let start = -1;
  let han = 0;
  let ascii = 0;
  let units = 0;
  /** Ends the current run at `end`; true when the run could not be kept for maxStrings. */
  const flush = (end: number): boolean => {
    const keep = start >= 0 && han >= MIN_UTF16_HAN && ascii * 2 <= units;
    const runStart = start;
    start = -1;
    han = 0;
    ascii = 0;
    units = 0;
    if (!keep) return false;
    if (out.length >= maxStrings) return true;
    out.push({ offset: runStart, end, encoding: 'utf16le' });
    return false;
  };
  let i = from + (from & 1);
  for (; i + 1 < to; i += 2) {
    const lo = buf[i] as number;
    const hi = buf[i + 1] as number;
    const u = lo | (hi << 8);
    if (!isUtf16Text(u)) {
      if (flush(i)) return true;
      continue;
    }
    if (start >= 0 && i + 2 - start > maxRun && flush(i)) return true;
    if (start < 0) start = i;
    units++;
    if (isHan(u)) han++;
    if (lo >= 0x20 && lo < 0x7f && hi >= 0x20 && hi < 0x7f) ascii++;
  }
  return flush(i);
}
