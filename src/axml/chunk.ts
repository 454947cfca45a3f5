import type { ByteCursor } from '../util/cursor.js';
import { PledgeError, type ErrorCode } from '../util/errors.js';

/** Chunk types of frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h. */
export const RES_NULL_TYPE = 0x0000;
export const RES_STRING_POOL_TYPE = 0x0001;
export const RES_TABLE_TYPE = 0x0002;
export const RES_XML_TYPE = 0x0003;
export const RES_XML_FIRST_CHUNK_TYPE = 0x0100;
export const RES_XML_START_NAMESPACE_TYPE = 0x0100;
export const RES_XML_END_NAMESPACE_TYPE = 0x0101;
export const RES_XML_START_ELEMENT_TYPE = 0x0102;
export const RES_XML_END_ELEMENT_TYPE = 0x0103;
export const RES_XML_CDATA_TYPE = 0x0104;
export const RES_XML_LAST_CHUNK_TYPE = 0x017f;
export const RES_XML_RESOURCE_MAP_TYPE = 0x0180;
export const RES_TABLE_PACKAGE_TYPE = 0x0200;
export const RES_TABLE_TYPE_TYPE = 0x0201;
export const RES_TABLE_TYPE_SPEC_TYPE = 0x0202;
export const RES_TABLE_LIBRARY_TYPE = 0x0203;
export const RES_TABLE_OVERLAYABLE_TYPE = 0x0204;
export const RES_TABLE_OVERLAYABLE_POLICY_TYPE = 0x0205;
export const RES_TABLE_STAGED_ALIAS_TYPE = 0x0206;

/** ResChunk_header: every resource chunk starts with it. */
export interface ResChunkHeader {
  /** Absolute offset of the chunk in its buffer. */
  start: number;
  /** 0x00 type */
  type: number;
  /** 0x02 headerSize: bytes up to the chunk's data */
  headerSize: number;
  /** 0x04 size: bytes of header and data */
  size: number;
}

export function readChunkHeader(c: ByteCursor, at: number): ResChunkHeader {
  return { start: at, type: c.u16At(at), headerSize: c.u16At(at + 2), size: c.u32At(at + 4) };
}

/**
 * androidfw's validate_chunk: header at least `minHeader` bytes, header inside the chunk, both
 * 4-aligned, chunk inside [start, end). Returns a reason when invalid so that callers can decide
 * between Android's two behaviours (reject the document, or stop walking).
 */
export function chunkProblem(h: ResChunkHeader, minHeader: number, end: number): string | undefined {
  if (h.headerSize < minHeader) return `header size ${h.headerSize} is below ${minHeader}`;
  if (h.headerSize > h.size) return `size ${h.size} is smaller than header size ${h.headerSize}`;
  if (((h.headerSize | h.size) & 3) !== 0) return `size 0x${h.size.toString(16)} or header size 0x${h.headerSize.toString(16)} is not 4-aligned`;
  if (h.size > end - h.start) return `size 0x${h.size.toString(16)} extends beyond the data end (0x${(end - h.start).toString(16)} left)`;
  return undefined;
}

export function requireValidChunk(h: ResChunkHeader, minHeader: number, end: number, code: ErrorCode, what: string, entry?: string): void {
  const problem = chunkProblem(h, minHeader, end);
  if (problem !== undefined) {
    throw new PledgeError(code, `${what} chunk type 0x${h.type.toString(16)}: ${problem}`, { entry, offset: h.start });
  }
}
