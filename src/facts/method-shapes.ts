import { hasNoBranch, isReturnVoidOnly, returnsConstantTrue } from '../dex/method-analysis.js';
import type { DexFile } from '../dex/dex-file.js';
import { isPledgeError } from '../util/errors.js';
import type { AppFacts } from './app-facts.js';
import type { CodeSite } from './code.js';

/**
 * The shapes of method bodies the security checks look for (clause 10): a body that does nothing,
 * one that only returns true, one without a branch. A method whose code cannot be decoded has no
 * shape: it is never reported on the strength of code that was not read.
 */

/** A method of the app (or of an SDK in it) that overrides a framework method, and has code. */
export interface Override {
  /** Descriptor of the implementing class, `Lcom/a/B;`. */
  cls: string;
  /** The DEX entry that defines the class. */
  entry: string;
  /** Method key `Lcom/a/B;->name(…)R`. */
  method: string;
  dexIndex: number;
  codeOff: number;
}

/**
 * Implementations of a framework interface or class and their `name` methods that have code and
 * that something can run (a TrustManager class nobody creates accepts nothing).
 */
export function overridesOf(facts: AppFacts, ancestor: string, name: string): Override[] {
  const code = facts.code;
  if (code === undefined) return [];
  const out: Override[] = [];
  for (const { cls, methods } of code.hierarchy.implementationsOf(ancestor, name)) {
    const dex = code.hierarchy.dexes[cls.dexIndex];
    if (dex === undefined) continue;
    for (const m of methods) {
      const method = `${cls.descriptor}->${m.name}${m.proto}`;
      if (m.codeOff !== 0 && facts.isLive(method)) out.push({ cls: cls.descriptor, entry: dex.entry, method, dexIndex: cls.dexIndex, codeOff: m.codeOff });
    }
  }
  return out;
}

/** A predicate on decoded code that must not throw on malformed methods (they count as "not shown"). */
function safely(f: () => boolean): boolean {
  try {
    return f();
  } catch (e) {
    if (isPledgeError(e)) return false;
    throw e;
  }
}

function shapeOf(facts: AppFacts, o: Override, test: (dex: DexFile, codeOff: number) => boolean): boolean {
  const dex = facts.code?.hierarchy.dexes[o.dexIndex];
  return dex !== undefined && safely(() => test(dex, o.codeOff));
}

/** The override does nothing: its only instruction (nops aside) is `return-void`. */
export function doesNothing(facts: AppFacts, o: Override): boolean {
  return shapeOf(facts, o, isReturnVoidOnly);
}

/** The override returns the constant true and does nothing else. */
export function alwaysReturnsTrue(facts: AppFacts, o: Override): boolean {
  return shapeOf(facts, o, returnsConstantTrue);
}

/** The override has no conditional branch and no switch. */
export function hasNoBranchIn(facts: AppFacts, o: Override): boolean {
  return shapeOf(facts, o, hasNoBranch);
}

/** The method holding a call site has no conditional branch and no switch: the call is unconditional. */
export function callerHasNoBranch(facts: AppFacts, site: CodeSite): boolean {
  const off = facts.code?.codeOffOf(site.unit, site.caller);
  return off !== undefined && safely(() => hasNoBranch(site.unit.dex, off));
}
