import { Buffer } from 'node:buffer';

/**
 * Column-wise records that grow by doubling: one typed array per column, no object per record.
 * A scan of a large app records about a million sites; objects would cost ten times the memory
 * and most of the scan's time.
 */

const INITIAL = 256;

/**
 * Columns are sized for the most sites a DEX could hold and filled from the start, so they are
 * allocated without zero-filling: memory never written is never touched, and costs no page fault
 * (3–4 ms per MB on a virtual machine; a 10 MB DEX's tables are sized at several MB). Only rows
 * below `count` are ever read.
 */
function column32(n: number): Uint32Array<ArrayBuffer> {
  return new Uint32Array(Buffer.allocUnsafeSlow(n * 4).buffer as ArrayBuffer, 0, n);
}

function column8(n: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.allocUnsafeSlow(n).buffer as ArrayBuffer, 0, n);
}

function grow32(a: Uint32Array, n: number): Uint32Array<ArrayBuffer> {
  const b = column32(n);
  b.set(a);
  return b;
}

/**
 * Sites found in code: `caller` (method_ids index of the method the instruction is in), `ref`
 * (what the instruction refers to: a method, string, field or type index, or a branch target),
 * `pc` (code-unit offset of the instruction in its method) and `op` (its opcode).
 */
export class SiteTable {
  count = 0;
  caller: Uint32Array;
  ref: Uint32Array;
  pc: Uint32Array;
  op: Uint8Array;

  /** `capacity`: expected rows; a good guess saves a dozen grow-and-copy rounds on a large DEX. */
  constructor(capacity = INITIAL) {
    const n = Math.max(INITIAL, Math.min(capacity, 1 << 24));
    this.caller = column32(n);
    this.ref = column32(n);
    this.pc = column32(n);
    this.op = column8(n);
  }

  add(caller: number, ref: number, pc: number, op: number): void {
    const i = this.count;
    if (i === this.caller.length) this.grow();
    this.caller[i] = caller;
    this.ref[i] = ref;
    this.pc[i] = pc;
    this.op[i] = op;
    this.count = i + 1;
  }

  private grow(): void {
    const n = this.caller.length * 2;
    this.caller = grow32(this.caller, n);
    this.ref = grow32(this.ref, n);
    this.pc = grow32(this.pc, n);
    const op = column8(n);
    op.set(this.op);
    this.op = op;
  }

  /** Drops records from `count` on (a method's records, when the method turns out malformed). */
  truncate(count: number): void {
    if (count < this.count) this.count = count;
  }

  /** Shrinks the columns to views of exactly `count` records. */
  trim(): void {
    this.caller = this.caller.subarray(0, this.count);
    this.ref = this.ref.subarray(0, this.count);
    this.pc = this.pc.subarray(0, this.count);
    this.op = this.op.subarray(0, this.count);
  }

  /** Indices of the records whose `ref` is `ref` (a linear pass; for ad-hoc queries and tests). */
  indicesOf(ref: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (this.ref[i] === ref) out.push(i);
    return out;
  }
}

/**
 * The methods a scan walked: method_ids index, code_item offset, the class_def they belong to
 * and their access flags. Lets on-demand analyses find a caller's code again.
 */
export class MethodTable {
  count = 0;
  methodIdx: Uint32Array = new Uint32Array(INITIAL);
  codeOff: Uint32Array = new Uint32Array(INITIAL);
  classDef: Uint32Array = new Uint32Array(INITIAL);
  accessFlags: Uint32Array = new Uint32Array(INITIAL);
  private byMethod: Int32Array | undefined;

  add(methodIdx: number, codeOff: number, classDef: number, accessFlags: number): void {
    const i = this.count;
    if (i === this.methodIdx.length) {
      const n = i * 2;
      this.methodIdx = grow32(this.methodIdx, n);
      this.codeOff = grow32(this.codeOff, n);
      this.classDef = grow32(this.classDef, n);
      this.accessFlags = grow32(this.accessFlags, n);
    }
    this.methodIdx[i] = methodIdx;
    this.codeOff[i] = codeOff;
    this.classDef[i] = classDef;
    this.accessFlags[i] = accessFlags;
    this.count = i + 1;
    this.byMethod = undefined;
  }

  trim(): void {
    this.methodIdx = this.methodIdx.subarray(0, this.count);
    this.codeOff = this.codeOff.subarray(0, this.count);
    this.classDef = this.classDef.subarray(0, this.count);
    this.accessFlags = this.accessFlags.subarray(0, this.count);
  }

  /** Row of method `methodIdx` (the first, should a hostile file define it twice), or -1. */
  rowOf(methodIdx: number): number {
    if (this.byMethod === undefined) {
      // A dense index (method_ids indices are small integers): a Map of every method of a large
      // DEX cost 15 ms to build and megabytes of heap.
      let max = -1;
      for (let i = 0; i < this.count; i++) max = Math.max(max, this.methodIdx[i] as number);
      const m = new Int32Array(max + 1).fill(-1);
      for (let i = this.count - 1; i >= 0; i--) m[this.methodIdx[i] as number] = i;
      this.byMethod = m;
    }
    const m = this.byMethod;
    return Number.isInteger(methodIdx) && methodIdx >= 0 && methodIdx < m.length ? (m[methodIdx] as number) : -1;
  }

  /** code_item offset of method `methodIdx`, or -1 when it was not scanned. */
  codeOffOf(methodIdx: number): number {
    const r = this.rowOf(methodIdx);
    return r < 0 ? -1 : (this.codeOff[r] as number);
  }
}
