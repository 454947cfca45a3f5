import { PledgeError } from '../util/errors.js';
import type { DexFile } from './dex-file.js';
import {
  F_IF,
  F_SWITCH,
  F_WRITES_A,
  F_WRITES_WIDE,
  FILL_ARRAY_DATA_PAYLOAD,
  type InsnFormat,
  type InvokeKind,
  invokeKind,
  OP_CHECK_CAST,
  OP_CONST,
  OP_CONST_16,
  OP_CONST_4,
  OP_CONST_HIGH16,
  OP_CONST_STRING,
  OP_CONST_STRING_JUMBO,
  OP_CONST_WIDE,
  OP_CONST_WIDE_16,
  OP_CONST_WIDE_32,
  OP_CONST_WIDE_HIGH16,
  OP_INVOKE_CUSTOM,
  OP_INVOKE_CUSTOM_RANGE,
  OP_NOP,
  OP_RETURN,
  OP_RETURN_VOID,
  OP_SGET,
  OP_SGET_SHORT,
  OP_SGET_WIDE,
  OPCODE_FLAGS,
  OPCODES,
  PACKED_SWITCH_PAYLOAD,
  payloadUnits,
  SPARSE_SWITCH_PAYLOAD,
} from './opcodes.js';

/** One decoded instruction; operands follow the format (source.android.com instruction-formats). */
export interface Instruction {
  /** Code-unit offset in the method. */
  pc: number;
  opcode: number;
  /** Mnemonic; payloads are "packed-switch-payload", "sparse-switch-payload", "fill-array-data-payload". */
  name: string;
  format: InsnFormat | 'payload';
  /** Width in code units. */
  units: number;
  /**
   * Register operands in format order: vA, vB, vC; for 35c/45cc the argument registers; for
   * 3rc/4rcc the registers of the range.
   */
  registers: number[];
  /** The c-format index (string, type, field, method, call site, method handle or proto). */
  index?: number;
  /** The second index of 45cc/4rcc: the proto_ids index of invoke-polymorphic. */
  index2?: number;
  /** Literal of the n, s, h, i, b and l formats; 64-bit literals (const-wide, const-wide/high16) are bigint. */
  literal?: number | bigint;
  /** Branch or payload target (pc) of the t formats. */
  target?: number;
}

const s16 = (v: number): number => (v << 16) >> 16;
const s32 = (lo: number, hi: number): number => lo | (hi << 16);

function malformed(dex: DexFile, codeOff: number, pc: number, why: string): PledgeError {
  return new PledgeError('E_DEX_OUT_OF_BOUNDS', `method code at 0x${codeOff.toString(16)} is malformed: ${why} at pc 0x${pc.toString(16)}`, {
    entry: dex.entry,
    offset: codeOff,
  });
}

/**
 * The instructions of the code_item at `codeOff`, decoded one by one (on demand, for a few
 * methods: the bulk pass is scanDex). Throws E_DEX_OUT_OF_BOUNDS where the code is malformed in
 * the ways scanDex skips a method for (unused opcode, instruction or payload past the end,
 * misaligned payload).
 */
export function* instructions(dex: DexFile, codeOff: number): Generator<Instruction, void, void> {
  const ci = dex.codeItem(codeOff);
  const u = dex.units;
  const base = ci.insnsOff >>> 1;
  const end = base + ci.insnsSize;
  let p = base;
  while (p < end) {
    const pc = p - base;
    const unit = u[p] as number;
    const op = unit & 0xff;
    const info = OPCODES[op];
    if (info === undefined || info.unused) throw malformed(dex, codeOff, pc, `unused opcode 0x${op.toString(16)}`);
    if (op === OP_NOP && (unit === PACKED_SWITCH_PAYLOAD || unit === SPARSE_SWITCH_PAYLOAD || unit === FILL_ARRAY_DATA_PAYLOAD)) {
      if ((pc & 1) !== 0) throw malformed(dex, codeOff, pc, 'payload at an odd offset');
      const w = payloadUnits(u, p, end);
      if (w === 0 || w > end - p) throw malformed(dex, codeOff, pc, 'payload runs past the end');
      const name = unit === PACKED_SWITCH_PAYLOAD ? 'packed-switch-payload' : unit === SPARSE_SWITCH_PAYLOAD ? 'sparse-switch-payload' : 'fill-array-data-payload';
      yield { pc, opcode: op, name, format: 'payload', units: w, registers: [] };
      p += w;
      continue;
    }
    const w = info.units;
    if (w > end - p) throw malformed(dex, codeOff, pc, `${info.name} runs past the end`);
    const u1 = w > 1 ? (u[p + 1] as number) : 0;
    const u2 = w > 2 ? (u[p + 2] as number) : 0;
    const a4 = (unit >> 8) & 0xf;
    const b4 = unit >> 12;
    const aa = unit >> 8;
    const insn: Instruction = { pc, opcode: op, name: info.name, format: info.format, units: w, registers: [] };
    switch (info.format) {
      case '10x':
        break;
      case '12x':
        insn.registers = [a4, b4];
        break;
      case '11n':
        insn.registers = [a4];
        insn.literal = (b4 << 28) >> 28;
        break;
      case '11x':
        insn.registers = [aa];
        break;
      case '10t':
        insn.target = pc + ((aa << 24) >> 24);
        break;
      case '20t':
        insn.target = pc + s16(u1);
        break;
      case '22x':
        insn.registers = [aa, u1];
        break;
      case '21t':
        insn.registers = [aa];
        insn.target = pc + s16(u1);
        break;
      case '21s':
        insn.registers = [aa];
        insn.literal = s16(u1);
        break;
      case '21h':
        insn.registers = [aa];
        insn.literal = op === OP_CONST_WIDE_HIGH16 ? BigInt(s16(u1)) << 48n : s16(u1) << 16;
        break;
      case '21c':
        insn.registers = [aa];
        insn.index = u1;
        break;
      case '23x':
        insn.registers = [aa, u1 & 0xff, u1 >> 8];
        break;
      case '22b':
        insn.registers = [aa, u1 & 0xff];
        insn.literal = (u1 << 16) >> 24;
        break;
      case '22t':
        insn.registers = [a4, b4];
        insn.target = pc + s16(u1);
        break;
      case '22s':
        insn.registers = [a4, b4];
        insn.literal = s16(u1);
        break;
      case '22c':
        insn.registers = [a4, b4];
        insn.index = u1;
        break;
      case '30t':
        insn.target = pc + s32(u1, u2);
        break;
      case '32x':
        insn.registers = [u1, u2];
        break;
      case '31i':
        insn.registers = [aa];
        insn.literal = s32(u1, u2);
        break;
      case '31t':
        insn.registers = [aa];
        insn.target = pc + s32(u1, u2);
        break;
      case '31c':
        insn.registers = [aa];
        insn.index = u1 + u2 * 0x10000;
        break;
      case '35c':
      case '45cc': {
        const count = b4;
        if (count > 5) throw malformed(dex, codeOff, pc, `${info.name} with ${count} registers`);
        insn.registers = [u2 & 0xf, (u2 >> 4) & 0xf, (u2 >> 8) & 0xf, u2 >> 12, a4].slice(0, count);
        insn.index = u1;
        if (info.format === '45cc') insn.index2 = u[p + 3] as number;
        break;
      }
      case '3rc':
      case '4rcc': {
        insn.registers = Array.from({ length: aa }, (_, i) => u2 + i);
        insn.index = u1;
        if (info.format === '4rcc') insn.index2 = u[p + 3] as number;
        break;
      }
      case '51l': {
        insn.registers = [aa];
        const lo = BigInt(u1 + u2 * 0x10000);
        const hi = BigInt((u[p + 3] as number) + (u[p + 4] as number) * 0x10000);
        insn.literal = BigInt.asIntN(64, (hi << 32n) | lo);
        break;
      }
    }
    yield insn;
    p += w;
  }
}

/** A register's known content at an invoke: an int literal, a string constant, or a static field read. */
export type ArgValue = number | string | { field: string } | undefined;

export interface InvokeSite {
  pc: number;
  opcode: number;
  kind: InvokeKind;
  /** method_ids index of the callee. */
  methodIdx: number;
  /** The argument registers, in order; for instance calls the first is `this`; a wide argument takes two. */
  registers: number[];
  /** Per argument register, what the forward pass knows is in it there. */
  args: ArgValue[];
}

export interface InvokeArgumentsOptions {
  /** Only report invokes of these callees (method_ids index). Default: all. */
  callee?: (methodIdx: number) => boolean;
}

/**
 * Constant arguments of every invoke in one method, from a single forward pass over its
 * instructions (not a data-flow analysis). The heuristic:
 * - const/4, const/16, const, const/high16 put a number in vA; const-wide/16 and /32 (and
 *   const-wide, const-wide/high16 when the value is a safe integer) put a number in vA and clear vA+1;
 * - const-string and const-string/jumbo put the string in vA;
 * - sget-* puts `{ field: "Lcls;->name:type" }` in vA (sget-wide also clears vA+1);
 * - move, move/from16, move/16 and the move-object forms copy vB to vA; the move-wide forms copy the pair;
 * - check-cast leaves vA alone (same object, narrower type);
 * - any other instruction that writes vA (the opcode table's F_WRITES_A) clears vA, and vA+1 for
 *   wide results; invokes, stores and branches write no register.
 * Branch targets do not reset anything: a value set on one path is reported on a path that joins
 * it. That over-approximates in rare code shapes (a register set differently on two branches
 * shows the value of the last one in instruction order) and is good enough for
 * `Cipher.getInstance("AES/ECB/PKCS5Padding")`-style checks, where the constant is set right
 * before the call.
 */
export function invokeArguments(dex: DexFile, codeOff: number, opts: InvokeArgumentsOptions = {}): InvokeSite[] {
  const ci = dex.codeItem(codeOff);
  const vals: ArgValue[] = new Array<ArgValue>(ci.registersSize).fill(undefined);
  const n = vals.length;
  const set = (r: number | undefined, v: ArgValue): void => {
    if (r !== undefined && r < n) vals[r] = v;
  };
  const out: InvokeSite[] = [];
  for (const insn of instructions(dex, codeOff)) {
    const op = insn.opcode;
    const a = insn.registers[0];
    const kind = invokeKind(op);
    if (kind !== undefined) {
      if (op === OP_INVOKE_CUSTOM || op === OP_INVOKE_CUSTOM_RANGE) continue; // call site, not a method
      const m = insn.index as number;
      if (opts.callee !== undefined && !opts.callee(m)) continue;
      out.push({ pc: insn.pc, opcode: op, kind, methodIdx: m, registers: insn.registers, args: insn.registers.map((r) => (r < n ? vals[r] : undefined)) });
      continue;
    }
    const flags = OPCODE_FLAGS[op] as number;
    if ((flags & F_WRITES_A) === 0 || a === undefined) continue;
    switch (op) {
      case OP_CONST_4:
      case OP_CONST_16:
      case OP_CONST:
      case OP_CONST_HIGH16:
        set(a, insn.literal as number);
        continue;
      case OP_CONST_WIDE_16:
      case OP_CONST_WIDE_32:
      case OP_CONST_WIDE:
      case OP_CONST_WIDE_HIGH16: {
        const v = insn.literal;
        set(a, typeof v === 'bigint' ? (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined) : v);
        set(a + 1, undefined);
        continue;
      }
      case OP_CONST_STRING:
      case OP_CONST_STRING_JUMBO:
        set(a, dex.string(insn.index as number));
        continue;
      case OP_CHECK_CAST:
        continue;
      case 0x01: // move
      case 0x02: // move/from16
      case 0x03: // move/16
      case 0x07: // move-object
      case 0x08: // move-object/from16
      case 0x09: {
        // move-object/16
        const b = insn.registers[1] as number;
        set(a, b < n ? vals[b] : undefined);
        continue;
      }
      case 0x04: // move-wide
      case 0x05: // move-wide/from16
      case 0x06: {
        // move-wide/16
        const b = insn.registers[1] as number;
        const lo = b < n ? vals[b] : undefined;
        const hi = b + 1 < n ? vals[b + 1] : undefined;
        set(a, lo);
        set(a + 1, hi);
        continue;
      }
    }
    if (op >= OP_SGET && op <= OP_SGET_SHORT) {
      set(a, { field: dex.fieldRefString(insn.index as number) });
      if (op === OP_SGET_WIDE) set(a + 1, undefined);
      continue;
    }
    set(a, undefined);
    if ((flags & F_WRITES_WIDE) !== 0) set(a + 1, undefined);
  }
  return out;
}

/** The instructions other than nops (payloads included). */
function body(dex: DexFile, codeOff: number): Instruction[] {
  const out: Instruction[] = [];
  for (const insn of instructions(dex, codeOff)) if (insn.opcode !== OP_NOP || insn.format === 'payload') out.push(insn);
  return out;
}

/** The method does nothing: its only instruction (nops aside) is return-void. */
export function isReturnVoidOnly(dex: DexFile, codeOff: number): boolean {
  const b = body(dex, codeOff);
  return b.length === 1 && b[0]?.opcode === OP_RETURN_VOID;
}

/**
 * The method returns the constant true: `const/4 vX, 1` (or const/16) then `return vX`, and
 * nothing else (nops aside). The shape of a TrustManager/HostnameVerifier that accepts everything.
 */
export function returnsConstantTrue(dex: DexFile, codeOff: number): boolean {
  const b = body(dex, codeOff);
  if (b.length !== 2) return false;
  const [k, r] = b as [Instruction, Instruction];
  return (k.opcode === OP_CONST_4 || k.opcode === OP_CONST_16) && k.literal === 1 && r.opcode === OP_RETURN && r.registers[0] === k.registers[0];
}

/** The method has no conditional branch and no switch (gotos and exception edges do not count). */
export function hasNoBranch(dex: DexFile, codeOff: number): boolean {
  for (const insn of instructions(dex, codeOff)) {
    if (insn.format !== 'payload' && ((OPCODE_FLAGS[insn.opcode] as number) & (F_IF | F_SWITCH)) !== 0) return false;
  }
  return true;
}
