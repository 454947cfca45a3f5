import { inflatePrefix } from './inflate-prefix.js';
import { inflateRaw, inflateRawSync, crc32, type ZlibOptions } from 'node:zlib';
import type { ByteSource } from './source.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { quoteName } from '../util/escape.js';
import { type Limits, DEFAULT_LIMITS } from '../util/limits.js';

/**
 * A zip reader that reads APKs the way Android's libziparchive and androidfw do, so that what we
 * audit is what the device installs:
 * - the end record is the last EOCD signature in the final 64 KiB, as Android scans backwards;
 * - the central directory is authoritative for method, sizes and CRC; a local header only
 *   supplies the name and extra lengths that locate the data, and any disagreement is recorded;
 * - the general-purpose "encrypted" bit is ignored (Android ignores it, droppers set it to break
 *   analysis tools);
 * - an unknown method is inflated when the data is deflate (libziparchive, apksig) and read as
 *   stored otherwise (androidfw's ZipAssetsProvider).
 */

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CD_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CD_FIXED = 46;
const LFH_FIXED = 30;
const MAX_COMMENT = 0xffff;

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;

export interface ZipEntry {
  /** Entry name as UTF-8 (Android requires UTF-8 names). */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Offset of the entry's central-directory record. */
  readonly cdRecordOffset: number;
  /** True for names ending in '/': directories carry no data. */
  readonly isDirectory: boolean;
}

export interface ZipOptions {
  limits?: Limits;
  diagnostics?: DiagnosticSink;
}

/** Where the central directory and end record sit: the signing block lives right before the CD. */
export interface ZipLayout {
  readonly cdOffset: number;
  readonly cdSize: number;
  readonly eocdOffset: number;
  readonly zip64: boolean;
  readonly comment: Uint8Array;
  /** Lowest local-header offset: bytes before it are not part of any entry. */
  readonly firstEntryOffset: number;
}

export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly layout: ZipLayout;
  readonly diagnostics: DiagnosticSink;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly cache = new Map<string, Buffer>();
  private readonly dataOffsets = new Map<ZipEntry, number>();
  private inflatedTotal = 0;
  private readonly limits: Limits;

  constructor(
    readonly source: ByteSource,
    options: ZipOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.diagnostics = options.diagnostics ?? new DiagnosticSink(this.limits.maxDiagnostics);
    const { layout, entries } = readCentralDirectory(source, this.limits, this.diagnostics);
    this.layout = layout;
    this.entries = entries;
    let duplicates = 0;
    for (const e of entries) {
      if (this.byName.has(e.name)) {
        if (duplicates++ < 20) {
          this.diagnostics.add('W_ZIP_DUPLICATE_ENTRY', `duplicate entry ${quoteName(e.name)}; the first one is read`, e.name, e.cdRecordOffset);
        }
        continue;
      }
      this.byName.set(e.name, e);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** Names of the entries, in central-directory order, duplicates removed. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Total bytes inflated so far for this app (all reads, cached or not). */
  get bytesInflated(): number {
    return this.inflatedTotal;
  }

  /**
   * The entry's bytes, inflated once: later reads of the same name return the cached buffer.
   * `cache: false` is for one-pass scans (assets) that must not keep every file alive.
   */
  read(name: string, opts: { cache?: boolean; maxBytes?: number } = {}): Buffer {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const e = this.require(name);
    const plan = this.plan(e, opts.maxBytes);
    let data: Buffer;
    if (plan.stored) {
      data = plan.raw;
    } else {
      try {
        data = plan.cap < e.uncompressedSize ? this.inflateCapped(e, plan.raw, plan.cap) : this.inflateSync(e, plan.raw, plan.cap);
      } catch (err) {
        data = this.storedFallback(e, err, plan.cap);
      }
    }
    return this.finish(e, data, plan.cap, opts.cache !== false);
  }

  /** As `read`, but inflates on the libuv thread pool so several entries inflate at once. */
  async readAsync(name: string, opts: { cache?: boolean; maxBytes?: number } = {}): Promise<Buffer> {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const e = this.require(name);
    const plan = this.plan(e, opts.maxBytes);
    let data: Buffer;
    if (plan.stored) {
      data = plan.raw;
    } else {
      try {
        data =
          plan.cap < e.uncompressedSize
            ? this.inflateCapped(e, plan.raw, plan.cap)
            : await new Promise<Buffer>((resolve, reject) => {
                inflateRaw(plan.raw, inflateOptions(plan.cap), (err, out) => {
                  if (err) reject(inflateError(e, err));
                  else resolve(out);
                });
              });
      } catch (err) {
        data = this.storedFallback(e, err, plan.cap);
      }
    }
    return this.finish(e, data, plan.cap, opts.cache !== false);
  }

  /** Offset of the entry's data in the file (after its local header). */
  dataOffset(e: ZipEntry): number {
    const known = this.dataOffsets.get(e);
    if (known !== undefined) return known;
    const off = resolveDataOffset(this.source, e, this.layout, this.diagnostics);
    this.dataOffsets.set(e, off);
    return off;
  }

  /**
   * Android reads an entry with an unknown method two ways: androidfw (manifest, resources) maps it
   * as stored, libziparchive and apksig (code, signatures) inflate it. We inflate first and fall
   * back to stored bytes, so that both kinds of tampered APK read as they do on a device.
   */
  private storedFallback(e: ZipEntry, err: unknown, cap: number): Buffer {
    if (e.method === METHOD_STORED || e.method === METHOD_DEFLATED) throw err;
    const n = Math.min(e.uncompressedSize, cap);
    const off = this.dataOffset(e);
    if (off + n > this.layout.cdOffset) throw err;
    this.diagnostics.add('W_ZIP_UNKNOWN_METHOD', `compression method ${e.method}: data is not deflate, read as stored (as androidfw reads it)`, e.name);
    return this.source.read(off, n);
  }

  private require(name: string): ZipEntry {
    const e = this.byName.get(name);
    if (e === undefined) throw new PledgeError('E_ZIP_ENTRY_NOT_FOUND', `no entry named ${quoteName(name)}`, { entry: name });
    return e;
  }

  private plan(e: ZipEntry, maxBytes: number | undefined): { raw: Buffer; stored: boolean; cap: number } {
    const limit = Math.min(this.limits.maxEntryBytes, maxBytes ?? Infinity);
    if (e.uncompressedSize > this.limits.maxEntryBytes) {
      throw new PledgeError('E_LIMIT_ENTRY_SIZE', `entry declares ${e.uncompressedSize} bytes, above the per-entry limit of ${this.limits.maxEntryBytes}`, { entry: e.name });
    }
    if (this.inflatedTotal + Math.min(e.uncompressedSize, limit) > this.limits.maxTotalInflatedBytes) {
      throw new PledgeError('E_LIMIT_TOTAL_SIZE', `reading this entry would exceed the per-app total of ${this.limits.maxTotalInflatedBytes} inflated bytes`, { entry: e.name });
    }
    const stored = isStored(e, this.diagnostics);
    const off = this.dataOffset(e);
    if (stored) {
      // Android maps uncompressed_length bytes for a stored entry, whatever the compressed size says.
      const n = Math.min(e.uncompressedSize, limit);
      if (off + n > this.layout.cdOffset) {
        throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `stored data [${off}, ${off + n}) overlaps the central directory at ${this.layout.cdOffset}`, { entry: e.name, offset: off });
      }
      return { raw: this.source.read(off, n), stored: true, cap: n };
    }
    if (e.uncompressedSize > this.limits.ratioFloorBytes && e.uncompressedSize / Math.max(1, e.compressedSize) > this.limits.maxCompressionRatio) {
      throw new PledgeError('E_LIMIT_RATIO', `entry inflates ${e.compressedSize} to ${e.uncompressedSize} bytes, above the ${this.limits.maxCompressionRatio}:1 ratio limit`, { entry: e.name });
    }
    if (off + e.compressedSize > this.layout.cdOffset) {
      throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `compressed data [${off}, ${off + e.compressedSize}) overlaps the central directory at ${this.layout.cdOffset}`, { entry: e.name, offset: off });
    }
    return { raw: this.source.read(off, e.compressedSize), stored: false, cap: Math.min(e.uncompressedSize, limit) };
  }

  /**
   * The first `cap` bytes of a longer deflated entry: zlib's output limit throws rather than
   * stopping, so prefixes of the compressed stream are inflated until the output reaches the cap.
   */
  private inflateCapped(e: ZipEntry, raw: Buffer, cap: number): Buffer {
    try {
      return inflatePrefix(raw, cap);
    } catch (err) {
      throw err instanceof PledgeError ? err.withEntry(e.name) : inflateError(e, err);
    }
  }

  private inflateSync(e: ZipEntry, raw: Buffer, cap: number): Buffer {
    try {
      return inflateRawSync(raw, inflateOptions(cap));
    } catch (err) {
      throw inflateError(e, err);
    }
  }

  private finish(e: ZipEntry, data: Buffer, cap: number, cache: boolean): Buffer {
    if (data.length > cap) {
      // Only reachable when the stream holds more than the central directory declares.
      throw new PledgeError('E_ZIP_SIZE_MISMATCH', `entry inflates past its declared ${e.uncompressedSize} bytes`, { entry: e.name });
    }
    const truncated = cap < e.uncompressedSize;
    if (!truncated && data.length !== e.uncompressedSize) {
      throw new PledgeError('E_ZIP_SIZE_MISMATCH', `entry inflates to ${data.length} bytes, the central directory declares ${e.uncompressedSize}`, { entry: e.name });
    }
    if (truncated) {
      this.diagnostics.add('W_LIMIT_PREFIX', `entry read up to ${cap} of ${e.uncompressedSize} bytes`, e.name);
    } else if (crc32(data) >>> 0 !== e.crc32 >>> 0) {
      this.diagnostics.add('W_ZIP_BAD_CRC', `CRC-32 is ${(crc32(data) >>> 0).toString(16)}, the central directory says ${(e.crc32 >>> 0).toString(16)}`, e.name);
    }
    this.inflatedTotal += data.length;
    if (this.inflatedTotal > this.limits.maxTotalInflatedBytes) {
      throw new PledgeError('E_LIMIT_TOTAL_SIZE', `inflated entries exceed the per-app total of ${this.limits.maxTotalInflatedBytes} bytes`, { entry: e.name });
    }
    if (cache && !truncated) this.cache.set(e.name, data);
    return data;
  }
}

const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 32 * 1024 * 1024;

function inflateOptions(cap: number): ZlibOptions {
  // One byte over the declared size lets us tell "exactly as declared" from "more than declared".
  // An output chunk as large as the declared size spares zlib joining many 16 KiB chunks (a full
  // copy of every DEX file otherwise).
  return { maxOutputLength: Math.max(1, cap + 1), chunkSize: Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, cap + 1)) };
}

function inflateError(e: ZipEntry, err: unknown): PledgeError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/maxOutputLength|ERR_BUFFER_TOO_LARGE|Cannot create a Buffer larger/i.test(msg)) {
    return new PledgeError('E_ZIP_SIZE_MISMATCH', `entry inflates past its declared ${e.uncompressedSize} bytes`, { entry: e.name });
  }
  return new PledgeError('E_ZIP_INFLATE', `cannot inflate: ${msg}`, { entry: e.name });
}

/** Unknown methods are tried as deflate first (see storedFallback). */
function isStored(e: ZipEntry, diags: DiagnosticSink): boolean {
  if (e.method === METHOD_STORED) return true;
  if (e.method !== METHOD_DEFLATED) diags.add('W_ZIP_UNKNOWN_METHOD', `unknown compression method ${e.method}: inflated if the data is deflate, else read as stored`, e.name);
  return false;
}

export function openZip(source: ByteSource, options: ZipOptions = {}): ZipArchive {
  return new ZipArchive(source, options);
}

function readCentralDirectory(source: ByteSource, limits: Limits, diags: DiagnosticSink): { layout: ZipLayout; entries: ZipEntry[] } {
  const size = source.size;
  if (size < EOCD_SIZE) {
    throw new PledgeError('E_ZIP_NO_EOCD', `file is ${size} bytes, too short to be a zip`, { entry: source.name });
  }
  const tailLen = Math.min(size, MAX_COMMENT + EOCD_SIZE);
  const tailStart = size - tailLen;
  const tail = source.read(tailStart, tailLen);
  let at = -1;
  for (let i = tailLen - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && tail.readUInt32LE(i) === EOCD_SIG) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw new PledgeError('E_ZIP_NO_EOCD', 'no end-of-central-directory record: not a zip file, or truncated', { entry: source.name });
  }
  const eocdOffset = tailStart + at;
  const diskNumber = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const entriesOnDisk = tail.readUInt16LE(at + 8);
  let entryCount = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  const commentLength = tail.readUInt16LE(at + 20);
  const commentEnd = eocdOffset + EOCD_SIZE + commentLength;
  if (commentEnd !== size) {
    diags.add(
      'W_ZIP_COMMENT_GARBAGE',
      commentEnd > size ? `comment length ${commentLength} runs ${commentEnd - size} bytes past the end of the file` : `${size - commentEnd} bytes after the end record and its comment`,
      undefined,
      eocdOffset,
    );
  }
  const comment = tail.subarray(at + EOCD_SIZE, Math.min(tailLen, at + EOCD_SIZE + commentLength));

  let zip64 = false;
  let cdEnd = eocdOffset;
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocdOffset - 20;
    if (loc >= 0 && source.read(loc, 4).readUInt32LE(0) === EOCD64_LOCATOR_SIG) {
      const locator = source.read(loc, 20);
      if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1) {
        throw new PledgeError('E_ZIP_MULTI_DISK', 'ZIP64 locator names another disk', { entry: source.name, offset: loc });
      }
      const recOffset = readU64(locator, 8, 'ZIP64 end record offset');
      if (recOffset + 56 > loc) throw new PledgeError('E_ZIP64_BAD', `ZIP64 end record offset ${recOffset} is out of bounds`, { entry: source.name, offset: loc });
      const rec = source.read(recOffset, 56);
      if (rec.readUInt32LE(0) !== EOCD64_SIG) {
        throw new PledgeError('E_ZIP64_BAD', `invalid ZIP64 end-of-central-directory record signature 0x${rec.readUInt32LE(0).toString(16)}`, { entry: source.name, offset: recOffset });
      }
      if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0) {
        throw new PledgeError('E_ZIP_MULTI_DISK', 'multi-disk zip files are not supported', { entry: source.name, offset: recOffset });
      }
      entryCount = readU64(rec, 32, 'ZIP64 entry count');
      cdSize = readU64(rec, 40, 'ZIP64 central directory size');
      cdOffset = readU64(rec, 48, 'ZIP64 central directory offset');
      zip64 = true;
      cdEnd = recOffset;
    } else if (entryCount !== 0xffff) {
      // 0xffffffff is a legal 32-bit size/offset only with a ZIP64 locator present.
      throw new PledgeError('E_ZIP64_BAD', 'end record marks ZIP64 values but no ZIP64 locator precedes it', { entry: source.name, offset: eocdOffset });
    }
  } else if (diskNumber !== 0 || cdDisk !== 0 || entriesOnDisk !== entryCount) {
    throw new PledgeError('E_ZIP_MULTI_DISK', `multi-disk zip files are not supported (disk ${diskNumber}, central directory on disk ${cdDisk})`, { entry: source.name, offset: eocdOffset });
  }

  if (cdOffset + cdSize > cdEnd) {
    throw new PledgeError('E_ZIP_BAD_EOCD', `central directory [${cdOffset}, ${cdOffset + cdSize}) runs past the end record at ${cdEnd}`, { entry: source.name, offset: eocdOffset });
  }
  if (cdOffset + cdSize < cdEnd) {
    diags.add('W_ZIP_COMMENT_GARBAGE', `${cdEnd - cdOffset - cdSize} bytes between the central directory and the end record`, undefined, cdOffset + cdSize);
  }
  if (entryCount > limits.maxZipEntries) {
    throw new PledgeError('E_LIMIT_ENTRIES', `archive declares ${entryCount} entries, above the limit of ${limits.maxZipEntries}`, { entry: source.name });
  }
  if (entryCount * CD_FIXED > cdSize) {
    throw new PledgeError('E_ZIP_BAD_EOCD', `${entryCount} entries cannot fit in a ${cdSize}-byte central directory`, { entry: source.name, offset: eocdOffset });
  }

  const cd = source.read(cdOffset, cdSize);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipEntry[] = new Array<ZipEntry>(entryCount);
  let p = 0;
  let encrypted = 0;
  let oddNames = 0;
  let firstEntryOffset = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + CD_FIXED > cd.length) {
      throw new PledgeError('E_ZIP_BAD_CD', `central directory ends inside record ${i} of ${entryCount}`, { entry: source.name, offset: cdOffset + p });
    }
    const sig = cd.readUInt32LE(p);
    if (sig !== CD_SIG) {
      throw new PledgeError('E_ZIP_BAD_CD', `invalid central directory file header signature: 0x${sig.toString(16)}`, { entry: source.name, offset: cdOffset + p });
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const diskStart = cd.readUInt16LE(p + 34);
    let lho = cd.readUInt32LE(p + 42);
    const recEnd = p + CD_FIXED + nameLen + extraLen + commentLen;
    if (recEnd > cd.length) {
      throw new PledgeError('E_ZIP_BAD_CD', `central directory record ${i} (name ${nameLen}, extra ${extraLen}, comment ${commentLen} bytes) runs past the directory`, {
        entry: source.name,
        offset: cdOffset + p,
      });
    }
    const nameBytes = cd.subarray(p + CD_FIXED, p + CD_FIXED + nameLen);
    const name = decoder.decode(nameBytes);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || lho === 0xffffffff || diskStart === 0xffff) {
      const z = readZip64Extra(cd, p + CD_FIXED + nameLen, extraLen, {
        usize: uncompressedSize === 0xffffffff,
        csize: compressedSize === 0xffffffff,
        lho: lho === 0xffffffff,
        disk: diskStart === 0xffff,
      }, source.name, cdOffset + p, name);
      if (z.usize !== undefined) uncompressedSize = z.usize;
      if (z.csize !== undefined) compressedSize = z.csize;
      if (z.lho !== undefined) lho = z.lho;
    } else if (diskStart !== 0) {
      throw new PledgeError('E_ZIP_MULTI_DISK', `entry ${quoteName(name)} starts on disk ${diskStart}`, { entry: source.name, offset: cdOffset + p });
    }
    if (lho >= cdOffset) {
      throw new PledgeError('E_ZIP_BAD_CD', `local header offset ${lho} of ${quoteName(name)} is not before the central directory at ${cdOffset}`, { entry: source.name, offset: cdOffset + p });
    }
    if ((flags & FLAG_ENCRYPTED) !== 0) encrypted++;
    if (isSuspiciousName(name, nameBytes) && oddNames++ < 20) {
      diags.add('W_ZIP_SUSPICIOUS_NAME', `entry name ${quoteName(name)} is absolute, escapes with "..", or holds a NUL, backslash or invalid UTF-8`, name, cdOffset + p);
    }
    if (lho < firstEntryOffset) firstEntryOffset = lho;
    entries[i] = {
      name,
      method,
      flags,
      crc32: crc,
      compressedSize,
      uncompressedSize,
      localHeaderOffset: lho,
      cdRecordOffset: cdOffset + p,
      isDirectory: name.endsWith('/'),
    };
    p = recEnd;
  }
  if (encrypted > 0) {
    diags.add('W_ZIP_ENCRYPTED_FLAG', `${encrypted} entries set the "encrypted" flag; ignored as Android ignores it (an anti-analysis trick)`);
  }
  if (entryCount > 0 && firstEntryOffset > 0) {
    diags.add('W_ZIP_PREPENDED_DATA', `${firstEntryOffset} bytes precede the first entry`, undefined, 0);
  }
  return { layout: { cdOffset, cdSize, eocdOffset, zip64, comment, firstEntryOffset: entryCount > 0 ? firstEntryOffset : cdOffset }, entries };
}

function readU64(buf: Buffer, at: number, what: string): number {
  const lo = buf.readUInt32LE(at);
  const hi = buf.readUInt32LE(at + 4);
  if (hi >= 0x200000) throw new PledgeError('E_ZIP64_BAD', `${what} exceeds 2^53`);
  return hi * 0x100000000 + lo;
}

function readZip64Extra(
  cd: Buffer,
  start: number,
  len: number,
  want: { usize: boolean; csize: boolean; lho: boolean; disk: boolean },
  file: string,
  recOffset: number,
  name: string,
): { usize?: number; csize?: number; lho?: number } {
  let p = start;
  const end = start + len;
  while (p + 4 <= end) {
    const id = cd.readUInt16LE(p);
    const size = cd.readUInt16LE(p + 2);
    const dataStart = p + 4;
    if (dataStart + size > end) {
      throw new PledgeError('E_ZIP_BAD_CD', `extra field of ${quoteName(name)} runs past its record`, { entry: file, offset: recOffset });
    }
    if (id === 0x0001) {
      let q = dataStart;
      const out: { usize?: number; csize?: number; lho?: number } = {};
      const take = (what: string): number => {
        if (q + 8 > dataStart + size) {
          throw new PledgeError('E_ZIP64_BAD', `zip64 extended information extra field of ${quoteName(name)} does not include the ${what}`, { entry: file, offset: recOffset });
        }
        const v = readU64(cd, q, what);
        q += 8;
        return v;
      };
      if (want.usize) out.usize = take('uncompressed size');
      if (want.csize) out.csize = take('compressed size');
      if (want.lho) out.lho = take('local header offset');
      if (want.disk) {
        if (q + 4 > dataStart + size || cd.readUInt32LE(q) !== 0) {
          throw new PledgeError('E_ZIP_MULTI_DISK', `entry ${quoteName(name)} starts on another disk`, { entry: file, offset: recOffset });
        }
      }
      return out;
    }
    p = dataStart + size;
  }
  throw new PledgeError('E_ZIP64_BAD', `entry ${quoteName(name)} needs a zip64 extended information extra field and has none`, { entry: file, offset: recOffset });
}

function isSuspiciousName(name: string, bytes: Uint8Array): boolean {
  return (
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\u0000') ||
    name.includes('\ufffd') ||
    name.split('/').includes('..') ||
    bytes.length === 0
  );
}

function resolveDataOffset(source: ByteSource, e: ZipEntry, layout: ZipLayout, diags: DiagnosticSink): number {
  if (e.localHeaderOffset + LFH_FIXED > layout.cdOffset) {
    throw new PledgeError('E_ZIP_BAD_LFH', `local header at ${e.localHeaderOffset} overlaps the central directory`, { entry: e.name, offset: e.localHeaderOffset });
  }
  const h = source.read(e.localHeaderOffset, LFH_FIXED);
  const sig = h.readUInt32LE(0);
  if (sig !== LFH_SIG) {
    throw new PledgeError('E_ZIP_BAD_LFH', `invalid local file header signature: 0x${sig.toString(16)}`, { entry: e.name, offset: e.localHeaderOffset });
  }
  const flags = h.readUInt16LE(6);
  const method = h.readUInt16LE(8);
  const crc = h.readUInt32LE(14);
  const csize = h.readUInt32LE(18);
  const usize = h.readUInt32LE(22);
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  const dataOffset = e.localHeaderOffset + LFH_FIXED + nameLen + extraLen;
  if (dataOffset > layout.cdOffset) {
    throw new PledgeError('E_ZIP_BAD_LFH', `local header name and extra fields run into the central directory`, { entry: e.name, offset: e.localHeaderOffset });
  }
  const differences: string[] = [];
  if (method !== e.method) differences.push(`method ${method} vs ${e.method}`);
  const lfhName = source.read(e.localHeaderOffset + LFH_FIXED, nameLen).toString('utf8');
  if (lfhName !== e.name) differences.push(`name ${JSON.stringify(lfhName.slice(0, 80))}`);
  if ((flags & FLAG_DATA_DESCRIPTOR) === 0 && csize !== 0xffffffff && usize !== 0xffffffff) {
    if (crc !== e.crc32) differences.push('CRC-32');
    if (csize !== e.compressedSize) differences.push(`compressed size ${csize} vs ${e.compressedSize}`);
    if (usize !== e.uncompressedSize) differences.push(`uncompressed size ${usize} vs ${e.uncompressedSize}`);
  }
  if ((flags & FLAG_DATA_DESCRIPTOR) !== (e.flags & FLAG_DATA_DESCRIPTOR)) differences.push('data-descriptor flag');
  if (differences.length > 0) {
    diags.add('W_ZIP_LFH_MISMATCH', `local header disagrees with the central directory (${differences.join(', ')}); central directory used`, e.name, e.localHeaderOffset);
  }
  return dataOffset;
}
