import type { ByteSource } from '../apk/source.js';
import { ByteCursor } from '../util/cursor.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';

/**
 * The APK Signing Block (source.android.com/docs/security/features/apksigning/v2), which sits
 * between the last entry's data and the central directory:
 *
 *   0x00        uint64  size of block in bytes, excluding this field
 *   0x08        pairs:  uint64 length (of id + value), uint32 id, value
 *   end - 0x18  uint64  size of block (same as at 0x00)
 *   end - 0x10  16 bytes magic "APK Sig Block 42"
 *
 * Located the way Android's ApkSigningBlockUtils.findApkSigningBlock does it: the 24-byte footer
 * right before the central directory, then the header the footer's size points at.
 */

export const APK_SIG_BLOCK_MAGIC = 'APK Sig Block 42';
/** Footer: uint64 size + 16-byte magic. */
const FOOTER_SIZE = 24;
/** Smallest block: header size field + footer, no pairs. */
const MIN_BLOCK_SIZE = 8 + FOOTER_SIZE;

export const APK_SIGNATURE_SCHEME_V2_BLOCK_ID = 0x7109871a;
export const APK_SIGNATURE_SCHEME_V3_BLOCK_ID = 0xf05368c0;
export const APK_SIGNATURE_SCHEME_V31_BLOCK_ID = 0x1b93ad61;
export const SOURCE_STAMP_V1_BLOCK_ID = 0x2b09189e;
export const SOURCE_STAMP_V2_BLOCK_ID = 0x6dff800d;
export const VERITY_PADDING_BLOCK_ID = 0x42726577;

/** IDs this reader interprets (or, for padding, knows to be meaningless). */
export const KNOWN_BLOCK_IDS: ReadonlySet<number> = new Set([
  APK_SIGNATURE_SCHEME_V2_BLOCK_ID,
  APK_SIGNATURE_SCHEME_V3_BLOCK_ID,
  APK_SIGNATURE_SCHEME_V31_BLOCK_ID,
  SOURCE_STAMP_V1_BLOCK_ID,
  SOURCE_STAMP_V2_BLOCK_ID,
  VERITY_PADDING_BLOCK_ID,
]);

/**
 * Largest block read into memory. Real blocks are a few KiB (tens with Play frosting and channel
 * data); a hostile size field could otherwise make us read most of a 2 GB file.
 */
export const MAX_SIGNING_BLOCK_BYTES = LIMITS.signingBlockBytes.value;
/** Pairs walked per block; real blocks have fewer than ten. */
export const MAX_SIGNING_BLOCK_PAIRS = LIMITS.signingBlockPairs.value;

export interface SigningBlockPair {
  /** 0x08 uint32 ID. */
  id: number;
  /** Offset of the value in the block buffer. */
  valueOffset: number;
  /** Bytes of value (the pair's uint64 length minus the 4-byte ID). */
  valueLength: number;
}

export interface SigningBlock {
  /** The whole block, header size field to magic. */
  bytes: Uint8Array;
  /** Offset of the block in the APK. */
  offset: number;
  /** Pairs in block order, as far as they could be walked. */
  pairs: SigningBlockPair[];
  /** The block is damaged in a way that makes Android ignore it (header and footer sizes disagree). */
  malformed: boolean;
}

/** The value bytes of a pair (a view into the block). */
export function pairValue(block: SigningBlock, pair: SigningBlockPair): Uint8Array {
  return block.bytes.subarray(pair.valueOffset, pair.valueOffset + pair.valueLength);
}

function magicAt(buf: Uint8Array, at: number): boolean {
  for (let i = 0; i < APK_SIG_BLOCK_MAGIC.length; i++) {
    if (buf[at + i] !== APK_SIG_BLOCK_MAGIC.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Finds the block before the central directory at `cdOffset`. Returns undefined when there is no
 * footer magic (an APK signed with v1 only, or unsigned); throws PledgeError('E_SIG_MALFORMED')
 * when a footer is there but the block it describes cannot be (sizes that disagree, a block that
 * would start before the file). Anomalies inside the block are diagnostics, see parseSigningBlock.
 */
export function findSigningBlock(source: ByteSource, cdOffset: number, diags?: DiagnosticSink): SigningBlock | undefined {
  if (cdOffset < MIN_BLOCK_SIZE || cdOffset > source.size) return undefined;
  const footerAt = cdOffset - FOOTER_SIZE;
  const footer = source.read(footerAt, FOOTER_SIZE);
  if (!magicAt(footer, 8)) return undefined;
  // 0x00 size of block (footer copy)
  const sizeInFooter = new ByteCursor(footer, 'E_SIG_MALFORMED').u64At(0);
  if (sizeInFooter < FOOTER_SIZE) {
    throw new PledgeError('E_SIG_MALFORMED', `APK Signing Block size ${sizeInFooter} in the footer is smaller than the footer`, { offset: footerAt });
  }
  const total = sizeInFooter + 8;
  if (total > cdOffset) {
    throw new PledgeError('E_SIG_MALFORMED', `APK Signing Block of ${total} bytes would start before the file (central directory at ${cdOffset})`, { offset: footerAt });
  }
  if (total > MAX_SIGNING_BLOCK_BYTES) {
    const message = `APK Signing Block of ${total} bytes is above the ${MAX_SIGNING_BLOCK_BYTES}-byte limit (signingBlockBytes); not read, v2+ signatures cannot be read`;
    if (diags === undefined) throw new PledgeError('E_SIG_MALFORMED', message, { offset: footerAt });
    diags.add('W_LIMIT_SIGNATURE', message, undefined, footerAt);
    return undefined;
  }
  const offset = cdOffset - total;
  const bytes = source.read(offset, total);
  return parseSigningBlock(bytes, offset, diags);
}

/**
 * Walks the pairs of a block held in `bytes` (header size field to magic). A header size that
 * differs from the footer size is a diagnostic and marks the block malformed. A pair whose length
 * is below 4 or runs past the pairs area ends the walk with a diagnostic, keeping the pairs before
 * it (Android stops at the first pair with the ID it looks for, so earlier pairs are what it
 * would have used).
 */
export function parseSigningBlock(bytes: Uint8Array, offset: number, diags?: DiagnosticSink): SigningBlock {
  const c = new ByteCursor(bytes, 'E_SIG_MALFORMED');
  if (bytes.length < MIN_BLOCK_SIZE || !magicAt(bytes, bytes.length - 16)) {
    throw new PledgeError('E_SIG_MALFORMED', `APK Signing Block of ${bytes.length} bytes has no footer magic`, { offset });
  }
  const sizeInHeader = c.view.getBigUint64(0, true);
  const sizeInFooter = c.u64At(bytes.length - FOOTER_SIZE);
  if (sizeInFooter + 8 !== bytes.length) {
    throw new PledgeError('E_SIG_MALFORMED', `APK Signing Block declares ${sizeInFooter + 8} bytes, ${bytes.length} given`, { offset });
  }
  let malformed = false;
  if (sizeInHeader !== BigInt(sizeInFooter)) {
    // Android stops here (no block, so no v2+ signature); the pairs are still where the footer
    // says, so we read them and report their schemes as present but malformed.
    diags?.add('W_SIG_MALFORMED', `APK Signing Block sizes in header (${sizeInHeader}) and footer (${sizeInFooter}) do not match; Android ignores the block`, undefined, offset);
    malformed = true;
  }
  const pairs: SigningBlockPair[] = [];
  const end = bytes.length - FOOTER_SIZE;
  let p = 8;
  while (p < end) {
    if (pairs.length >= MAX_SIGNING_BLOCK_PAIRS) {
      diags?.add('W_LIMIT_SIGNATURE', `APK Signing Block has more than ${MAX_SIGNING_BLOCK_PAIRS} pairs (signingBlockPairs); the rest were not read`, undefined, offset + p);
      break;
    }
    const left = end - p;
    if (left < 8) {
      diags?.add('W_SIG_MALFORMED', `APK Signing Block pair #${pairs.length + 1}: ${left} stray bytes cannot hold a pair length`, undefined, offset + p);
      break;
    }
    // 0x00 uint64 length of id + value
    const declared = c.view.getBigUint64(p, true);
    const length = declared > BigInt(left) ? Number.POSITIVE_INFINITY : Number(declared);
    if (length < 4 || length > left - 8) {
      diags?.add('W_SIG_MALFORMED', `APK Signing Block pair #${pairs.length + 1}: length ${declared} is below 4 or runs past the block (${left - 8} bytes left)`, undefined, offset + p);
      break;
    }
    // 0x08 uint32 id
    pairs.push({ id: c.u32At(p + 8), valueOffset: p + 12, valueLength: length - 4 });
    p += 8 + length;
  }
  return { bytes, offset, pairs, malformed };
}
