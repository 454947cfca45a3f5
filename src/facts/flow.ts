import type { DexFile } from '../dex/dex-file.js';
import { instructions } from '../dex/method-analysis.js';
import { F_METHOD_REF, F_WRITES_A, F_WRITES_WIDE, OPCODE_FLAGS } from '../dex/opcodes.js';
import type { CodeFacts, CodeSite } from './code.js';

/** What the flow helpers need of the app's facts (not AppFacts itself, which is built from this module). */
interface WithCode {
  readonly code?: Pick<CodeFacts, 'codeOffOf'> | undefined;
}
import { isPledgeError } from '../util/errors.js';

/**
 * What a register is known to hold during a forward pass over one method: a constant, the bytes of
 * a constant string, a value derived from a tainting call, or an object: created here
 * (`new-instance`, `site` is its pc) or read from a field (`site` absent, `field` the pc of the
 * read), with its class; a
 * class literal (`const-class`); or an argument the method received, not yet overwritten.
 */
export type Tag =
  | { t: 'const'; value: string | number }
  | { t: 'bytes'; of: string }
  | { t: 'tainted'; by: string }
  | { t: 'object'; cls: string; site?: number; field?: number }
  | { t: 'class'; cls: string }
  // The method's incoming argument word `index` (0 is `this` for an instance method), unchanged.
  | { t: 'param'; index: number };

export interface FlowEvent {
  pc: number;
  /** `Lcls;->name(…)R` of the invoked method. */
  callee: string;
  /** Tags of the argument registers (index 0 is `this` for instance calls). */
  args: (Tag | undefined)[];
}

const ARRAYCOPY = 'Ljava/lang/System;->arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V';

/** Tags that a copy or an encoding of the value keeps: derived from a source, or an argument. */
function carried(tag: Tag | undefined): boolean {
  return tag?.t === 'tainted' || tag?.t === 'param';
}

const MOVE_RESULT = new Set(['move-result', 'move-result-object', 'move-result-wide']);
const MOVES = new Set(['move', 'move/from16', 'move/16', 'move-object', 'move-object/from16', 'move-object/16']);

/**
 * A single forward pass over one method that follows three things a reviewer cares about:
 * constants (numbers and strings), the bytes of a constant string (`"key".getBytes()`,
 * `Base64.decode("…")`), and values derived from a tainting call (`isSource(callee)`), carried
 * through StringBuilder appends and `toString()`; such a value, or an argument, is also carried
 * through `getBytes()` and `System.arraycopy`. Branches do not reset state (the same
 * approximation as invokeArguments); good enough to see a key or an IMEI flow within a method.
 */
export function flowEvents(dex: DexFile, codeOff: number, isSource: (callee: string) => string | undefined): FlowEvent[] {
  const regs = new Map<number, Tag>();
  const out: FlowEvent[] = [];
  let pending: Tag | undefined;
  const ci = dex.codeItem(codeOff);
  for (let i = 0; i < ci.insSize && i < ci.registersSize; i++) regs.set(ci.registersSize - ci.insSize + i, { t: 'param', index: i });
  for (const insn of instructions(dex, codeOff)) {
    const flags = OPCODE_FLAGS[insn.opcode] ?? 0;
    const name = insn.name;
    const a = insn.registers[0];
    if (MOVE_RESULT.has(name)) {
      if (a !== undefined) {
        if (pending !== undefined) regs.set(a, pending);
        else regs.delete(a);
      }
      pending = undefined;
      continue;
    }
    pending = undefined;
    if (name.startsWith('const-string') && a !== undefined && insn.index !== undefined) {
      regs.set(a, { t: 'const', value: dex.string(insn.index) });
      continue;
    }
    if (/^const(\/4|\/16|\/high16)?$/.test(name) && a !== undefined && typeof insn.literal === 'number') {
      regs.set(a, { t: 'const', value: insn.literal });
      continue;
    }
    if (name === 'const-class' && a !== undefined && insn.index !== undefined) {
      regs.set(a, { t: 'class', cls: dex.typeDescriptor(insn.index) });
      continue;
    }
    if (name === 'new-instance' && a !== undefined && insn.index !== undefined) {
      regs.set(a, { t: 'object', cls: dex.typeDescriptor(insn.index), site: insn.pc });
      continue;
    }
    if ((name.startsWith('iget-object') || name.startsWith('sget-object')) && a !== undefined && insn.index !== undefined) {
      regs.set(a, { t: 'object', cls: dex.fieldType(insn.index), field: insn.pc });
      continue;
    }
    if (MOVES.has(name) && a !== undefined) {
      const src = regs.get(insn.registers[1] as number);
      if (src !== undefined) regs.set(a, src);
      else regs.delete(a);
      continue;
    }
    if ((flags & F_METHOD_REF) !== 0 && insn.index !== undefined) {
      const callee = dex.methodRefString(insn.index);
      const args = insn.registers.map((r) => regs.get(r));
      out.push({ pc: insn.pc, callee, args });
      const source = isSource(callee);
      if (source !== undefined) {
        pending = { t: 'tainted', by: source };
      } else if (callee.startsWith('Ljava/lang/String;->getBytes') && args[0]?.t === 'const') {
        pending = { t: 'bytes', of: String(args[0].value) };
      } else if (callee.startsWith('Ljava/lang/String;->getBytes') && carried(args[0])) {
        // The bytes of a tainted string, or of an argument, are that value still.
        pending = args[0];
      } else if (callee === ARRAYCOPY && carried(args[0]) && insn.registers[2] !== undefined) {
        // System.arraycopy(src, …, dest, …): a key copied into a fixed-size array is the key.
        regs.set(insn.registers[2], args[0] as Tag);
      } else if (callee.startsWith('Landroid/util/Base64;->decode') && args[0]?.t === 'const') {
        pending = { t: 'bytes', of: String(args[0].value) };
      } else if (/^Ljava\/lang\/String(Builder|Buffer);->append/.test(callee)) {
        const appended = args[1];
        const builder = insn.registers[0];
        if (appended?.t === 'tainted' && builder !== undefined) regs.set(builder, appended);
        pending = builder === undefined ? undefined : regs.get(builder);
      } else if (/^Ljava\/lang\/(StringBuilder|StringBuffer|String|Object);->(toString|valueOf)/.test(callee)) {
        pending = args.find((x) => x?.t === 'tainted');
      } else if (/^Ljava\/lang\/String;->(format|concat)/.test(callee)) {
        pending = args.find((x) => x?.t === 'tainted');
      }
      continue;
    }
    if ((flags & F_WRITES_A) !== 0 && a !== undefined) {
      regs.delete(a);
      if ((flags & F_WRITES_WIDE) !== 0) regs.delete(a + 1);
    }
  }
  return out;
}

/** Flow events of the method holding a site, or [] when its code cannot be decoded. */
export function flowAt(facts: WithCode, site: Pick<CodeSite, 'unit' | 'caller'>, isSource: (callee: string) => string | undefined = () => undefined): FlowEvent[] {
  const off = facts.code?.codeOffOf(site.unit, site.caller);
  if (off === undefined) return [];
  try {
    return flowEvents(site.unit.dex, off, isSource);
  } catch (e) {
    if (isPledgeError(e)) return [];
    throw e;
  }
}

/** The invoke at a site's pc, with its argument tags. */
export function eventAt(facts: WithCode, site: CodeSite): FlowEvent | undefined {
  return flowAt(facts, site).find((e) => e.pc === site.pc);
}

export function constOf(tag: Tag | undefined): string | number | undefined {
  return tag?.t === 'const' ? tag.value : undefined;
}
