import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { PledgeError } from '../util/errors.js';

/**
 * Random access to the bytes of an input. Reading an APK never needs the whole file in memory:
 * the zip reader asks for the end record, the central directory and the entries a fact needs.
 */
export interface ByteSource {
  /** A short name for messages (the file's base name). */
  readonly name: string;
  readonly size: number;
  /** Exactly `len` bytes at `pos`; throws when the range is outside the source. */
  read(pos: number, len: number): Buffer;
  close(): void;
}

export class BufferSource implements ByteSource {
  readonly size: number;
  constructor(
    private readonly buf: Buffer,
    readonly name = 'buffer',
  ) {
    this.size = buf.length;
  }
  read(pos: number, len: number): Buffer {
    if (pos < 0 || len < 0 || pos + len > this.size) {
      throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `read of ${len} bytes at ${pos} is outside the ${this.size}-byte input`, { entry: this.name });
    }
    return this.buf.subarray(pos, pos + len);
  }
  close(): void {}
}

export class FileSource implements ByteSource {
  readonly name: string;
  readonly size: number;
  private fd: number | undefined;

  constructor(path: string) {
    this.name = basename(path);
    this.fd = openSync(path, 'r');
    try {
      const st = fstatSync(this.fd);
      if (!st.isFile()) throw new PledgeError('E_INPUT_UNREADABLE', 'not a regular file', { entry: this.name });
      this.size = st.size;
    } catch (e) {
      this.close();
      throw e;
    }
  }

  read(pos: number, len: number): Buffer {
    if (this.fd === undefined) throw new PledgeError('E_INPUT_UNREADABLE', 'source is closed', { entry: this.name });
    if (pos < 0 || len < 0 || pos + len > this.size) {
      throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `read of ${len} bytes at ${pos} is outside the ${this.size}-byte input`, { entry: this.name });
    }
    const out = Buffer.allocUnsafe(len);
    this.readInto(pos, out, len);
    return out;
  }

  /** Fills `out[0, len)` with the bytes at `pos` (a caller that walks the file reuses one buffer). */
  readInto(pos: number, out: Buffer, len: number): void {
    if (this.fd === undefined) throw new PledgeError('E_INPUT_UNREADABLE', 'source is closed', { entry: this.name });
    if (pos < 0 || len < 0 || len > out.length || pos + len > this.size) {
      throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `read of ${len} bytes at ${pos} is outside the ${this.size}-byte input`, { entry: this.name });
    }
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, out, done, len - done, pos + done);
      if (n === 0) throw new PledgeError('E_INPUT_UNREADABLE', `file shrank while reading (${pos + done} of ${this.size})`, { entry: this.name });
      done += n;
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
