import { Buffer } from 'node:buffer';
import { ByteCursor } from '../util/cursor.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { type ErrorCode, PledgeError } from '../util/errors.js';
import { type Limits, DEFAULT_LIMITS, LIMITS, safeBound } from '../util/limits.js';
import { adler32, sha1 } from './checksum.js';
import { CLASS_DEF_SIZE, type ClassData, type ClassDef, type EncodedMethod, indexError, readClassData, readClassDef, readTypeList } from './class-def.js';
import { CODE_ITEM_HEADER_SIZE, type CodeItem, readCodeItem } from './code-item.js';
import { DEX_CONTAINER_VERSION, DEX_HEADER_SIZE, DEX_HEADER_SIZE_V41, type DexHeader, NO_INDEX, readDexHeader } from './header.js';
import { checkMapList, type MapItem, readMapList } from './map-list.js';
import { decodeMutf8, mutf8End } from './mutf8.js';

export interface ParseDexOptions {
  /** APK entry name ("classes2.dex"), for errors and diagnostics. */
  entry: string;
  diagnostics?: DiagnosticSink;
  limits?: Limits;
  /** Where the header is: 0, or (v041 containers) the offset of a later DEX's header. */
  headerOffset?: number;
  /** Check the adler32 checksum and SHA-1 signature (mismatches are diagnostics). Default true. */
  verifyChecksums?: boolean;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * What a table entry that failed validation reads as. `<` and `>` cannot occur in a Java package,
 * class or field name, nor in an SDK or API pattern, so a placeholder never matches anything a
 * check looks for (`<init>` and `<clinit>` are the only method names with them).
 */
export const UNREADABLE = '<unreadable>';
/** An unreadable type descriptor: a class descriptor in shape, whose name can match nothing. */
export const UNREADABLE_TYPE = 'L<unreadable>;';
/** An unreadable prototype. */
export const UNREADABLE_PROTO = '(L<unreadable>;)L<unreadable>;';

/** Validation states of a table entry. */
const UNCHECKED = 0;
const OK = 1;
const BAD = 2;
/** classDefState bits besides OK: the interface list, or the class data with its code items, is unreadable. */
const BAD_INTERFACES = 4;
const BAD_DATA = 8;
/**
 * Units of validation work done eagerly when a DEX is opened (one per id entry, one per type in a
 * type list, one per member of a class_data_item). What lies beyond is validated on first read,
 * with the same outcome: the budget bounds the cost of opening a hostile file, not the checks.
 */
export const VALIDATION_BUDGET = LIMITS.dexValidationBudget.value;

/** Spec limits on the tables whose indices are 16-bit everywhere they are used. */
const MAX_TYPE_IDS = 0xffff;
const MAX_PROTO_IDS = 0xffff;

/** Where the last readUleb stopped (a module variable: the validation loop allocates nothing). */
let ulebNext = 0;

/**
 * An unsigned LEB128 of at most five bytes at `p`, below `end`: its value (up to 2^35, not wrapped
 * to 32 bits), or -1 when it runs past `end` or has no last byte within five. Sets ulebNext.
 */
function readUleb(buf: Uint8Array, p: number, end: number): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 5; i++) {
    if (p >= end) {
      ulebNext = p;
      return -1;
    }
    const b = buf[p++] as number;
    v += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) {
      ulebNext = p;
      return v;
    }
    mul *= 128;
  }
  ulebNext = p;
  return -1;
}

/**
 * One DEX file. Header and map list are read eagerly; the id tables and class definitions are
 * typed views over the buffer, read on access, with decoded strings and descriptors cached.
 * Every entry of the id tables and class definitions (string data offsets and their length
 * prefix, the indices each entry holds, type lists, class data and the code items it points at) is
 * validated once, when the file is opened, within VALIDATION_BUDGET. An entry that fails is marked
 * unreadable, counted and reported once (W_DEX_FAILED, naming the first); reading it gives
 * UNREADABLE / UNREADABLE_TYPE / UNREADABLE_PROTO, an empty list or no class data, never an
 * exception. An index outside its table given to string()/typeDescriptor()/protoDescriptor() reads
 * as unreadable too; the row accessors of fields, methods and class defs still throw
 * E_DEX_OUT_OF_BOUNDS for an index outside their table (every index the scan records is checked).
 *
 * Offsets in a DEX are absolute in its buffer: for a v041 container, that is the whole
 * container, which all the DEX files of the container share.
 */
export class DexFile {
  readonly entry: string;
  readonly header: DexHeader;
  readonly buf: Uint8Array;
  readonly view: DataView;
  /** 16-bit view of `buf` for instruction streams (code items are 4-aligned, `buf` is 2-aligned). */
  readonly units: Uint16Array;
  /** Offsets read from the file must lie below this: file_size, or a v041 container's size. */
  readonly end: number;
  readonly mapList: readonly MapItem[];
  readonly diagnostics: DiagnosticSink;
  readonly limits: Limits;
  /** A cursor over [0, end) for structure reads; shared by the on-demand readers. */
  readonly cursor: ByteCursor;
  /** `buf` as a Buffer (same memory), for native decoding of ASCII strings. */
  private readonly bytes: Buffer;

  readonly stringCount: number;
  readonly typeCount: number;
  readonly protoCount: number;
  readonly fieldCount: number;
  readonly methodCount: number;
  readonly classDefCount: number;

  private strings: (string | undefined)[] | undefined;
  private protoDescriptors: (string | undefined)[] | undefined;
  private oddStringReported = false;
  private decodedBytes = 0;
  private interfaceLists: Map<number, readonly string[]> | undefined;
  private readonly stringState: Uint8Array;
  private readonly typeState: Uint8Array;
  private readonly protoState: Uint8Array;
  private readonly fieldState: Uint8Array;
  private readonly methodState: Uint8Array;
  private readonly classDefState: Uint8Array;
  private unreadableCount = 0;
  private firstUnreadable: { what: string; offset: number } | undefined;
  private unreadableReported = false;

  /** Use parseDex: the constructor trusts a header that parseDex has checked. */
  constructor(buf: Uint8Array, header: DexHeader, end: number, entry: string, diagnostics: DiagnosticSink, limits: Limits) {
    this.entry = entry;
    this.header = header;
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    if ((buf.byteOffset & 1) !== 0) throw new PledgeError('E_INTERNAL', 'DEX buffer is not 2-byte aligned');
    this.units = new Uint16Array(buf.buffer, buf.byteOffset, buf.byteLength >>> 1);
    this.bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.end = end;
    this.diagnostics = diagnostics;
    this.limits = limits;
    this.cursor = new ByteCursor(buf, 'E_DEX_OUT_OF_BOUNDS', entry, 0, end, this.view);
    const h = header;
    // The string count is a configurable limit (the cache allocates per string); the others are the format's.
    this.stringCount = this.table('string_ids', h.stringIdsSize, h.stringIdsOff, 4, limits.maxStringPoolEntries, 'E_LIMIT_STRING_POOL');
    this.typeCount = this.table('type_ids', h.typeIdsSize, h.typeIdsOff, 4, MAX_TYPE_IDS, 'E_LIMIT_DEX_TABLE');
    this.protoCount = this.table('proto_ids', h.protoIdsSize, h.protoIdsOff, 12, MAX_PROTO_IDS, 'E_LIMIT_DEX_TABLE');
    this.fieldCount = this.table('field_ids', h.fieldIdsSize, h.fieldIdsOff, 8, limits.maxDexTableEntries, 'E_LIMIT_DEX_TABLE');
    this.methodCount = this.table('method_ids', h.methodIdsSize, h.methodIdsOff, 8, limits.maxDexTableEntries, 'E_LIMIT_DEX_TABLE');
    this.classDefCount = this.table('class_defs', h.classDefsSize, h.classDefsOff, CLASS_DEF_SIZE, limits.maxDexTableEntries, 'E_LIMIT_DEX_TABLE');
    this.mapList = this.readMap();
    this.stringState = new Uint8Array(this.stringCount);
    this.typeState = new Uint8Array(this.typeCount);
    this.protoState = new Uint8Array(this.protoCount);
    this.fieldState = new Uint8Array(this.fieldCount);
    this.methodState = new Uint8Array(this.methodCount);
    this.classDefState = new Uint8Array(this.classDefCount);
    this.validate(limits.dexValidationBudget);
  }

  // ---- validation ----------------------------------------------------------------------------

  /** Table entries found unreadable so far (at open, or on a later first read past the budget). */
  get unreadableEntries(): number {
    return this.unreadableCount;
  }

  /** The first unreadable entry, described, or undefined. */
  get firstUnreadableEntry(): string | undefined {
    return this.firstUnreadable?.what;
  }

  private validate(budget: number): void {
    let left = budget;
    const run = (count: number, check: (i: number) => number): boolean => {
      for (let i = 0; i < count; i++) {
        if (left <= 0) return false;
        left -= check(i);
      }
      return true;
    };
    // In dependency order: an entry is readable only when what it refers to is.
    void (
      run(this.stringCount, (i) => (this.stringOk(i), 1)) &&
      run(this.typeCount, (i) => (this.typeOk(i), 1)) &&
      run(this.protoCount, (i) => (this.protoOk(i), 1)) &&
      run(this.fieldCount, (i) => (this.fieldOk(i), 1)) &&
      run(this.methodCount, (i) => (this.methodOk(i), 1)) &&
      run(this.classDefCount, (i) => this.checkClassDef(i))
    );
    this.reportUnreadable();
  }

  private markBad(what: string, offset: number): void {
    this.unreadableCount++;
    this.firstUnreadable ??= { what, offset };
    // Entries found past the validation budget, after the report at open, are reported then.
    if (this.unreadableReported === false && this.reportReady) this.reportUnreadable();
  }

  private reportReady = false;

  private reportUnreadable(): void {
    this.reportReady = true;
    const first = this.firstUnreadable;
    if (first === undefined || this.unreadableReported) return;
    this.unreadableReported = true;
    this.diagnostics.add(
      'W_DEX_FAILED',
      `${this.entry}: ${this.unreadableCount} unreadable table entr${this.unreadableCount === 1 ? 'y' : 'ies'} (first: ${first.what}); they read as ${UNREADABLE} and the rest of this DEX was analysed`,
      this.entry,
      first.offset,
    );
  }

  private stringOk(i: number): boolean {
    const st = this.stringState[i];
    if (st === OK) return true;
    if (st === BAD || st === undefined) return false;
    const at = this.header.stringIdsOff + i * 4;
    const off = this.view.getUint32(at, true);
    let why: string | undefined;
    if (off >= this.end) why = `string ${i} data at 0x${off.toString(16)} is outside the file (0x${this.end.toString(16)})`;
    else {
      let p = off;
      const stop = Math.min(this.end, off + 5);
      while (p < stop && ((this.buf[p] as number) & 0x80) !== 0) p++;
      if (p >= stop) why = `string ${i} data at 0x${off.toString(16)} has a malformed length`;
    }
    if (why !== undefined) {
      this.stringState[i] = BAD;
      this.markBad(why, at);
      return false;
    }
    this.stringState[i] = OK;
    return true;
  }

  private typeOk(i: number): boolean {
    const st = this.typeState[i];
    if (st === OK) return true;
    if (st === BAD || st === undefined) return false;
    const at = this.header.typeIdsOff + i * 4;
    const s = this.view.getUint32(at, true);
    if (s < this.stringCount && this.stringOk(s)) {
      this.typeState[i] = OK;
      return true;
    }
    this.typeState[i] = BAD;
    this.markBad(s < this.stringCount ? `type ${i} names unreadable string ${s}` : `type ${i} names string ${s}, outside the ${this.stringCount}-entry table`, at);
    return false;
  }

  /** A type list at `off` whose types are all readable: its size, or -1. */
  private typeListOk(off: number): number {
    if ((off & 3) !== 0 || off < DEX_HEADER_SIZE || off > this.end - 4) return -1;
    const size = this.view.getUint32(off, true);
    if (size > (this.end - off - 4) / 2) return -1;
    for (let k = 0; k < size; k++) {
      const t = this.view.getUint16(off + 4 + k * 2, true);
      if (!(t < this.typeCount && this.typeOk(t))) return -1;
    }
    return size;
  }

  private protoOk(i: number): boolean {
    const st = this.protoState[i];
    if (st === OK) return true;
    if (st === BAD || st === undefined) return false;
    const at = this.header.protoIdsOff + i * 12;
    const shorty = this.view.getUint32(at, true);
    const ret = this.view.getUint32(at + 4, true);
    const params = this.view.getUint32(at + 8, true);
    let why: string | undefined;
    if (!(shorty < this.stringCount && this.stringOk(shorty))) why = `proto ${i} shorty string ${shorty} is unreadable`;
    else if (!(ret < this.typeCount && this.typeOk(ret))) why = `proto ${i} return type ${ret} is unreadable`;
    else if (params !== 0 && this.typeListOk(params) < 0) why = `proto ${i} parameter list at 0x${params.toString(16)} is unreadable`;
    if (why !== undefined) {
      this.protoState[i] = BAD;
      this.markBad(why, at);
      return false;
    }
    this.protoState[i] = OK;
    return true;
  }

  private fieldOk(i: number): boolean {
    const st = this.fieldState[i];
    if (st === OK) return true;
    if (st === BAD || st === undefined) return false;
    const at = this.header.fieldIdsOff + i * 8;
    const cls = this.view.getUint16(at, true);
    const type = this.view.getUint16(at + 2, true);
    const name = this.view.getUint32(at + 4, true);
    if (cls < this.typeCount && this.typeOk(cls) && type < this.typeCount && this.typeOk(type) && name < this.stringCount && this.stringOk(name)) {
      this.fieldState[i] = OK;
      return true;
    }
    this.fieldState[i] = BAD;
    this.markBad(`field ${i} refers to an unreadable class, type or name`, at);
    return false;
  }

  private methodOk(i: number): boolean {
    const st = this.methodState[i];
    if (st === OK) return true;
    if (st === BAD || st === undefined) return false;
    const at = this.header.methodIdsOff + i * 8;
    const cls = this.view.getUint16(at, true);
    const proto = this.view.getUint16(at + 2, true);
    const name = this.view.getUint32(at + 4, true);
    if (cls < this.typeCount && this.typeOk(cls) && proto < this.protoCount && this.protoOk(proto) && name < this.stringCount && this.stringOk(name)) {
      this.methodState[i] = OK;
      return true;
    }
    this.methodState[i] = BAD;
    this.markBad(`method ${i} refers to an unreadable class, prototype or name`, at);
    return false;
  }

  /** Validates class def `i` once; returns the work done (for the budget). */
  private checkClassDef(i: number): number {
    if (this.classDefState[i] !== UNCHECKED) return 1;
    const at = this.header.classDefsOff + i * CLASS_DEF_SIZE;
    let state = OK;
    let work = 1;
    const cls = this.view.getUint32(at, true);
    const sup = this.view.getUint32(at + 0x08, true);
    if (!(cls < this.typeCount && this.typeOk(cls))) this.markBad(`class_def ${i} class type ${cls} is unreadable`, at);
    if (sup !== NO_INDEX && !(sup < this.typeCount && this.typeOk(sup))) this.markBad(`class_def ${i} superclass type ${sup} is unreadable`, at + 0x08);
    const ifaces = this.view.getUint32(at + 0x0c, true);
    if (ifaces !== 0) {
      const n = this.typeListOk(ifaces);
      if (n < 0) {
        state |= BAD_INTERFACES;
        this.markBad(`class_def ${i} interface list at 0x${ifaces.toString(16)} is unreadable`, at + 0x0c);
      } else work += n;
    }
    const dataOff = this.view.getUint32(at + 0x18, true);
    if (dataOff !== 0) {
      const r = this.checkClassData(dataOff);
      if (typeof r === 'string') {
        state |= BAD_DATA;
        this.markBad(`class_data of class_def ${i} at 0x${dataOff.toString(16)}: ${r}`, at + 0x18);
      } else work += r;
    }
    this.classDefState[i] = state;
    return work;
  }

  private table(name: string, size: number, off: number, itemSize: number, max: number, code: ErrorCode = 'E_DEX_OUT_OF_BOUNDS'): number {
    if (size === 0) return 0;
    safeBound(size, max, code, `${name}_size`, this.entry);
    // In a v041 container the tables of one DEX may lie in another DEX's part (strings are shared).
    if (off < DEX_HEADER_SIZE || off > this.end || size > (this.end - off) / itemSize) {
      throw new PledgeError(
        'E_DEX_OUT_OF_BOUNDS',
        `${name}: ${size} items of ${itemSize} bytes at 0x${off.toString(16)} do not fit between the header and the end (0x${this.end.toString(16)})`,
        { entry: this.entry, offset: this.header.start + 0x38 },
      );
    }
    if ((off & 3) !== 0) this.diagnostics.add('W_DEX_ODD', `${name} at 0x${off.toString(16)} is not 4-byte aligned`, this.entry, off);
    return size;
  }

  private readMap(): MapItem[] {
    const h = this.header;
    if (h.mapOff === 0) {
      this.diagnostics.add('W_DEX_ODD', 'no map list (map_off is 0)', this.entry, h.start + 0x34);
      return [];
    }
    if ((h.mapOff & 3) !== 0) this.diagnostics.add('W_DEX_ODD', `map list at 0x${h.mapOff.toString(16)} is not 4-byte aligned`, this.entry, h.mapOff);
    let items: MapItem[];
    try {
      items = readMapList(this.cursor, h.mapOff);
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      this.diagnostics.add('W_DEX_ODD', `map list unreadable: ${e.message}`, this.entry, h.mapOff);
      return [];
    }
    checkMapList(items, h, this.end, this.diagnostics, this.entry);
    return items;
  }

  get version(): number {
    return this.header.version;
  }

  /**
   * Walks the class_data_item at `off` without allocating: member indices inside their tables,
   * every code item aligned and inside the file. Returns the members walked, or why it is unreadable.
   */
  private checkClassData(off: number): number | string {
    const buf = this.buf;
    const end = this.end;
    if (off >= end) return 'outside the file';
    let p = off;
    const sf = readUleb(buf, p, end);
    p = ulebNext;
    const inf = readUleb(buf, p, end);
    p = ulebNext;
    const dm = readUleb(buf, p, end);
    p = ulebNext;
    const vm = readUleb(buf, p, end);
    p = ulebNext;
    if (sf < 0 || inf < 0 || dm < 0 || vm < 0) return 'malformed member counts';
    if (sf + inf > (end - p) / 2 || dm + vm > (end - p) / 3) return 'member counts exceed the bytes left';
    for (let list = 0; list < 2; list++) {
      const n = list === 0 ? sf : inf;
      let idx = 0;
      for (let k = 0; k < n; k++) {
        const d = readUleb(buf, p, end);
        p = ulebNext;
        const flags = readUleb(buf, p, end);
        p = ulebNext;
        if (d < 0 || flags < 0) return 'malformed encoded_field';
        idx += d;
        if (idx >= this.fieldCount) return `field ${idx} is outside the ${this.fieldCount}-entry table`;
      }
    }
    for (let list = 0; list < 2; list++) {
      const n = list === 0 ? dm : vm;
      let idx = 0;
      for (let k = 0; k < n; k++) {
        const d = readUleb(buf, p, end);
        p = ulebNext;
        const flags = readUleb(buf, p, end);
        p = ulebNext;
        const code = readUleb(buf, p, end);
        p = ulebNext;
        if (d < 0 || flags < 0 || code < 0) return 'malformed encoded_method';
        idx += d;
        if (idx >= this.methodCount) return `method ${idx} is outside the ${this.methodCount}-entry table`;
        if (code !== 0) {
          if ((code & 3) !== 0 || code < DEX_HEADER_SIZE || code > end - CODE_ITEM_HEADER_SIZE) return `code_item at 0x${code.toString(16)} is misaligned or outside the file`;
          const insns = this.view.getUint32(code + 0x0c, true);
          if (insns > (end - code - CODE_ITEM_HEADER_SIZE) / 2) return `code_item at 0x${code.toString(16)} declares ${insns} code units, past the end of the file`;
        }
      }
    }
    return sf + inf + dm + vm;
  }

  // ---- strings -------------------------------------------------------------------------------

  /** Whether string `i` exists and its data item is readable. */
  stringReadable(i: number): boolean {
    return i >= 0 && i < this.stringCount && this.stringOk(i);
  }

  /**
   * Offset of string `i`'s string_data_item (uleb128 utf16_size, then MUTF-8 bytes, then 00).
   * Throws E_DEX_OUT_OF_BOUNDS for a string that is not readable (see stringReadable).
   */
  stringDataOff(i: number): number {
    if (!(i >= 0 && i < this.stringCount)) throw indexError('string', i, this.stringCount, this.entry);
    const off = this.view.getUint32(this.header.stringIdsOff + i * 4, true);
    if (!this.stringOk(i)) {
      throw new PledgeError('E_DEX_OUT_OF_BOUNDS', `string ${i} (data at 0x${off.toString(16)}) is unreadable`, { entry: this.entry, offset: this.header.stringIdsOff + i * 4 });
    }
    const h = this.header;
    if (!this.oddStringReported && h.dataSize !== 0 && (off < h.dataOff || off >= h.dataOff + h.dataSize)) {
      this.oddStringReported = true;
      this.diagnostics.add('W_DEX_ODD', `string ${i} data at 0x${off.toString(16)} is outside the data section`, this.entry, off);
    }
    return off;
  }

  /**
   * Offset of string `i`'s first MUTF-8 byte (after the utf16_size prefix). An unreadable string
   * (or an index outside the table) starts at `end`: an empty run that matches no prefix.
   */
  stringStart(i: number): number {
    if (!this.stringReadable(i)) return this.end;
    return this.skipUleb(this.stringDataOff(i));
  }

  /** The MUTF-8 bytes of string `i` (a view, without the utf16_size prefix and the terminator); empty when unreadable. */
  stringBytes(i: number): Uint8Array {
    const start = this.stringStart(i);
    return this.buf.subarray(start, mutf8End(this.buf, start, this.end));
  }

  /** String `i`, decoded on first use and cached; UNREADABLE when it cannot be read. */
  string(i: number): string {
    const cache = (this.strings ??= new Array<string | undefined>(this.stringCount));
    const hit = cache[i];
    if (hit !== undefined) return hit;
    if (!this.stringReadable(i)) return UNREADABLE;
    const start = this.stringStart(i);
    const stop = mutf8End(this.buf, start, this.end);
    // In a valid file string data items are disjoint, so decoding every string reads each byte
    // once. Ids that all point into one long unterminated run would make that quadratic: past
    // twice the file size, further strings are unreadable.
    this.decodedBytes += stop - start;
    if (this.decodedBytes > 2 * this.end + 0x100000) {
      this.stringState[i] = BAD;
      this.markBad(`string ${i}: string data items overlap (decoding exceeds twice the file size)`, start);
      cache[i] = UNREADABLE;
      return UNREADABLE;
    }
    // Most DEX strings are ASCII: Buffer's native latin1 decoding is exact for them and several
    // times faster than decoding MUTF-8 in JS; anything else goes through the MUTF-8 decoder.
    const raw = this.bytes.toString('latin1', start, stop);
    const s = NON_ASCII.test(raw) ? decodeMutf8(this.buf, start, stop) : raw;
    cache[i] = s;
    return s;
  }

  private skipUleb(off: number): number {
    let p = off;
    const stop = Math.min(this.end, off + 5);
    while (p < stop && ((this.buf[p] as number) & 0x80) !== 0) p++;
    if (p >= stop) {
      throw new PledgeError('E_DEX_OUT_OF_BOUNDS', `string_data_item at 0x${off.toString(16)} has a malformed length`, { entry: this.entry, offset: off });
    }
    return p + 1;
  }

  // ---- types and protos ----------------------------------------------------------------------

  /** string_ids index of type `i`'s descriptor. */
  typeStringIdx(i: number): number {
    if (!(i >= 0 && i < this.typeCount)) throw indexError('type', i, this.typeCount, this.entry);
    return this.view.getUint32(this.header.typeIdsOff + i * 4, true);
  }

  /** Whether type `i` exists and its descriptor is readable. */
  typeReadable(i: number): boolean {
    return i >= 0 && i < this.typeCount && this.typeOk(i);
  }

  /** Descriptor of type `i`: "I", "Ljava/lang/String;", "[B"; UNREADABLE_TYPE when it cannot be read. */
  typeDescriptor(i: number): string {
    if (!this.typeReadable(i)) return UNREADABLE_TYPE;
    return this.string(this.typeStringIdx(i));
  }

  private protoAt(i: number): number {
    if (!(i >= 0 && i < this.protoCount)) throw indexError('proto', i, this.protoCount, this.entry);
    return this.header.protoIdsOff + i * 12;
  }

  /** proto_id_item 0x00 shorty_idx: string_ids index of the short-form descriptor ("VIL"). */
  protoShortyIdx(i: number): number {
    return this.view.getUint32(this.protoAt(i), true);
  }

  /** proto_id_item 0x04 return_type_idx: type_ids index. */
  protoReturnTypeIdx(i: number): number {
    return this.view.getUint32(this.protoAt(i) + 4, true);
  }

  /** proto_id_item 0x08 parameters_off: type_list of parameter types, or 0 for none. */
  protoParametersOff(i: number): number {
    return this.view.getUint32(this.protoAt(i) + 8, true);
  }

  /** type_ids indices of proto `i`'s parameters; empty when the proto is unreadable. */
  protoParameterTypes(i: number): number[] {
    if (!this.protoOk(i)) return [];
    const off = this.protoParametersOff(i);
    return off === 0 ? [] : readTypeList(this.cursor, off);
  }

  /** "(ILjava/lang/String;)V"; UNREADABLE_PROTO when it cannot be read. */
  protoDescriptor(i: number): string {
    const cache = (this.protoDescriptors ??= new Array<string | undefined>(this.protoCount));
    const hit = cache[i];
    if (hit !== undefined) return hit;
    if (!(i >= 0 && i < this.protoCount && this.protoOk(i))) return UNREADABLE_PROTO;
    let s = '(';
    for (const t of this.protoParameterTypes(i)) s += this.typeDescriptor(t);
    s += ')' + this.typeDescriptor(this.protoReturnTypeIdx(i));
    cache[i] = s;
    return s;
  }

  // ---- fields and methods --------------------------------------------------------------------

  private fieldAt(i: number): number {
    if (!(i >= 0 && i < this.fieldCount)) throw indexError('field', i, this.fieldCount, this.entry);
    return this.header.fieldIdsOff + i * 8;
  }

  /** field_id_item 0x00 class_idx: type_ids index of the defining class. */
  fieldClassIdx(i: number): number {
    return this.view.getUint16(this.fieldAt(i), true);
  }

  /** field_id_item 0x02 type_idx: type_ids index of the field's type. */
  fieldTypeIdx(i: number): number {
    return this.view.getUint16(this.fieldAt(i) + 2, true);
  }

  /** field_id_item 0x04 name_idx: string_ids index of the name. */
  fieldNameIdx(i: number): number {
    return this.view.getUint32(this.fieldAt(i) + 4, true);
  }

  fieldClass(i: number): string {
    return this.typeDescriptor(this.fieldClassIdx(i));
  }

  fieldName(i: number): string {
    return this.string(this.fieldNameIdx(i));
  }

  fieldType(i: number): string {
    return this.typeDescriptor(this.fieldTypeIdx(i));
  }

  /** "Lcom/a/B;->name:Ljava/lang/String;" */
  fieldRefString(i: number): string {
    return `${this.fieldClass(i)}->${this.fieldName(i)}:${this.fieldType(i)}`;
  }

  private methodAt(i: number): number {
    if (!(i >= 0 && i < this.methodCount)) throw indexError('method', i, this.methodCount, this.entry);
    return this.header.methodIdsOff + i * 8;
  }

  /** method_id_item 0x00 class_idx: type_ids index of the defining class. */
  methodClassIdx(i: number): number {
    return this.view.getUint16(this.methodAt(i), true);
  }

  /** method_id_item 0x02 proto_idx: proto_ids index. */
  methodProtoIdx(i: number): number {
    return this.view.getUint16(this.methodAt(i) + 2, true);
  }

  /** method_id_item 0x04 name_idx: string_ids index of the name. */
  methodNameIdx(i: number): number {
    return this.view.getUint32(this.methodAt(i) + 4, true);
  }

  methodClass(i: number): string {
    return this.typeDescriptor(this.methodClassIdx(i));
  }

  methodName(i: number): string {
    return this.string(this.methodNameIdx(i));
  }

  /** "(ILjava/lang/String;)V" */
  methodProto(i: number): string {
    return this.protoDescriptor(this.methodProtoIdx(i));
  }

  /** "Lcom/a/B;->name(ILjava/lang/String;)V" */
  methodRefString(i: number): string {
    return `${this.methodClass(i)}->${this.methodName(i)}${this.methodProto(i)}`;
  }

  // ---- class definitions ---------------------------------------------------------------------

  private classDefAt(i: number): number {
    if (!(i >= 0 && i < this.classDefCount)) throw indexError('class_def', i, this.classDefCount, this.entry);
    return this.header.classDefsOff + i * CLASS_DEF_SIZE;
  }

  classDef(i: number): ClassDef {
    return readClassDef(this.cursor, this.classDefAt(i));
  }

  /** type_ids index of class def `i`'s class. */
  classDefTypeIdx(i: number): number {
    return this.view.getUint32(this.classDefAt(i), true);
  }

  /** "Lcom/a/B;" */
  classDescriptor(i: number): string {
    return this.typeDescriptor(this.classDefTypeIdx(i));
  }

  classAccessFlags(i: number): number {
    return this.view.getUint32(this.classDefAt(i) + 0x04, true);
  }

  /** The superclass descriptor, or null (java.lang.Object, or NO_INDEX in a hostile file). */
  superclassDescriptor(i: number): string | null {
    const s = this.view.getUint32(this.classDefAt(i) + 0x08, true);
    return s === NO_INDEX ? null : this.typeDescriptor(s);
  }

  /** Interface descriptors of class def `i` (the array is shared between class defs that share the list); empty when unreadable. */
  interfaceDescriptors(i: number): readonly string[] {
    const off = this.view.getUint32(this.classDefAt(i) + 0x0c, true);
    if (off === 0) return [];
    this.checkClassDef(i);
    if (((this.classDefState[i] as number) & BAD_INTERFACES) !== 0) return [];
    // Cached by offset: a hostile file can point every class def at one huge list.
    const cache = (this.interfaceLists ??= new Map());
    let list = cache.get(off);
    if (list === undefined) {
      list = readTypeList(this.cursor, off).map((t) => this.typeDescriptor(t));
      cache.set(off, list);
    }
    return list;
  }

  classDataOff(i: number): number {
    return this.view.getUint32(this.classDefAt(i) + 0x18, true);
  }

  staticValuesOff(i: number): number {
    return this.view.getUint32(this.classDefAt(i) + 0x1c, true);
  }

  /** The fields and methods of class def `i`, or null when it has no class_data_item or an unreadable one. */
  classData(i: number): ClassData | null {
    const off = this.classDataOff(i);
    if (off === 0) return null;
    this.checkClassDef(i);
    if (((this.classDefState[i] as number) & BAD_DATA) !== 0) return null;
    return readClassData(this.cursor, off);
  }

  /** Direct then virtual methods of class def `i` (method_idx, access flags, code_off). */
  classMethods(i: number): EncodedMethod[] {
    const d = this.classData(i);
    return d === null ? [] : [...d.directMethods, ...d.virtualMethods];
  }

  codeItem(codeOff: number): CodeItem {
    return readCodeItem(this.cursor, codeOff);
  }
}

/** Parses the DEX header at `opts.headerOffset` (default 0) and checks it against the buffer. */
export function parseDex(buf: Uint8Array, opts: ParseDexOptions): DexFile {
  const entry = opts.entry;
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const diags = opts.diagnostics ?? new DiagnosticSink(limits.maxDiagnostics);
  const at = opts.headerOffset ?? 0;
  const aligned = twoByteAligned(buf);
  const c = new ByteCursor(aligned, 'E_DEX_OUT_OF_BOUNDS', entry);
  const h = readDexHeader(c, at);
  const bad = (msg: string, field: number): PledgeError => new PledgeError('E_DEX_BAD_HEADER', msg, { entry, offset: at + field });
  let end: number;
  if (h.version >= DEX_CONTAINER_VERSION) {
    if (h.headerSize < DEX_HEADER_SIZE_V41) throw bad(`header_size 0x${h.headerSize.toString(16)} is below 0x78, the version 041 header`, 0x24);
    if (h.headerOffset !== at) throw bad(`header_offset says 0x${h.headerOffset.toString(16)} but the header is at 0x${at.toString(16)}`, 0x74);
    if (h.containerSize > buf.length) throw bad(`container_size is ${h.containerSize} but the file has ${buf.length} bytes`, 0x70);
    if (h.fileSize < h.headerSize || h.fileSize > h.containerSize - at) {
      throw bad(`file_size ${h.fileSize} does not fit the container (header at 0x${at.toString(16)}, container_size ${h.containerSize})`, 0x20);
    }
    if (at === 0 && h.containerSize < buf.length) {
      diags.add('W_DEX_ODD', `${buf.length - h.containerSize} bytes after container_size are ignored`, entry, h.containerSize);
    }
    if (h.dataSize !== 0 || h.dataOff !== 0) diags.add('W_DEX_ODD', 'data_size/data_off are not 0 in a version 041 container', entry, at + 0x68);
    end = h.containerSize;
  } else {
    if (at !== 0) throw bad(`a version ${h.version} DEX has no container; header offset 0x${at.toString(16)} is invalid`, 0);
    if (h.fileSize > buf.length) throw bad(`file_size is ${h.fileSize} but the file has ${buf.length} bytes`, 0x20);
    if (h.headerSize < DEX_HEADER_SIZE || h.headerSize > h.fileSize) throw bad(`header_size 0x${h.headerSize.toString(16)} is not between 0x70 and file_size`, 0x24);
    if (h.fileSize < buf.length) diags.add('W_DEX_ODD', `${buf.length - h.fileSize} bytes after file_size are ignored`, entry, h.fileSize);
    if (h.headerSize !== DEX_HEADER_SIZE) diags.add('W_DEX_ODD', `header_size is 0x${h.headerSize.toString(16)}, not 0x70`, entry, 0x24);
    if (h.dataOff > h.fileSize || h.dataSize > h.fileSize - h.dataOff) {
      diags.add('W_DEX_ODD', `data section (${h.dataSize} bytes at 0x${h.dataOff.toString(16)}) extends past file_size`, entry, 0x68);
    }
    end = h.fileSize;
  }
  if (h.version === 36) diags.add('W_DEX_ODD', 'version 036 was never issued; Android rejects it', entry, at + 4);
  if (h.linkSize !== 0) diags.add('W_DEX_ODD', `link section of ${h.linkSize} bytes (unused by Android)`, entry, at + 0x2c);
  const dex = new DexFile(aligned, h, end, entry, diags, limits);
  if (opts.verifyChecksums !== false) verifyChecksums(dex);
  return dex;
}

/**
 * Every DEX file in `buf`: one for versions up to 040, and for a v041 container each DEX whose
 * header follows the previous one's file_size, up to container_size. A header that does not
 * parse ends the walk with that error (the DEX files before it are not returned either).
 */
export function parseDexContainer(buf: Uint8Array, opts: ParseDexOptions): DexFile[] {
  const aligned = twoByteAligned(buf);
  const first = parseDex(aligned, { ...opts, headerOffset: 0 });
  const out = [first];
  if (first.version < DEX_CONTAINER_VERSION) return out;
  const diagnostics = first.diagnostics;
  let at = first.header.fileSize;
  const containerEnd = first.header.containerSize;
  while (at < containerEnd) {
    if ((at & 3) !== 0) {
      throw new PledgeError('E_DEX_BAD_HEADER', `DEX header at 0x${at.toString(16)} in the container is not 4-byte aligned`, { entry: opts.entry, offset: at });
    }
    const next = parseDex(aligned, { ...opts, diagnostics, headerOffset: at });
    if (next.header.containerSize !== containerEnd) {
      diagnostics.add('W_DEX_ODD', `container_size ${next.header.containerSize} differs from the first header's ${containerEnd}`, opts.entry, at + 0x70);
    }
    out.push(next);
    at += next.header.fileSize; // at least 0x78: the walk always advances
  }
  return out;
}

function verifyChecksums(dex: DexFile): void {
  const h = dex.header;
  const end = h.start + h.fileSize;
  const sum = adler32(dex.buf, h.start + 0x0c, end);
  if (sum !== h.checksum) {
    dex.diagnostics.add('W_DEX_ODD', `checksum mismatch: header says 0x${h.checksum.toString(16)}, content is 0x${sum.toString(16)}`, dex.entry, h.start + 0x08);
  }
  const sig = sha1(dex.buf, h.start + 0x20, end);
  let same = sig.length === h.signature.length;
  for (let i = 0; same && i < sig.length; i++) same = sig[i] === h.signature[i];
  if (!same) dex.diagnostics.add('W_DEX_ODD', 'SHA-1 signature does not match the content', dex.entry, h.start + 0x0c);
}

/** The buffer itself, or a copy when it starts at an odd address (the 16-bit view needs even). */
function twoByteAligned(buf: Uint8Array): Uint8Array {
  if ((buf.byteOffset & 1) === 0) return buf;
  const copy = new Uint8Array(buf.length);
  copy.set(buf);
  return copy;
}
