import { InternalError } from '../util/errors.js';
/**
 * The Dalvik opcode table: name and instruction format of all 256 opcodes, as in AOSP
 * libdexfile/dex/dex_instruction_list.h (current ART: 0x73 and 0xe3–0xf9, once odex-only
 * "quick" opcodes, are unused), and the instruction formats of
 * source.android.com/docs/core/runtime/instruction-formats. A format fixes an instruction's width
 * in 16-bit code units; only the three payload pseudo-instructions (which share opcode 0x00 with
 * nop) take their width from their own header.
 */

export type InsnFormat =
  | '10x'
  | '12x'
  | '11n'
  | '11x'
  | '10t'
  | '20t'
  | '22x'
  | '21t'
  | '21s'
  | '21h'
  | '21c'
  | '23x'
  | '22b'
  | '22t'
  | '22s'
  | '22c'
  | '30t'
  | '32x'
  | '31i'
  | '31t'
  | '31c'
  | '35c'
  | '3rc'
  | '45cc'
  | '4rcc'
  | '51l';

/** Width in code units: the first digit of the format's name. */
export function formatUnits(f: InsnFormat): number {
  return f.charCodeAt(0) - 0x30;
}

/** Identifiers (the whole first code unit) of the payload pseudo-instructions. */
export const PACKED_SWITCH_PAYLOAD = 0x0100;
export const SPARSE_SWITCH_PAYLOAD = 0x0200;
export const FILL_ARRAY_DATA_PAYLOAD = 0x0300;

export const OP_NOP = 0x00;
export const OP_RETURN_VOID = 0x0e;
export const OP_RETURN = 0x0f;
export const OP_CONST_4 = 0x12;
export const OP_CONST_16 = 0x13;
export const OP_CONST = 0x14;
export const OP_CONST_HIGH16 = 0x15;
export const OP_CONST_WIDE_16 = 0x16;
export const OP_CONST_WIDE_32 = 0x17;
export const OP_CONST_WIDE = 0x18;
export const OP_CONST_WIDE_HIGH16 = 0x19;
export const OP_CONST_STRING = 0x1a;
export const OP_CONST_STRING_JUMBO = 0x1b;
export const OP_CHECK_CAST = 0x1f;
export const OP_CONST_CLASS = 0x1c;
export const OP_NEW_INSTANCE = 0x22;
export const OP_FILL_ARRAY_DATA = 0x26;
export const OP_PACKED_SWITCH = 0x2b;
export const OP_SPARSE_SWITCH = 0x2c;
export const OP_IF_EQ = 0x32;
export const OP_IF_LEZ = 0x3d;
export const OP_IGET = 0x52;
export const OP_IGET_SHORT = 0x58;
export const OP_SGET = 0x60;
export const OP_SGET_WIDE = 0x61;
export const OP_SGET_SHORT = 0x66;
export const OP_INVOKE_VIRTUAL = 0x6e;
export const OP_INVOKE_SUPER = 0x6f;
export const OP_INVOKE_DIRECT = 0x70;
export const OP_INVOKE_STATIC = 0x71;
export const OP_INVOKE_INTERFACE = 0x72;
export const OP_INVOKE_VIRTUAL_RANGE = 0x74;
export const OP_INVOKE_INTERFACE_RANGE = 0x78;
export const OP_INVOKE_POLYMORPHIC = 0xfa;
export const OP_INVOKE_POLYMORPHIC_RANGE = 0xfb;
export const OP_INVOKE_CUSTOM = 0xfc;
export const OP_INVOKE_CUSTOM_RANGE = 0xfd;

export interface OpcodeInfo {
  readonly opcode: number;
  /** Mnemonic as in smali and dexdump ("invoke-virtual/range"); "unused-3e" for unused values. */
  readonly name: string;
  readonly format: InsnFormat;
  /** Width in code units (unused opcodes: 1, as libdexfile gives them format 10x). */
  readonly units: number;
  /** No instruction has this opcode: the verifier rejects a method that contains it. */
  readonly unused: boolean;
}

const T = ['', '-wide', '-object', '-boolean', '-byte', '-char', '-short'];
const INVOKES = ['virtual', 'super', 'direct', 'static', 'interface'];
const UNOPS = [
  'neg-int', 'not-int', 'neg-long', 'not-long', 'neg-float', 'neg-double', 'int-to-long', 'int-to-float', 'int-to-double', 'long-to-int',
  'long-to-float', 'long-to-double', 'float-to-int', 'float-to-long', 'float-to-double', 'double-to-int', 'double-to-long', 'double-to-float',
  'int-to-byte', 'int-to-char', 'int-to-short',
];
const INT_OPS = ['add', 'sub', 'mul', 'div', 'rem', 'and', 'or', 'xor', 'shl', 'shr', 'ushr'];
const FLOAT_OPS = ['add', 'sub', 'mul', 'div', 'rem'];

function buildTable(): OpcodeInfo[] {
  const rows: [string, InsnFormat][] = [];
  const add = (name: string, format: InsnFormat): void => {
    rows.push([name, format]);
  };
  const unused = (to: number): void => {
    while (rows.length <= to) add(`unused-${rows.length.toString(16).padStart(2, '0')}`, '10x');
  };
  add('nop', '10x'); // 0x00
  add('move', '12x');
  add('move/from16', '22x');
  add('move/16', '32x');
  add('move-wide', '12x');
  add('move-wide/from16', '22x');
  add('move-wide/16', '32x');
  add('move-object', '12x');
  add('move-object/from16', '22x');
  add('move-object/16', '32x');
  add('move-result', '11x'); // 0x0a
  add('move-result-wide', '11x');
  add('move-result-object', '11x');
  add('move-exception', '11x');
  add('return-void', '10x'); // 0x0e
  add('return', '11x');
  add('return-wide', '11x');
  add('return-object', '11x');
  add('const/4', '11n'); // 0x12
  add('const/16', '21s');
  add('const', '31i');
  add('const/high16', '21h');
  add('const-wide/16', '21s');
  add('const-wide/32', '31i');
  add('const-wide', '51l');
  add('const-wide/high16', '21h');
  add('const-string', '21c'); // 0x1a
  add('const-string/jumbo', '31c');
  add('const-class', '21c');
  add('monitor-enter', '11x');
  add('monitor-exit', '11x');
  add('check-cast', '21c');
  add('instance-of', '22c'); // 0x20
  add('array-length', '12x');
  add('new-instance', '21c');
  add('new-array', '22c');
  add('filled-new-array', '35c');
  add('filled-new-array/range', '3rc');
  add('fill-array-data', '31t');
  add('throw', '11x');
  add('goto', '10t'); // 0x28
  add('goto/16', '20t');
  add('goto/32', '30t');
  add('packed-switch', '31t');
  add('sparse-switch', '31t');
  for (const n of ['cmpl-float', 'cmpg-float', 'cmpl-double', 'cmpg-double', 'cmp-long']) add(n, '23x'); // 0x2d
  for (const n of ['eq', 'ne', 'lt', 'ge', 'gt', 'le']) add(`if-${n}`, '22t'); // 0x32
  for (const n of ['eq', 'ne', 'lt', 'ge', 'gt', 'le']) add(`if-${n}z`, '21t'); // 0x38
  unused(0x43);
  for (const t of T) add(`aget${t}`, '23x'); // 0x44
  for (const t of T) add(`aput${t}`, '23x'); // 0x4b
  for (const t of T) add(`iget${t}`, '22c'); // 0x52
  for (const t of T) add(`iput${t}`, '22c'); // 0x59
  for (const t of T) add(`sget${t}`, '21c'); // 0x60
  for (const t of T) add(`sput${t}`, '21c'); // 0x67
  for (const k of INVOKES) add(`invoke-${k}`, '35c'); // 0x6e
  unused(0x73);
  for (const k of INVOKES) add(`invoke-${k}/range`, '3rc'); // 0x74
  unused(0x7a);
  for (const n of UNOPS) add(n, '12x'); // 0x7b
  for (const t of ['int', 'long']) for (const n of INT_OPS) add(`${n}-${t}`, '23x'); // 0x90
  for (const t of ['float', 'double']) for (const n of FLOAT_OPS) add(`${n}-${t}`, '23x'); // 0xa6
  for (const t of ['int', 'long']) for (const n of INT_OPS) add(`${n}-${t}/2addr`, '12x'); // 0xb0
  for (const t of ['float', 'double']) for (const n of FLOAT_OPS) add(`${n}-${t}/2addr`, '12x'); // 0xc6
  for (const n of ['add-int', 'rsub-int', 'mul-int', 'div-int', 'rem-int', 'and-int', 'or-int', 'xor-int']) {
    add(n === 'rsub-int' ? n : `${n}/lit16`, '22s'); // 0xd0
  }
  for (const n of INT_OPS) add(`${n === 'sub' ? 'rsub' : n}-int/lit8`, '22b'); // 0xd8
  unused(0xf9);
  add('invoke-polymorphic', '45cc'); // 0xfa
  add('invoke-polymorphic/range', '4rcc');
  add('invoke-custom', '35c');
  add('invoke-custom/range', '3rc');
  add('const-method-handle', '21c');
  add('const-method-type', '21c'); // 0xff
  if (rows.length !== 256) throw new InternalError(`opcode table has ${rows.length} rows`);
  return rows.map(([name, format], opcode) => ({ opcode, name, format, units: formatUnits(format), unused: name.startsWith('unused-') }));
}

export const OPCODES: readonly OpcodeInfo[] = Object.freeze(buildTable());

/** Width in code units per opcode, 0 for unused opcodes: the scan's one table lookup. */
export const OPCODE_UNITS: Uint8Array = Uint8Array.from(OPCODES, (o) => (o.unused ? 0 : o.units));

/** Bit flags per opcode, for analyses that need more than the width. */
export const F_INVOKE = 1 << 0;
export const F_IF = 1 << 1;
export const F_SWITCH = 1 << 2;
export const F_GOTO = 1 << 3;
/** Writes register vA (the format's first register operand). */
export const F_WRITES_A = 1 << 4;
/** Writes the register pair vA, vA+1. */
export const F_WRITES_WIDE = 1 << 5;
export const F_RETURN = 1 << 6;
export const F_THROW = 1 << 7;
/** Refers to a payload pseudo-instruction through a 31t offset. */
export const F_PAYLOAD_REF = 1 << 8;
/** The 1st-unit index (or the 2nd-unit range start) is a method_ids index. */
export const F_METHOD_REF = 1 << 9;

const WIDE_RESULTS = new Set([
  'move-wide', 'move-wide/from16', 'move-wide/16', 'move-result-wide', 'const-wide/16', 'const-wide/32', 'const-wide', 'const-wide/high16',
  'aget-wide', 'iget-wide', 'sget-wide', 'neg-long', 'not-long', 'neg-double', 'int-to-long', 'int-to-double', 'long-to-double',
  'float-to-long', 'float-to-double', 'double-to-long',
]);

function flagsOf(o: OpcodeInfo): number {
  const op = o.opcode;
  const n = o.name;
  if (o.unused) return 0;
  let f = 0;
  if ((op >= 0x6e && op <= 0x78) || op === OP_INVOKE_POLYMORPHIC || op === OP_INVOKE_POLYMORPHIC_RANGE) f |= F_INVOKE | F_METHOD_REF;
  if (op === OP_INVOKE_CUSTOM || op === OP_INVOKE_CUSTOM_RANGE) f |= F_INVOKE;
  if (op >= OP_IF_EQ && op <= OP_IF_LEZ) f |= F_IF;
  if (op === OP_PACKED_SWITCH || op === OP_SPARSE_SWITCH) f |= F_SWITCH | F_PAYLOAD_REF;
  if (op === OP_FILL_ARRAY_DATA) f |= F_PAYLOAD_REF;
  if (op >= 0x28 && op <= 0x2a) f |= F_GOTO;
  if (op >= 0x0e && op <= 0x11) f |= F_RETURN;
  if (op === 0x27) f |= F_THROW;
  const writes =
    (op >= 0x01 && op <= 0x0d) || // move*, move-result*, move-exception
    (op >= 0x12 && op <= 0x1c) || // const*
    (op >= 0x1f && op <= 0x23) || // check-cast, instance-of, array-length, new-instance, new-array
    (op >= 0x2d && op <= 0x31) || // cmp*
    (op >= 0x44 && op <= 0x4a) || // aget*
    (op >= 0x52 && op <= 0x58) || // iget*
    (op >= 0x60 && op <= 0x66) || // sget*
    (op >= 0x7b && op <= 0xe2) || // unary, binary, 2addr, lit16, lit8
    op === 0xfe ||
    op === 0xff;
  if (writes) f |= F_WRITES_A;
  if (writes && (WIDE_RESULTS.has(n) || /^(add|sub|mul|div|rem|and|or|xor|shl|shr|ushr)-(long|double)(\/2addr)?$/.test(n))) f |= F_WRITES_WIDE;
  return f;
}

export const OPCODE_FLAGS: Uint16Array = Uint16Array.from(OPCODES, flagsOf);

export type InvokeKind = 'virtual' | 'super' | 'direct' | 'static' | 'interface' | 'polymorphic' | 'custom';

/** The kind of an invoke opcode (range or not), or undefined for other opcodes. */
export function invokeKind(op: number): InvokeKind | undefined {
  if (op >= OP_INVOKE_VIRTUAL && op <= OP_INVOKE_INTERFACE) return INVOKES[op - OP_INVOKE_VIRTUAL] as InvokeKind;
  if (op >= OP_INVOKE_VIRTUAL_RANGE && op <= OP_INVOKE_INTERFACE_RANGE) return INVOKES[op - OP_INVOKE_VIRTUAL_RANGE] as InvokeKind;
  if (op === OP_INVOKE_POLYMORPHIC || op === OP_INVOKE_POLYMORPHIC_RANGE) return 'polymorphic';
  if (op === OP_INVOKE_CUSTOM || op === OP_INVOKE_CUSTOM_RANGE) return 'custom';
  return undefined;
}

/**
 * Width of the payload pseudo-instruction whose identifier is units[p], given the end of the
 * instruction stream; 0 when the identifier is not a payload's or its header is cut off. Sizes
 * come from the header (ushort size, or ushort element_width + uint size) and can exceed the
 * stream: the caller checks p + width against the end.
 */
export function payloadUnits(units: Uint16Array, p: number, end: number): number {
  const ident = units[p] as number;
  if (ident === PACKED_SWITCH_PAYLOAD) {
    if (p + 2 > end) return 0;
    // ident, size, int first_key, int targets[size]
    return (units[p + 1] as number) * 2 + 4;
  }
  if (ident === SPARSE_SWITCH_PAYLOAD) {
    if (p + 2 > end) return 0;
    // ident, size, int keys[size], int targets[size]
    return (units[p + 1] as number) * 4 + 2;
  }
  if (ident === FILL_ARRAY_DATA_PAYLOAD) {
    if (p + 4 > end) return 0;
    // ident, ushort element_width, uint size, ubyte data[size * element_width] padded to a unit
    const width = units[p + 1] as number;
    const size = (units[p + 2] as number) + (units[p + 3] as number) * 0x10000;
    return Math.ceil((size * width) / 2) + 4;
  }
  return 0;
}
