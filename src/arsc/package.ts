import {
  RES_STRING_POOL_TYPE,
  RES_TABLE_LIBRARY_TYPE,
  RES_TABLE_OVERLAYABLE_TYPE,
  RES_TABLE_STAGED_ALIAS_TYPE,
  RES_TABLE_TYPE_SPEC_TYPE,
  RES_TABLE_TYPE_TYPE,
  type ResChunkHeader,
} from '../axml/chunk.js';
import { StringPool } from '../axml/string-pool.js';
import { PledgeError } from '../util/errors.js';
import { formatQualifiers, readResConfig } from './config.js';
import { FLAG_OFFSET16, FLAG_SPARSE, type TypeChunk } from './type-chunk.js';

export type { TypeChunk } from './type-chunk.js';
import { readUtf16Fixed, walkChunks, type ArscContext } from './walk.js';

/** Chunk types inside a package that Android knows and we skip (ResourceTypes.h, Android 16). */
export const RES_TABLE_FLAGGED_TYPE = 0x0207;

/** ResTable_package without typeIdOffset (older aapt), and with it. */
const PACKAGE_HEADER_MIN = 284;
const PACKAGE_HEADER_SIZE = 288;
const TYPE_SPEC_HEADER_SIZE = 16;
/** kResTableTypeMinSize: the type header up to and including config.size. */
const TYPE_HEADER_MIN = 24;
const TYPE_CONFIG_AT = 20;
const LIB_HEADER_SIZE = 12;
const LIB_ENTRY_SIZE = 260;

/** ResTable_package (after its ResChunk_header). */
export interface PackageHeader {
  /** 0x08 id: 0x7f for apps, 0x01 for the framework, 0x00 for a shared library */
  id: number;
  /** 0x0c name[128]: UTF-16, NUL-terminated */
  name: string;
  /** 0x10c typeStrings: offset of the type-name pool from the package start */
  typeStrings: number;
  /** 0x110 lastPublicType */
  lastPublicType: number;
  /** 0x114 keyStrings: offset of the key-name pool from the package start */
  keyStrings: number;
  /** 0x118 lastPublicKey */
  lastPublicKey: number;
  /** 0x11c typeIdOffset: added to type chunk ids to form resource IDs (0 when the header is older) */
  typeIdOffset: number;
}

export function readPackageHeader(ctx: ArscContext, h: ResChunkHeader): PackageHeader {
  const c = ctx.c;
  const at = h.start;
  if (h.headerSize < PACKAGE_HEADER_MIN) ctx.fail(`package header size ${h.headerSize} is below ${PACKAGE_HEADER_MIN}`, at);
  return {
    id: c.u32At(at + 0x08),
    name: readUtf16Fixed(c, at + 0x0c, 128),
    typeStrings: c.u32At(at + 0x10c),
    lastPublicType: c.u32At(at + 0x110),
    keyStrings: c.u32At(at + 0x114),
    lastPublicKey: c.u32At(at + 0x118),
    typeIdOffset: h.headerSize >= PACKAGE_HEADER_SIZE ? c.u32At(at + 0x11c) : 0,
  };
}

/** ResTable_typeSpec (after its ResChunk_header). */
export interface TypeSpecHeader {
  /** 0x08 id: the type, 1-based index into the type-name pool */
  id: number;
  /** 0x0a typesCount: number of ResTable_type chunks (0 in older tables) */
  typesCount: number;
  /** 0x0c entryCount: uint32 configuration masks that follow */
  entryCount: number;
}

export function readTypeSpecHeader(ctx: ArscContext, h: ResChunkHeader): TypeSpecHeader {
  const c = ctx.c;
  if (h.headerSize < TYPE_SPEC_HEADER_SIZE) ctx.fail(`type spec header size ${h.headerSize} is below ${TYPE_SPEC_HEADER_SIZE}`, h.start);
  // 0x09 res0
  return { id: c.u8At(h.start + 0x08), typesCount: c.u16At(h.start + 0x0a), entryCount: c.u32At(h.start + 0x0c) };
}

/** ResTable_type: one configuration's entries of one type. Entries themselves are read on lookup. */
export function readTypeChunk(ctx: ArscContext, h: ResChunkHeader): TypeChunk {
  const c = ctx.c;
  const at = h.start;
  if (h.headerSize < TYPE_HEADER_MIN) ctx.fail(`type header size ${h.headerSize} is below ${TYPE_HEADER_MIN}`, at);
  const id = c.u8At(at + 0x08);
  const flags = c.u8At(at + 0x09);
  // 0x0a reserved
  const entryCount = c.u32At(at + 0x0c);
  const entriesStart = c.u32At(at + 0x10);
  // VerifyResTableType: each failure makes Android reject the table.
  if (id === 0) ctx.fail('type chunk has id 0', at);
  if (entryCount > 0xffff) ctx.fail(`type chunk has ${entryCount} entries, above 65535`, at);
  // Sparse pairs are 4 bytes even when FLAG_OFFSET16 is also set (Android would then check 2
  // and read 4 per entry); 16-bit dense offsets are 2.
  const offsetsLength = (flags & FLAG_OFFSET16 && !(flags & FLAG_SPARSE) ? 2 : 4) * entryCount;
  if (h.headerSize > entriesStart || entriesStart - h.headerSize < offsetsLength) {
    ctx.fail(`type chunk entry offsets (${entryCount} from 0x${h.headerSize.toString(16)}) overlap the entries at 0x${entriesStart.toString(16)}`, at);
  }
  if (entriesStart > h.size) ctx.fail(`type chunk entries start at 0x${entriesStart.toString(16)}, past the ${h.size}-byte chunk`, at);
  if (entriesStart & 3) ctx.fail(`type chunk entries start at unaligned offset 0x${entriesStart.toString(16)}`, at);
  const configSize = c.u32At(at + TYPE_CONFIG_AT);
  if (configSize > h.headerSize - TYPE_CONFIG_AT) {
    ctx.odd(`type 0x${id.toString(16)} config declares ${configSize} bytes, the header holds ${h.headerSize - TYPE_CONFIG_AT}`, at + TYPE_CONFIG_AT);
  }
  const config = Object.freeze(readResConfig(c, at + TYPE_CONFIG_AT, h.size - TYPE_CONFIG_AT));
  return { start: at, size: h.size, headerSize: h.headerSize, id, flags, entryCount, entriesStart, config, qualifiers: formatQualifiers(config) };
}

/** A type spec and the type chunks (configurations) that belong to it, in table order. */
export interface TypeSpec {
  /** Type id as stored in the chunks; the resource ID's type byte is id + typeIdOffset. */
  id: number;
  /** Entries declared by the spec. */
  entryCount: number;
  types: TypeChunk[];
}

/** ResTable_lib_entry: a shared library the package references by a build-time package ID. */
export interface LibraryEntry {
  /** 0x00 packageId: build-time ID of the library */
  packageId: number;
  /** 0x04 packageName[128] */
  packageName: string;
}

export interface LoadedPackage {
  /** Offset of the package chunk. */
  start: number;
  id: number;
  name: string;
  typeIdOffset: number;
  typeStrings: StringPool;
  keyStrings: StringPool;
  /** Type specs by type id (as stored). */
  specs: Map<number, TypeSpec>;
  /** RES_TABLE_LIBRARY_TYPE: the dynamic reference table. */
  libraries: LibraryEntry[];
}

/** StringPool throws AXML codes; inside resources.arsc the same defects are table defects. */
export function readArscPool(ctx: ArscContext, h: ResChunkHeader, what: string): StringPool {
  // A count whose index cannot fit the chunk is a broken pool, not a large one (E_LIMIT_*).
  if (h.headerSize >= 20) {
    const indexed = ctx.c.u32At(h.start + 8) + ctx.c.u32At(h.start + 12);
    if (indexed * 4 > h.size - h.headerSize) ctx.fail(`${what}: ${indexed} string and style offsets cannot fit its ${h.size} bytes`, h.start);
  }
  try {
    return StringPool.read(ctx.c, h, ctx.limits.maxStringPoolEntries, ctx.diags);
  } catch (e) {
    if (e instanceof PledgeError && e.code === 'E_AXML_BAD_STRING_POOL') ctx.fail(`${what}: ${e.message}`, h.start);
    throw e;
  }
}

function readLibraries(ctx: ArscContext, h: ResChunkHeader): LibraryEntry[] {
  const c = ctx.c;
  if (h.headerSize < LIB_HEADER_SIZE) ctx.fail(`library chunk header size ${h.headerSize} is below ${LIB_HEADER_SIZE}`, h.start);
  const count = c.u32At(h.start + 0x08);
  if (Math.floor((h.size - h.headerSize) / LIB_ENTRY_SIZE) < count) ctx.fail(`library chunk declares ${count} entries, too many for its ${h.size} bytes`, h.start);
  const out: LibraryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = h.start + h.headerSize + i * LIB_ENTRY_SIZE;
    const packageId = c.u32At(at);
    const packageName = readUtf16Fixed(c, at + 4, 128);
    if (packageId >= 0xff) ctx.fail(`library entry ${JSON.stringify(packageName.slice(0, 60))} has package ID 0x${packageId.toString(16)}, above 0xfe`, at);
    out.push({ packageId, packageName });
  }
  return out;
}

/**
 * LoadedPackage::Load: the package header, its type and key pools, type specs and their type
 * chunks (indexed, not decoded), and the dynamic reference table. Overlayable, overlayable
 * policy and staged-alias chunks are skipped, as they do not change what a lookup returns.
 */
export function loadPackage(ctx: ArscContext, h: ResChunkHeader): LoadedPackage {
  const c = ctx.c;
  const header = readPackageHeader(ctx, h);
  if (header.typeIdOffset > 0xff) ctx.fail(`package type ID offset ${header.typeIdOffset} is above 255`, h.start);
  let id = header.id;
  if (id > 0xff) {
    ctx.odd(`package ID 0x${id.toString(16)} does not fit the 8 bits of a resource ID; 0x${(id & 0xff).toString(16)} used`, h.start + 8);
    id &= 0xff;
  }
  let typeStrings: StringPool | undefined;
  let keyStrings: StringPool | undefined;
  const specs = new Map<number, TypeSpec>();
  const libraries: LibraryEntry[] = [];
  const what = `package 0x${id.toString(16)}`;

  walkChunks(ctx, h.start + h.headerSize, h.start + h.size, what, (child) => {
    switch (child.type) {
      case RES_STRING_POOL_TYPE:
        if (child.start === h.start + header.typeStrings) typeStrings = readArscPool(ctx, child, 'type-name pool');
        else if (child.start === h.start + header.keyStrings) keyStrings = readArscPool(ctx, child, 'key-name pool');
        else ctx.odd(`${what} has a string pool that is neither its type nor its key pool; ignored`, child.start);
        break;
      case RES_TABLE_TYPE_SPEC_TYPE: {
        const spec = readTypeSpecHeader(ctx, child);
        if (spec.id === 0) ctx.fail('type spec has id 0', child.start);
        if (header.typeIdOffset + spec.id > 0xff) ctx.fail(`type spec id ${spec.id} plus offset ${header.typeIdOffset} is above 255`, child.start);
        if (spec.entryCount > 0xffff) ctx.fail(`type spec has ${spec.entryCount} entries, above 65535`, child.start);
        if (spec.entryCount * 4 > child.size - child.headerSize) ctx.fail(`type spec declares ${spec.entryCount} entries, too many for its ${child.size} bytes`, child.start);
        if (specs.has(spec.id)) ctx.odd(`type spec 0x${spec.id.toString(16)} defined twice; the second is ignored, as Android ignores it`, child.start);
        else specs.set(spec.id, { id: spec.id, entryCount: spec.entryCount, types: [] });
        break;
      }
      case RES_TABLE_TYPE_TYPE: {
        const type = readTypeChunk(ctx, child);
        const spec = specs.get(type.id);
        if (spec === undefined) ctx.fail(`type chunk 0x${type.id.toString(16)} has no preceding type spec`, child.start);
        spec.types.push(type);
        break;
      }
      case RES_TABLE_LIBRARY_TYPE:
        libraries.push(...readLibraries(ctx, child));
        break;
      case RES_TABLE_OVERLAYABLE_TYPE:
      case RES_TABLE_STAGED_ALIAS_TYPE:
        break; // RRO and SDK-finalisation metadata; lookups do not depend on them
      case RES_TABLE_FLAGGED_TYPE:
        ctx.odd(`${what} has a feature-flagged chunk; its types depend on a runtime flag and are skipped`, child.start);
        break;
      default:
        ctx.odd(`unknown chunk type 0x${child.type.toString(16)} in ${what} skipped`, child.start);
    }
  });

  if (typeStrings === undefined) {
    ctx.odd(`${what} has no type-name pool at offset 0x${header.typeStrings.toString(16)}`, h.start);
    typeStrings = StringPool.empty(c);
  }
  if (keyStrings === undefined) {
    ctx.odd(`${what} has no key-name pool at offset 0x${header.keyStrings.toString(16)}`, h.start);
    keyStrings = StringPool.empty(c);
  }
  for (const spec of specs.values()) {
    if (spec.id > typeStrings.count) ctx.odd(`type id 0x${spec.id.toString(16)} has no name: the type-name pool holds ${typeStrings.count}`, h.start);
  }
  return { start: h.start, id, name: header.name, typeIdOffset: header.typeIdOffset, typeStrings, keyStrings, specs, libraries };
}
