import { inflatePrefix } from '../apk/inflate-prefix.js';
import { underlyingEntry } from '../apk/merged.js';
import type { ZipArchive } from '../apk/zip.js';
import { PledgeError } from '../util/errors.js';

/** The first bytes of an entry, read without inflating the rest. */
export interface EntryPrefix {
  /** At most `maxBytes` bytes from the start of the entry's data. */
  bytes: Buffer;
  /** True when the entry is longer than what was read. */
  truncated: boolean;
  /** The entry's size as the central directory declares it. */
  declaredSize: number;
}

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

/**
 * Reads at most `maxBytes` of an entry. Whole entries go through `zip.read` (CRC, inflated-total
 * accounting); longer ones are read here, because `ZipArchive.read` with `maxBytes` below the
 * size of a deflated entry fails (zlib's maxOutputLength throws instead of stopping) and, for a
 * stored one, records a W_LIMIT_PREFIX diagnostic that would be noise for a 64-byte header
 * read. The caller decides whether a cut is worth a diagnostic. Throws only PledgeError.
 */
export function readEntryPrefix(zip: ZipArchive, name: string, maxBytes: number): EntryPrefix {
  // An app made of several archives (split APKs, bundle modules): read from the part's own archive.
  const u = underlyingEntry(zip, name);
  if (u.zip !== zip) {
    try {
      return readEntryPrefix(u.zip, u.name, maxBytes);
    } catch (e) {
      throw e instanceof PledgeError ? e.withEntry(name) : e;
    }
  }
  const e = zip.entry(name);
  if (e === undefined) throw new PledgeError('E_ZIP_ENTRY_NOT_FOUND', `no entry named "${name}"`, { entry: name });
  const cap = Math.max(0, Math.floor(maxBytes));
  if (e.uncompressedSize <= cap) return { bytes: zip.read(name, { cache: false }), truncated: false, declaredSize: e.uncompressedSize };
  const off = zip.dataOffset(e);
  const end = zip.layout.cdOffset;
  if (e.method === METHOD_STORED) {
    if (off + cap > end) {
      throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `stored data [${off}, ${off + cap}) overlaps the central directory at ${end}`, { entry: name, offset: off });
    }
    return { bytes: zip.source.read(off, cap), truncated: true, declaredSize: e.uncompressedSize };
  }
  if (off + e.compressedSize > end) {
    throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `compressed data [${off}, ${off + e.compressedSize}) overlaps the central directory at ${end}`, { entry: name, offset: off });
  }
  // Deflate never needs more than about twice the output in input (Huffman-coded incompressible
  // data), so a large entry's compressed bytes are read only that far.
  const raw = zip.source.read(off, Math.min(e.compressedSize, 2 * cap + 4096));
  let bytes: Buffer;
  try {
    bytes = inflatePrefix(raw, cap);
  } catch (err) {
    // Unknown methods whose data is not deflate are read as stored, as androidfw reads them.
    if (e.method === METHOD_DEFLATED) throw err instanceof PledgeError ? err.withEntry(name) : err;
    if (off + cap > end) throw new PledgeError('E_ZIP_ENTRY_OUT_OF_BOUNDS', `data of "${name}" overlaps the central directory`, { entry: name, offset: off });
    bytes = zip.source.read(off, cap);
  }
  return { bytes, truncated: true, declaredSize: e.uncompressedSize };
}
