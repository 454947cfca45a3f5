import type { AppFacts } from '../../src/facts/app-facts.js';
import type { CodeSite } from '../../src/facts/code.js';
import { constOf, eventAt, type Tag } from '../../src/facts/flow.js';

/** Call sites of an API whose argument at `index` passes `test` (its constant value, and its tag). */
export function callsWithArg(facts: AppFacts, cls: string, name: string, index: number, test: (v: string | number | undefined, tag: Tag | undefined) => boolean): CodeSite[] {
  const code = facts.code;
  if (code === undefined) return [];
  // Only where the code can run: a setting in a method nothing calls changes no WebView.
  return code.invokesOf(cls, name).filter((s) => {
    if (!facts.isLiveSite(s)) return false;
    const ev = eventAt(facts, s);
    return ev !== undefined && test(constOf(ev.args[index]), ev.args[index]);
  });
}

/** `WebSettings.setJavaScriptEnabled(true)` call sites: where a WebView runs page scripts. */
export function javaScriptEnabledSites(facts: AppFacts): CodeSite[] {
  return callsWithArg(facts, 'Landroid/webkit/WebSettings;', 'setJavaScriptEnabled', 1, (v) => v === 1);
}
