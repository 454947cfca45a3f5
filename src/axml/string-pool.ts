import type { ByteCursor } from '../util/cursor.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { safeBound } from '../util/limits.js';
import type { ResChunkHeader } from './chunk.js';

const UTF8_FLAG = 0x100;
const POOL_HEADER_SIZE = 28;

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf16 = new TextDecoder('utf-16le', { fatal: false });

/**
 * ResStringPool: the strings of a binary XML document or of resources.arsc. Strings are decoded
 * on first use (an ARSC pool can hold 10^5 strings of which a rule reads a handful). Validation
 * follows androidfw's ResStringPool::setTo; a string that runs past the pool or lacks its
 * terminator is repaired and recorded, where Android would return null for that one string.
 */
export class StringPool {
  readonly count: number;
  readonly isUtf8: boolean;
  private readonly offsets: Uint32Array;
  private readonly stringsStart: number;
  private readonly poolEnd: number;
  private readonly decoded: (string | undefined)[];
  private reported = 0;

  private constructor(
    private readonly c: ByteCursor,
    count: number,
    isUtf8: boolean,
    offsets: Uint32Array,
    stringsStart: number,
    poolEnd: number,
    private readonly diags: DiagnosticSink | undefined,
  ) {
    this.count = count;
    this.isUtf8 = isUtf8;
    this.offsets = offsets;
    this.stringsStart = stringsStart;
    this.poolEnd = poolEnd;
    this.decoded = new Array<string | undefined>(count);
  }

  static empty(c: ByteCursor): StringPool {
    return new StringPool(c, 0, false, new Uint32Array(0), 0, 0, undefined);
  }

  /** Parses the pool header of chunk `h` (already checked to lie inside `c`). */
  static read(c: ByteCursor, h: ResChunkHeader, maxEntries: number, diags?: DiagnosticSink): StringPool {
    const entry = c.entry;
    if (h.headerSize < POOL_HEADER_SIZE) {
      throw new PledgeError('E_AXML_BAD_STRING_POOL', `string pool header size ${h.headerSize} is below ${POOL_HEADER_SIZE}`, { entry, offset: h.start });
    }
    const stringCount = c.u32At(h.start + 8);
    const styleCount = c.u32At(h.start + 12);
    const flags = c.u32At(h.start + 16);
    const stringsStart = c.u32At(h.start + 20);
    const stylesStart = c.u32At(h.start + 24);
    const size = h.size;
    safeBound(stringCount, maxEntries, 'E_LIMIT_STRING_POOL', 'string pool string count (maxStringPoolEntries)', entry);
    safeBound(styleCount, maxEntries, 'E_LIMIT_STRING_POOL', 'string pool style count (maxStringPoolEntries)', entry);
    const isUtf8 = (flags & UTF8_FLAG) !== 0;
    const charSize = isUtf8 ? 1 : 2;
    if (stringCount === 0) return new StringPool(c, 0, isUtf8, new Uint32Array(0), 0, 0, diags);
    if (h.headerSize + stringCount * 4 > size) {
      throw new PledgeError('E_AXML_BAD_STRING_POOL', `string index of ${stringCount} entries extends past the ${size}-byte pool`, { entry, offset: h.start });
    }
    if (stringsStart >= size - 2) {
      throw new PledgeError('E_AXML_BAD_STRING_POOL', `strings start at ${stringsStart}, after the ${size}-byte pool`, { entry, offset: h.start });
    }
    let poolBytes: number;
    if (styleCount === 0) {
      poolBytes = size - stringsStart;
    } else {
      if (h.headerSize + (stringCount + styleCount) * 4 > size) {
        throw new PledgeError('E_AXML_BAD_STRING_POOL', `style index of ${styleCount} entries extends past the pool`, { entry, offset: h.start });
      }
      if (stylesStart >= size - 2 || stylesStart <= stringsStart) {
        // Android rejects the pool here; a valid string area is still recoverable up to the end.
        diags?.add('W_AXML_STYLES_IGNORED', `styles start at ${stylesStart}, not between strings (${stringsStart}) and pool end (${size})`, entry, h.start);
        poolBytes = size - stringsStart;
      } else {
        poolBytes = stylesStart - stringsStart;
      }
    }
    poolBytes -= poolBytes % charSize;
    if (poolBytes <= 0) {
      throw new PledgeError('E_AXML_BAD_STRING_POOL', 'string pool holds strings but has no string data', { entry, offset: h.start });
    }
    const offsets = new Uint32Array(stringCount);
    const base = h.start + h.headerSize;
    for (let i = 0; i < stringCount; i++) offsets[i] = c.u32At(base + i * 4);
    return new StringPool(c, stringCount, isUtf8, offsets, h.start + stringsStart, h.start + stringsStart + poolBytes, diags);
  }

  /** The string at `idx`, or undefined for 0xffffffff and out-of-range indices (as Android). */
  get(idx: number): string | undefined {
    if (idx < 0 || idx >= this.count) return undefined;
    const hit = this.decoded[idx];
    if (hit !== undefined) return hit;
    const s = this.decode(idx);
    this.decoded[idx] = s;
    return s;
  }

  private repair(idx: number, why: string): void {
    if (this.reported++ < 20) this.diags?.add('W_AXML_BAD_STRING', `string #${idx} ${why}`, this.c.entry, this.stringsStart);
  }

  private decode(idx: number): string {
    const at = this.stringsStart + (this.offsets[idx] as number);
    const end = this.poolEnd;
    const buf = this.c.buf;
    if (at >= end) {
      this.repair(idx, `starts at 0x${at.toString(16)}, past the pool end`);
      return '';
    }
    if (this.isUtf8) {
      let p = at;
      // UTF-16 length first (unused), then UTF-8 byte length; each 1 or 2 bytes.
      if (p >= end) return '';
      p += (buf[p] as number) & 0x80 ? 2 : 1;
      if (p >= end) {
        this.repair(idx, 'has a truncated length');
        return '';
      }
      let len = buf[p] as number;
      if (len & 0x80) {
        if (p + 1 >= end) {
          this.repair(idx, 'has a truncated length');
          return '';
        }
        len = ((len & 0x7f) << 8) | (buf[p + 1] as number);
        p += 2;
      } else {
        p += 1;
      }
      if (p + len > end) {
        this.repair(idx, `runs past the pool end; cut to ${end - p} bytes`);
        len = end - p;
      } else if (p + len === end || buf[p + len] !== 0) {
        this.repair(idx, 'is not 0-terminated');
      }
      return utf8.decode(buf.subarray(p, p + len));
    }
    let p = at;
    if (p + 2 > end) {
      this.repair(idx, 'has a truncated length');
      return '';
    }
    let len = this.c.view.getUint16(p, true);
    p += 2;
    if (len & 0x8000) {
      if (p + 2 > end) {
        this.repair(idx, 'has a truncated length');
        return '';
      }
      len = ((len & 0x7fff) << 16) | this.c.view.getUint16(p, true);
      p += 2;
    }
    if (p + len * 2 > end) {
      const fit = Math.floor((end - p) / 2);
      this.repair(idx, `runs past the pool end; cut to ${fit} characters`);
      len = fit;
    } else if (p + len * 2 + 2 > end || this.c.view.getUint16(p + len * 2, true) !== 0) {
      this.repair(idx, 'is not 0-terminated');
    }
    return utf16.decode(buf.subarray(p, p + len * 2));
  }
}
