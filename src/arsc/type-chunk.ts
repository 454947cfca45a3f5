import type { ResConfig } from './config.js';

/** ResTable_type flags. */
export const FLAG_SPARSE = 0x01;
export const FLAG_OFFSET16 = 0x02;

/** A ResTable_type chunk header, read once (src/arsc/package.ts) and used to walk its entries (src/arsc/entry.ts). */
export interface TypeChunk {
  /** Absolute offset of the chunk. */
  start: number;
  /** Chunk size (the bound every entry is checked against) and header size (where offsets start). */
  size: number;
  headerSize: number;
  /** 0x08 id: the type */
  id: number;
  /** 0x09 flags: FLAG_SPARSE 0x01, FLAG_OFFSET16 0x02 */
  flags: number;
  /** 0x0c entryCount: offsets (dense) or (index, offset) pairs (sparse) that follow the header */
  entryCount: number;
  /** 0x10 entriesStart: offset of the entry data from the chunk start */
  entriesStart: number;
  /** 0x14 config */
  config: Readonly<ResConfig>;
  /** The config as a qualifier string, computed once. */
  qualifiers: string;
}
