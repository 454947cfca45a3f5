import type { AppFacts } from './app-facts.js';
import type { CodeFacts, CodeSite } from './code.js';
import { flowAt, type FlowEvent } from './flow.js';

/**
 * Whether the result of a method becomes key material: followed through the methods that return
 * it (a hashing helper's `md5(String)` wrapping `rawMD5(byte[])`; each overload on its own), into
 * a key or IV constructor, directly or through one method that hands its argument to one
 * (`AES128Decode(key, data)`). Flow within a method is flowEvents (src/facts/flow.ts).
 */

/** Constructors whose argument at the index is key material. */
const KEY_SPECS: readonly (readonly [callee: string, arg: number, api: string])[] = [
  ['Ljavax/crypto/spec/SecretKeySpec;-><init>([B', 1, 'SecretKeySpec'],
  ['Ljavax/crypto/spec/IvParameterSpec;-><init>([B', 1, 'IvParameterSpec'],
  ['Ljavax/crypto/spec/DESKeySpec;-><init>([B', 1, 'DESKeySpec'],
  ['Ljavax/crypto/spec/DESedeKeySpec;-><init>([B', 1, 'DESedeKeySpec'],
];
/** Returning methods followed up from the producer; deeper chains are not followed. */
const MAX_DEPTH = 3;
/** Call sites read per producer, so that a hash helper called from everywhere stays cheap. */
const MAX_CALLERS = 300;
const RETURNS_VALUE = /\)(\[B|Ljava\/lang\/String;)$/;

export interface KeyUse {
  /** The call in the method that builds the key (the key constructor, or the call handing it on). */
  site: CodeSite;
  /** The key constructor: SecretKeySpec, IvParameterSpec… */
  api: string;
}

function keySpec(e: FlowEvent, isKey: (arg: FlowEvent['args'][number]) => boolean): string | undefined {
  for (const [callee, arg, api] of KEY_SPECS) if (e.callee.startsWith(callee) && isKey(e.args[arg])) return api;
  return undefined;
}

export class KeyFlow {
  private readonly handsOn = new Map<string, string | undefined>();
  private keyMethods: Set<string> | undefined;

  constructor(
    private readonly facts: AppFacts,
    private readonly code: CodeFacts,
  ) {}

  /** Where the value returned by the method at `site` becomes key material, if anywhere live. */
  becomesKey(site: CodeSite): KeyUse | undefined {
    const code = this.code;
    const start = code.callerRef(site);
    const producers = new Set([start]);
    const callers: CodeSite[] = [];
    let frontier = [start];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const p of frontier) {
        const arrow = p.indexOf('->');
        // Overloads are told apart: obfuscated helpers share one-letter names (a(byte[]) is SHA-1,
        // a(InputStream) MD5, a(String, String) AES).
        const sites = code.invokesOf(p.slice(0, arrow), p.slice(arrow + 2, p.indexOf('('))).filter((c) => code.calleeRef(c) === p).slice(0, MAX_CALLERS);
        for (const c of sites) {
          if (!this.facts.isLiveSite(c)) continue;
          callers.push(c);
          const ref = code.callerRef(c);
          if (!producers.has(ref) && RETURNS_VALUE.test(ref)) {
            producers.add(ref);
            next.push(ref);
          }
        }
      }
      frontier = next;
    }
    const seen = new Set<string>();
    const isSource = (callee: string): string | undefined => (producers.has(callee) ? 'digest' : undefined);
    // The method itself may make the key of what it computes (digest() in the method that asked for MD5).
    const own = (callee: string): string | undefined => (callee.startsWith('Ljava/security/MessageDigest;->digest(') ? 'digest' : undefined);
    const mine = this.keyIn(site, own);
    if (mine !== undefined) return mine;
    seen.add(`${site.unit.index}:${site.caller}`);
    for (const c of callers) {
      const key = `${c.unit.index}:${c.caller}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const use = this.keyIn(c, isSource);
      if (use !== undefined) return use;
    }
    return undefined;
  }

  /**
   * Methods that may build a key (`unit:method`): those calling a key constructor, and the callers
   * of those that take arguments (one may be the key handed on). Only these are read value by value.
   */
  private mayBuildKey(c: CodeSite): boolean {
    if (this.keyMethods === undefined) {
      const code = this.code;
      const out = new Set<string>();
      for (const [callee] of KEY_SPECS) {
        const cls = callee.slice(0, callee.indexOf('->'));
        for (const site of code.invokesOf(cls, '<init>')) {
          out.add(`${site.unit.index}:${site.caller}`);
          const ref = code.callerRef(site);
          const arrow = ref.indexOf('->');
          const params = ref.slice(ref.indexOf('(') + 1, ref.indexOf(')'));
          if (params === '') continue;
          for (const up of code.invokesOf(ref.slice(0, arrow), ref.slice(arrow + 2, ref.indexOf('(')))) out.add(`${up.unit.index}:${up.caller}`);
        }
      }
      this.keyMethods = out;
    }
    return this.keyMethods.has(`${c.unit.index}:${c.caller}`);
  }

  /** A key built, in the method of `c`, from a value of a `isSource` call. */
  private keyIn(c: CodeSite, isSource: (callee: string) => string | undefined): KeyUse | undefined {
    if (!this.mayBuildKey(c)) return undefined;
    for (const e of flowAt({ code: this.code }, c, isSource)) {
      const direct = keySpec(e, (a) => a?.t === 'tainted');
      if (direct !== undefined) return { site: { ...c, pc: e.pc }, api: direct };
      for (let i = 0; i < e.args.length; i++) {
        if (e.args[i]?.t !== 'tainted') continue;
        const api = this.argumentBecomesKey(e.callee, i);
        if (api !== undefined) return { site: { ...c, pc: e.pc }, api };
      }
    }
    return undefined;
  }

  /** Whether the app's method `callee` passes its argument word `index` to a key constructor. */
  private argumentBecomesKey(callee: string, index: number): string | undefined {
    const memoKey = `${callee}#${index}`;
    if (this.handsOn.has(memoKey)) return this.handsOn.get(memoKey);
    let found: string | undefined;
    const arrow = callee.indexOf('->');
    const paren = callee.indexOf('(');
    const cls = callee.slice(0, arrow);
    const name = callee.slice(arrow + 2, paren);
    const proto = callee.slice(paren);
    const def = this.code.hierarchy.methodsOf(cls).find((m) => m.name === name && m.proto === proto);
    const unit = def === undefined ? undefined : this.code.units[def.dexIndex];
    if (def !== undefined && unit !== undefined) {
      for (const e of flowAt({ code: this.code }, { unit, caller: def.methodIdx })) {
        found = keySpec(e, (a) => a?.t === 'param' && a.index === index);
        if (found !== undefined) break;
      }
    }
    this.handsOn.set(memoKey, found);
    return found;
  }
}
