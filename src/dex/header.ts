import type { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';

/** sizeof(header_item) up to version 040; version 041 appends container_size and header_offset. */
export const DEX_HEADER_SIZE = 0x70;
export const DEX_HEADER_SIZE_V41 = 0x78;
export const ENDIAN_CONSTANT = 0x12345678;
export const REVERSE_ENDIAN_CONSTANT = 0x78563412;
/** NO_INDEX of the spec: "no superclass", "no source file". */
export const NO_INDEX = 0xffffffff;
/** First version whose file may be a container of several DEX files (libdexfile's kDexContainerVersion). */
export const DEX_CONTAINER_VERSION = 41;
export const MIN_DEX_VERSION = 35;
export const MAX_DEX_VERSION = 41;

const MAGIC = [0x64, 0x65, 0x78, 0x0a]; // "dex\n"

/** header_item of the DEX format (source.android.com/docs/core/runtime/dex-format#header-item). */
export interface DexHeader {
  /** Where this header starts in the buffer: 0, except for later DEX files of a v041 container. */
  start: number;
  /** 0x04 the three version digits of the magic as a number: 35, 37, 38, 39, 40 or 41. */
  version: number;
  /** 0x08 checksum: adler32 of the rest of the file after this field. */
  checksum: number;
  /** 0x0c signature: SHA-1 of the rest of the file after this field (20 bytes, a view). */
  signature: Uint8Array;
  /** 0x20 file_size: the whole file, or (v041) this DEX's part of the container. */
  fileSize: number;
  /** 0x24 header_size: 0x70, or 0x78 from v041. */
  headerSize: number;
  /** 0x28 endian_tag: ENDIAN_CONSTANT; the reverse constant means a byte-swapped file. */
  endianTag: number;
  /** 0x2c link_size and 0x30 link_off: static linking data, unused by Android. */
  linkSize: number;
  linkOff: number;
  /** 0x34 map_off: the map_list, in the data section. */
  mapOff: number;
  /** 0x38 string_ids_size, 0x3c string_ids_off */
  stringIdsSize: number;
  stringIdsOff: number;
  /** 0x40 type_ids_size (at most 65535), 0x44 type_ids_off */
  typeIdsSize: number;
  typeIdsOff: number;
  /** 0x48 proto_ids_size (at most 65535), 0x4c proto_ids_off */
  protoIdsSize: number;
  protoIdsOff: number;
  /** 0x50 field_ids_size, 0x54 field_ids_off */
  fieldIdsSize: number;
  fieldIdsOff: number;
  /** 0x58 method_ids_size, 0x5c method_ids_off */
  methodIdsSize: number;
  methodIdsOff: number;
  /** 0x60 class_defs_size, 0x64 class_defs_off */
  classDefsSize: number;
  classDefsOff: number;
  /** 0x68 data_size, 0x6c data_off: the data section (both 0 in a v041 container). */
  dataSize: number;
  dataOff: number;
  /** 0x70 container_size (v041): bytes of all DEX files of the container; 0 before v041. */
  containerSize: number;
  /** 0x74 header_offset (v041): this header's offset in the container; 0 before v041. */
  headerOffset: number;
}

/** The version of a DEX magic at `at`, or a typed error naming what is wrong with it. */
export function readDexVersion(c: ByteCursor, at: number): number {
  if (at + 8 > c.end) {
    throw new PledgeError('E_DEX_BAD_MAGIC', `${c.end - at} bytes are too few for a DEX magic`, { entry: c.entry, offset: at });
  }
  const buf = c.buf;
  for (let i = 0; i < 4; i++) {
    if (buf[at + i] !== MAGIC[i]) {
      const got = Array.from(buf.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new PledgeError('E_DEX_BAD_MAGIC', `not a DEX file: magic bytes are ${got}, not 64 65 78 0a ("dex\\n")`, { entry: c.entry, offset: at });
    }
  }
  let version = 0;
  for (let i = 4; i < 7; i++) {
    const d = buf[at + i] as number;
    if (d < 0x30 || d > 0x39) {
      throw new PledgeError('E_DEX_BAD_MAGIC', `DEX version byte 0x${d.toString(16)} at ${i} is not a digit`, { entry: c.entry, offset: at + i });
    }
    version = version * 10 + (d - 0x30);
  }
  if (buf[at + 7] !== 0) {
    throw new PledgeError('E_DEX_BAD_MAGIC', `DEX magic is not 0-terminated (byte 7 is 0x${(buf[at + 7] as number).toString(16)})`, { entry: c.entry, offset: at + 7 });
  }
  if (version < MIN_DEX_VERSION || version > MAX_DEX_VERSION) {
    throw new PledgeError('E_DEX_BAD_MAGIC', `unsupported DEX version ${String(version).padStart(3, '0')} (035 to 041 are known)`, {
      entry: c.entry,
      offset: at + 4,
    });
  }
  return version;
}

/**
 * Reads the header at `at` (0, or a v041 container's later header). Checks only what is needed to
 * read the rest at all: the magic, the endianness and that the fixed fields are present. The
 * fields' consistency with the file is checked by the parser, which knows the buffer.
 */
export function readDexHeader(c: ByteCursor, at = 0): DexHeader {
  const version = readDexVersion(c, at);
  const fixed = version >= DEX_CONTAINER_VERSION ? DEX_HEADER_SIZE_V41 : DEX_HEADER_SIZE;
  if (at + fixed > c.end) {
    throw new PledgeError('E_DEX_BAD_HEADER', `file ends ${c.end - at} bytes after the magic; a version ${version} header needs 0x${fixed.toString(16)}`, {
      entry: c.entry,
      offset: at,
    });
  }
  const endianTag = c.u32At(at + 0x28);
  if (endianTag !== ENDIAN_CONSTANT) {
    const msg =
      endianTag === REVERSE_ENDIAN_CONSTANT
        ? 'reverse-endian (byte-swapped) DEX files are not supported; Android never produces or loads them'
        : `endian tag is 0x${endianTag.toString(16)}, not 0x12345678`;
    throw new PledgeError('E_DEX_BAD_HEADER', msg, { entry: c.entry, offset: at + 0x28 });
  }
  const v41 = version >= DEX_CONTAINER_VERSION;
  return {
    start: at,
    version,
    checksum: c.u32At(at + 0x08),
    signature: c.bytesAt(at + 0x0c, 20),
    fileSize: c.u32At(at + 0x20),
    headerSize: c.u32At(at + 0x24),
    endianTag,
    linkSize: c.u32At(at + 0x2c),
    linkOff: c.u32At(at + 0x30),
    mapOff: c.u32At(at + 0x34),
    stringIdsSize: c.u32At(at + 0x38),
    stringIdsOff: c.u32At(at + 0x3c),
    typeIdsSize: c.u32At(at + 0x40),
    typeIdsOff: c.u32At(at + 0x44),
    protoIdsSize: c.u32At(at + 0x48),
    protoIdsOff: c.u32At(at + 0x4c),
    fieldIdsSize: c.u32At(at + 0x50),
    fieldIdsOff: c.u32At(at + 0x54),
    methodIdsSize: c.u32At(at + 0x58),
    methodIdsOff: c.u32At(at + 0x5c),
    classDefsSize: c.u32At(at + 0x60),
    classDefsOff: c.u32At(at + 0x64),
    dataSize: c.u32At(at + 0x68),
    dataOff: c.u32At(at + 0x6c),
    containerSize: v41 ? c.u32At(at + 0x70) : 0,
    headerOffset: v41 ? c.u32At(at + 0x74) : 0,
  };
}
