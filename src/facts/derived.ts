import type { AppFacts } from './app-facts.js';

/**
 * A fact derived from other facts, computed once per app on first use: the one caching idiom of
 * the facts layer. Declared where the fact is defined:
 *   export const loginEvidence = derivedFact((facts) => …);
 */
export function derivedFact<T>(compute: (facts: AppFacts) => T): (facts: AppFacts) => T {
  const key = Symbol(compute.name);
  return (facts) => facts.once(key, () => compute(facts));
}
