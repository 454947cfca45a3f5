import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';
import { CODE_ITEM_HEADER_SIZE } from './code-item.js';
import type { DexFile } from './dex-file.js';
import { FRAMEWORK_PREFIXES, typePrefixMask } from './filters.js';
import {
  FILL_ARRAY_DATA_PAYLOAD,
  OP_CONST_STRING,
  OP_CONST_STRING_JUMBO,
  OP_FILL_ARRAY_DATA,
  OP_IF_EQ,
  OP_IF_LEZ,
  OP_IGET,
  OP_IGET_SHORT,
  OP_INVOKE_INTERFACE,
  OP_INVOKE_INTERFACE_RANGE,
  OP_INVOKE_POLYMORPHIC,
  OP_INVOKE_POLYMORPHIC_RANGE,
  OP_INVOKE_VIRTUAL,
  OP_INVOKE_VIRTUAL_RANGE,
  OP_NEW_INSTANCE,
  OP_CONST_CLASS,
  OP_PACKED_SWITCH,
  OP_SGET,
  OP_SGET_SHORT,
  OP_SPARSE_SWITCH,
  OPCODE_UNITS,
  PACKED_SWITCH_PAYLOAD,
  payloadUnits,
  SPARSE_SWITCH_PAYLOAD,
} from './opcodes.js';
import { MethodTable, SiteTable } from './site-table.js';

export interface ScanOptions {
  /** Where skipped methods are recorded; default: the DEX file's sink. */
  diagnostics?: DiagnosticSink;
  /**
   * Field reads to record. Default: sget-* of fields of framework classes (FRAMEWORK_PREFIXES).
   * Called once per field_ids entry before the walk, never during it.
   */
  fieldFilter?: (fieldIdx: number) => boolean;
  /** Record iget-* of accepted fields too. Default: true with a fieldFilter, false without. */
  instanceFieldReads?: boolean;
  /** new-instance types to record. Default: framework classes. Called once per type_ids entry. */
  typeFilter?: (typeIdx: number) => boolean;
  /** W_DEX_METHOD_SKIPPED diagnostics per DEX before one summary line. Default 20. */
  maxSkipDiagnostics?: number;
}

/**
 * What one pass over every method's instructions found. Each table holds, per site, the caller
 * (method_ids index of the method the instruction is in) and the pc (code-unit offset in it):
 * - invokes: ref = callee method_ids index, op = the invoke opcode (see invokeKind);
 * - constStrings: ref = string_ids index;
 * - fieldReads: ref = field_ids index (sget-* / iget-* accepted by the field filter);
 * - newInstances: ref = type_ids index (accepted by the type filter);
 * - classLiterals: ref = type_ids index of every const-class (a class named as a value: often
 *   reflection, so whoever asks what code can run needs it);
 * - branches: if-* (ref = target pc), packed-/sparse-switch (ref = payload pc).
 */
export interface ScanResult {
  readonly dex: DexFile;
  readonly invokes: SiteTable;
  readonly constStrings: SiteTable;
  readonly fieldReads: SiteTable;
  readonly newInstances: SiteTable;
  readonly classLiterals: SiteTable;
  readonly branches: SiteTable;
  /** Every method walked to its end (skipped ones are not here). */
  readonly methods: MethodTable;
  /** Methods skipped as malformed, plus classes whose class_data could not be read at all. */
  readonly methodsSkipped: number;
  /** Instructions decoded, payload pseudo-instructions included. */
  readonly instructions: number;
}

/** Instruction categories the walk acts on; everything else only advances by its width. */
const K_OTHER = 0;
const K_INVOKE = 1;
const K_CONST_STRING = 2;
const K_CONST_STRING_JUMBO = 3;
const K_SGET = 4;
const K_IGET = 5;
const K_NEW_INSTANCE = 6;
const K_IF = 7;
const K_SWITCH = 8;
const K_FILL_ARRAY = 9;
const K_CONST_CLASS = 10;

const KIND = new Uint8Array(256);
for (let op = OP_INVOKE_VIRTUAL; op <= OP_INVOKE_INTERFACE; op++) KIND[op] = K_INVOKE;
for (let op = OP_INVOKE_VIRTUAL_RANGE; op <= OP_INVOKE_INTERFACE_RANGE; op++) KIND[op] = K_INVOKE;
KIND[OP_INVOKE_POLYMORPHIC] = K_INVOKE;
KIND[OP_INVOKE_POLYMORPHIC_RANGE] = K_INVOKE;
KIND[OP_CONST_STRING] = K_CONST_STRING;
KIND[OP_CONST_STRING_JUMBO] = K_CONST_STRING_JUMBO;
for (let op = OP_SGET; op <= OP_SGET_SHORT; op++) KIND[op] = K_SGET;
for (let op = OP_IGET; op <= OP_IGET_SHORT; op++) KIND[op] = K_IGET;
KIND[OP_NEW_INSTANCE] = K_NEW_INSTANCE;
KIND[OP_CONST_CLASS] = K_CONST_CLASS;
for (let op = OP_IF_EQ; op <= OP_IF_LEZ; op++) KIND[op] = K_IF;
KIND[OP_PACKED_SWITCH] = K_SWITCH;
KIND[OP_SPARSE_SWITCH] = K_SWITCH;
KIND[OP_FILL_ARRAY_DATA] = K_FILL_ARRAY;

/** Why a method was skipped (the walk returns one of these, OK = 0). */
const OK = 0;
const E_UNUSED_OPCODE = 1;
const E_RUNS_OFF = 2;
const E_PAYLOAD_MISALIGNED = 3;
const E_PAYLOAD_TRUNCATED = 4;
const E_BAD_PAYLOAD_REF = 5;
const E_BAD_INDEX = 6;
const E_BAD_BRANCH = 7;
const E_BAD_ARG_COUNT = 8;
const REASONS = [
  '',
  'unused opcode',
  'instruction runs past the end of the code item',
  'payload pseudo-instruction at an odd code-unit offset',
  'payload header runs past the end of the code item',
  'switch or fill-array-data does not point to an aligned payload of its kind',
  'index outside its table',
  'branch target outside the method',
  'invoke with more than five argument registers',
];

/** Walks one method's instructions; `pc` holds where the walk stopped. */
class Walker {
  readonly invokes: SiteTable;
  readonly constStrings: SiteTable;
  readonly fieldReads: SiteTable;
  readonly newInstances: SiteTable;
  readonly classLiterals: SiteTable;
  readonly branches: SiteTable;
  instructions = 0;
  pc = 0;

  constructor(
    private readonly units: Uint16Array,
    private readonly methodCount: number,
    private readonly stringCount: number,
    private readonly fieldCount: number,
    private readonly typeCount: number,
    /** Per field: bit 1 = record sget, bit 2 = record iget. */
    private readonly fieldMask: Uint8Array,
    private readonly typeMask: Uint8Array,
  ) {
    // Sized from the file: in real apps about one instruction in five is an invoke, one in
    // fifteen a branch and one in twenty a const-string (code units ≈ half the file's bytes).
    const codeUnits = units.length;
    this.invokes = new SiteTable(codeUnits >>> 4);
    this.constStrings = new SiteTable(codeUnits >>> 6);
    this.fieldReads = new SiteTable(codeUnits >>> 8);
    this.newInstances = new SiteTable(codeUnits >>> 8);
    this.classLiterals = new SiteTable(codeUnits >>> 10);
    this.branches = new SiteTable(codeUnits >>> 5);
  }

  /** Records the sites of one method; returns OK or an E_* reason. */
  walk(caller: number, insnsOff: number, insnsSize: number): number {
    const u = this.units;
    const base = insnsOff >>> 1;
    const end = base + insnsSize;
    let p = base;
    let n = 0;
    while (p < end) {
      const unit = u[p] as number;
      const op = unit & 0xff;
      let w = OPCODE_UNITS[op] as number;
      if (w === 0) return this.stop(p - base, n, E_UNUSED_OPCODE);
      if (op === 0 && (unit === PACKED_SWITCH_PAYLOAD || unit === SPARSE_SWITCH_PAYLOAD || unit === FILL_ARRAY_DATA_PAYLOAD)) {
        if (((p - base) & 1) !== 0) return this.stop(p - base, n, E_PAYLOAD_MISALIGNED);
        w = payloadUnits(u, p, end);
        if (w === 0) return this.stop(p - base, n, E_PAYLOAD_TRUNCATED);
      }
      if (w > end - p) return this.stop(p - base, n, E_RUNS_OFF);
      n++;
      const k = KIND[op] as number;
      if (k !== K_OTHER) {
        const pc = p - base;
        switch (k) {
          case K_INVOKE: {
            const m = u[p + 1] as number;
            if (m >= this.methodCount) return this.stop(pc, n, E_BAD_INDEX);
            // 35c and 45cc name at most five argument registers.
            if (unit >= 0x6000 && (op <= OP_INVOKE_INTERFACE || op === OP_INVOKE_POLYMORPHIC)) return this.stop(pc, n, E_BAD_ARG_COUNT);
            this.invokes.add(caller, m, pc, op);
            break;
          }
          case K_CONST_STRING: {
            const s = u[p + 1] as number;
            if (s >= this.stringCount) return this.stop(pc, n, E_BAD_INDEX);
            this.constStrings.add(caller, s, pc, op);
            break;
          }
          case K_CONST_STRING_JUMBO: {
            const s = (u[p + 1] as number) + (u[p + 2] as number) * 0x10000;
            if (s >= this.stringCount) return this.stop(pc, n, E_BAD_INDEX);
            this.constStrings.add(caller, s, pc, op);
            break;
          }
          case K_SGET: {
            const f = u[p + 1] as number;
            if (f >= this.fieldCount) return this.stop(pc, n, E_BAD_INDEX);
            if (((this.fieldMask[f] as number) & 1) !== 0) this.fieldReads.add(caller, f, pc, op);
            break;
          }
          case K_IGET: {
            const f = u[p + 1] as number;
            if (f >= this.fieldCount) return this.stop(pc, n, E_BAD_INDEX);
            if (((this.fieldMask[f] as number) & 2) !== 0) this.fieldReads.add(caller, f, pc, op);
            break;
          }
          case K_NEW_INSTANCE: {
            const t = u[p + 1] as number;
            if (t >= this.typeCount) return this.stop(pc, n, E_BAD_INDEX);
            if (this.typeMask[t] === 1) this.newInstances.add(caller, t, pc, op);
            break;
          }
          case K_CONST_CLASS: {
            const t = u[p + 1] as number;
            if (t >= this.typeCount) return this.stop(pc, n, E_BAD_INDEX);
            this.classLiterals.add(caller, t, pc, op);
            break;
          }
          case K_IF: {
            // 22t and 21t: signed 16-bit offset in the second unit.
            const target = pc + ((u[p + 1] as number) << 16 >> 16);
            if (target < 0 || target >= insnsSize) return this.stop(pc, n, E_BAD_BRANCH);
            this.branches.add(caller, target, pc, op);
            break;
          }
          case K_SWITCH:
          case K_FILL_ARRAY: {
            // 31t: signed 32-bit offset to the payload, which must be 4-byte aligned and of the right kind.
            const target = pc + ((u[p + 1] as number) | ((u[p + 2] as number) << 16));
            const ident = op === OP_PACKED_SWITCH ? PACKED_SWITCH_PAYLOAD : op === OP_SPARSE_SWITCH ? SPARSE_SWITCH_PAYLOAD : FILL_ARRAY_DATA_PAYLOAD;
            if (target < 0 || target >= insnsSize || (target & 1) !== 0 || u[base + target] !== ident) return this.stop(pc, n, E_BAD_PAYLOAD_REF);
            if (k === K_SWITCH) this.branches.add(caller, target, pc, op);
            break;
          }
        }
      }
      p += w;
    }
    this.instructions += n;
    return OK;
  }

  private stop(pc: number, n: number, reason: number): number {
    this.pc = pc;
    this.instructions += n;
    return reason;
  }

  private m0 = 0;
  private m1 = 0;
  private m2 = 0;
  private m3 = 0;
  private m4 = 0;
  private m5 = 0;

  /** Remembers the table sizes before a method, so that a skipped method leaves nothing behind. */
  begin(): void {
    this.m0 = this.invokes.count;
    this.m1 = this.constStrings.count;
    this.m2 = this.fieldReads.count;
    this.m3 = this.newInstances.count;
    this.m4 = this.branches.count;
    this.m5 = this.classLiterals.count;
  }

  rollback(): void {
    this.invokes.truncate(this.m0);
    this.constStrings.truncate(this.m1);
    this.fieldReads.truncate(this.m2);
    this.newInstances.truncate(this.m3);
    this.branches.truncate(this.m4);
    this.classLiterals.truncate(this.m5);
  }
}

function maskFrom(n: number, fn: (i: number) => boolean, bits: number): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (fn(i)) m[i] = bits;
  return m;
}

/**
 * One pass over the instructions of every method of every class_def of `dex`. A method whose code
 * is malformed (code_off outside the file, an instruction or payload past the end of its code
 * item, an unused opcode, a misaligned or mistyped payload, an index outside its table, a branch
 * outside the method) is skipped: its sites are dropped and a W_DEX_METHOD_SKIPPED diagnostic
 * names it; the rest of the DEX still counts. Every loop advances by at least one unit or byte,
 * so the scan terminates on any input.
 */
export function scanDex(dex: DexFile, opts: ScanOptions = {}): ScanResult {
  const diags = opts.diagnostics ?? dex.diagnostics;
  const maxDiags = opts.maxSkipDiagnostics ?? 20;
  const framework = opts.fieldFilter === undefined || opts.typeFilter === undefined ? typePrefixMask(dex, FRAMEWORK_PREFIXES) : undefined;
  let fieldMask: Uint8Array;
  if (opts.fieldFilter !== undefined) {
    fieldMask = maskFrom(dex.fieldCount, opts.fieldFilter, opts.instanceFieldReads === false ? 1 : 3);
  } else {
    const bits = opts.instanceFieldReads === true ? 3 : 1;
    fieldMask = new Uint8Array(dex.fieldCount);
    for (let f = 0; f < dex.fieldCount; f++) if (framework?.[dex.fieldClassIdx(f)] === 1) fieldMask[f] = bits;
  }
  const typeMask = opts.typeFilter !== undefined ? maskFrom(dex.typeCount, opts.typeFilter, 1) : (framework as Uint8Array);

  const w = new Walker(dex.units, dex.methodCount, dex.stringCount, dex.fieldCount, dex.typeCount, fieldMask, typeMask);
  const methods = new MethodTable();
  let skipped = 0;
  const skip = (what: string, offset?: number): void => {
    if (skipped++ < maxDiags) diags.add('W_DEX_METHOD_SKIPPED', what, dex.entry, offset);
  };
  const describe = (methodIdx: number): string => {
    try {
      return dex.methodRefString(methodIdx);
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      return `method #${methodIdx}`;
    }
  };
  // In a valid file every method has its own code item, so the walk reads each code unit once.
  // Hostile files can point many methods (or class defs) at one large code item (or class_data);
  // past twice the file's worth of code units the scan stops instead of going quadratic.
  let budget = dex.end + LIMITS.codeScanExtraUnits.value;

  const c = dex.cursor;
  const end = dex.end;
  const view = dex.view;
  classes: for (let cd = 0; cd < dex.classDefCount; cd++) {
    const classDataOff = dex.classDataOff(cd);
    if (classDataOff === 0) continue;
    // class_data_item, read inline: four sizes, then (field_idx_diff, access_flags) per field and
    // (method_idx_diff, access_flags, code_off) per method.
    let methodsLeft = 0;
    let directLeft = 0;
    try {
      c.seek(classDataOff);
      const staticFields = c.uleb128();
      const instanceFields = c.uleb128();
      directLeft = c.uleb128();
      const virtualMethods = c.uleb128();
      const left = end - c.pos;
      if (staticFields + instanceFields > left / 2 || directLeft + virtualMethods > left / 3) {
        throw new PledgeError('E_DEX_OUT_OF_BOUNDS', 'member counts exceed the bytes left');
      }
      for (let i = staticFields + instanceFields; i > 0; i--) {
        c.uleb128();
        c.uleb128();
      }
      methodsLeft = directLeft + virtualMethods;
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      skip(`class_data of class_def ${cd} at 0x${classDataOff.toString(16)} is malformed (${e.message}); its methods were skipped`, classDataOff);
      continue;
    }
    let methodIdx = 0;
    for (let i = 0; methodsLeft > 0; i++, methodsLeft--) {
      if (i === directLeft) methodIdx = 0; // the virtual list restarts the index deltas
      let accessFlags: number;
      let codeOff: number;
      try {
        methodIdx += c.uleb128();
        accessFlags = c.uleb128();
        codeOff = c.uleb128();
      } catch (e) {
        if (!(e instanceof PledgeError)) throw e;
        skip(`class_data of class_def ${cd} at 0x${classDataOff.toString(16)} is cut short; ${methodsLeft} methods were skipped`, classDataOff);
        break;
      }
      if (codeOff === 0) continue; // abstract or native
      if (methodIdx >= dex.methodCount) {
        skip(`method_idx ${methodIdx} of class_def ${cd} is outside the method table`, classDataOff);
        continue;
      }
      if ((codeOff & 3) !== 0 || codeOff > end - CODE_ITEM_HEADER_SIZE) {
        skip(`${describe(methodIdx)}: code_off 0x${codeOff.toString(16)} is outside the file or misaligned`, codeOff);
        continue;
      }
      const insnsSize = view.getUint32(codeOff + 0x0c, true);
      const insnsOff = codeOff + CODE_ITEM_HEADER_SIZE;
      if (insnsSize > (end - insnsOff) / 2) {
        skip(`${describe(methodIdx)}: ${insnsSize} code units at 0x${insnsOff.toString(16)} run past the end of the file`, codeOff);
        continue;
      }
      if (insnsSize > budget) {
        diags.add('W_LIMIT_CODE_SCAN', `scan stopped at ${describe(methodIdx)}: methods share code items, more code was walked than the file holds`, dex.entry, codeOff);
        break classes;
      }
      budget -= insnsSize;
      w.begin();
      const reason = w.walk(methodIdx, insnsOff, insnsSize);
      if (reason !== OK) {
        w.rollback();
        skip(`${describe(methodIdx)}: ${REASONS[reason]} at pc 0x${w.pc.toString(16)}`, insnsOff + w.pc * 2);
        continue;
      }
      methods.add(methodIdx, codeOff, cd, accessFlags);
    }
  }
  if (skipped > maxDiags) diags.add('W_DEX_METHOD_SKIPPED', `${skipped - maxDiags} further methods were skipped`, dex.entry);

  for (const t of [w.invokes, w.constStrings, w.fieldReads, w.newInstances, w.classLiterals, w.branches]) t.trim();
  methods.trim();
  return {
    dex,
    invokes: w.invokes,
    constStrings: w.constStrings,
    fieldReads: w.fieldReads,
    newInstances: w.newInstances,
    classLiterals: w.classLiterals,
    branches: w.branches,
    methods,
    methodsSkipped: skipped,
    instructions: w.instructions,
  };
}
