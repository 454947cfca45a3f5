import { PledgeError, type ErrorCode } from './errors.js';

/**
 * Little-endian reader over one buffer, bounded to [start, end). Every read goes through `need`,
 * the single bounds check, which throws a PledgeError carrying the area's out-of-bounds code.
 * One DataView per buffer: building one per read is the slow path binary readers fall into.
 */
export class ByteCursor {
  readonly buf: Uint8Array;
  readonly view: DataView;
  readonly start: number;
  readonly end: number;
  pos: number;

  constructor(
    buf: Uint8Array,
    readonly code: ErrorCode,
    readonly entry?: string,
    start = 0,
    end = buf.length,
    view?: DataView,
  ) {
    if (start < 0 || end > buf.length || start > end) {
      throw new PledgeError(code, `bad bounds [${start}, ${end}) over ${buf.length} bytes`, { entry, offset: start });
    }
    this.buf = buf;
    this.view = view ?? new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.start = start;
    this.end = end;
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** The one bounds check: [at, at+n) must lie inside this cursor's window. */
  need(at: number, n: number, what = 'read'): void {
    if (!(n >= 0) || at < this.start || at > this.end || n > this.end - at) {
      throw new PledgeError(this.code, `${what} of ${n} bytes at 0x${at.toString(16)} runs past the end (0x${this.end.toString(16)})`, {
        entry: this.entry,
        offset: at,
      });
    }
  }

  seek(at: number): this {
    this.need(at, 0, 'seek');
    this.pos = at;
    return this;
  }

  skip(n: number): this {
    this.need(this.pos, n, 'skip');
    this.pos += n;
    return this;
  }

  u8At(at: number): number {
    this.need(at, 1);
    return this.buf[at] as number;
  }
  u16At(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }
  u32At(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }
  i32At(at: number): number {
    this.need(at, 4);
    return this.view.getInt32(at, true);
  }
  /** 64-bit value as a number; values above 2^53 are rejected, no real file needs them. */
  u64At(at: number): number {
    this.need(at, 8);
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi >= 0x200000) {
      throw new PledgeError(this.code, `64-bit value at 0x${at.toString(16)} exceeds 2^53`, { entry: this.entry, offset: at });
    }
    return hi * 0x100000000 + lo;
  }

  u8(): number {
    const v = this.u8At(this.pos);
    this.pos += 1;
    return v;
  }
  u16(): number {
    const v = this.u16At(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    const v = this.u32At(this.pos);
    this.pos += 4;
    return v;
  }
  i32(): number {
    const v = this.i32At(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): number {
    const v = this.u64At(this.pos);
    this.pos += 8;
    return v;
  }

  /** A view (no copy) of n bytes at the position. */
  bytes(n: number): Uint8Array {
    this.need(this.pos, n, 'bytes');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  bytesAt(at: number, n: number): Uint8Array {
    this.need(at, n, 'bytes');
    return this.buf.subarray(at, at + n);
  }

  /** A child cursor bounded to [at, at+n), sharing buffer and DataView. */
  slice(at: number, n: number): ByteCursor {
    this.need(at, n, 'slice');
    return new ByteCursor(this.buf, this.code, this.entry, at, at + n, this.view);
  }

  uleb128(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    throw new PledgeError(this.code, `ULEB128 longer than 5 bytes at 0x${(this.pos - 5).toString(16)}`, { entry: this.entry, offset: this.pos - 5 });
  }

  sleb128(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (shift < 32 && (b & 0x40) !== 0) result |= -1 << shift;
        return result | 0;
      }
    }
    throw new PledgeError(this.code, `SLEB128 longer than 5 bytes at 0x${(this.pos - 5).toString(16)}`, { entry: this.entry, offset: this.pos - 5 });
  }
}
