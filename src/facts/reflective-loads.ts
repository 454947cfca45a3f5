import { ACC_PRIVATE, ACC_STATIC } from '../dex/class-def.js';
import { instructions } from '../dex/method-analysis.js';
import { F_IF, F_METHOD_REF, F_WRITES_A, F_WRITES_WIDE, OPCODE_FLAGS } from '../dex/opcodes.js';
import { isPledgeError } from '../util/errors.js';
import type { CodeFacts, CodeSite } from './code.js';

/**
 * Classes loaded by a computed name (`Class.forName(prefix + x)`, `ClassLoader.loadClass(name)`):
 * what the bytes say of the names they may load and of what the code does with the class. An SDK
 * that picks platform classes from a configuration file creates them this way, so the liveness
 * model (liveness.ts) takes any class such a load may create as instantiated. How far that
 * reaches decides how much dead code looks live, so each load is narrowed by what its own method
 * shows, never by guesses:
 * - the constant start and end of the name (`getName() + "$Stub"` only loads `…$Stub` classes);
 * - what happens to the class: a load whose class is only asked for a method, a field or its
 *   existence creates nothing; `newInstance()` cast to T creates a T; any other use (returned,
 *   stored, passed on) may create anything.
 * A name that arrives as an argument is followed up to MAX_CALLS_UP calls up: a helper such as
 * javac's `class$` whose callers all pass constants loads only those (quoted) classes.
 */
export interface ReflectiveLoad {
  /** `Lcls;->m(…)R` of the method that holds the load: it creates something only if it runs. */
  method: string;
  /** Namespace of the code that computes the name. */
  namespace: string;
  /** Constant start and end of the binary name (`com.a.B$C`), '' when unknown. */
  prefix: string;
  suffix: string;
  /** What the loaded class is used for: nothing created, instances of a type, or unknown (anything). */
  creates: 'nothing' | { castTo: string } | 'anything';
}

// Vendors whose second package segment is shared by unrelated products: their namespace is three segments.
const WIDE_VENDORS = /^L(com\/(google|tencent|baidu|alibaba|alipay|huawei|xiaomi|amap|umeng|sina|facebook|bytedance|ss)|cn\/(com)|org\/(apache))\//;

/** `Lcn/sharesdk/twitter/a;` → `cn/sharesdk` (`com/tencent/mm` for wide vendors): what one SDK's reflection may reach. */
export function namespaceOf(cls: string): string {
  const parts = cls.slice(1, -1).split('/');
  const n = WIDE_VENDORS.test(cls) ? 3 : 2;
  return parts.slice(0, Math.min(n, parts.length - 1)).join('/');
}

// Calls on a Class that look at it without creating an instance (a static method called by
// reflection is found through its quoted name, liveness.ts).
const INSPECTS = /^Ljava\/lang\/Class;->(getMethod|getDeclaredMethod|getMethods|getDeclaredMethods|getField|getDeclaredField|getFields|getDeclaredFields|getName|getSimpleName|getCanonicalName|isAssignableFrom|isInstance|isInterface|getModifiers|getSuperclass|getInterfaces|getAnnotation|isAnnotationPresent|getPackage|getClassLoader|desiredAssertionStatus|hashCode|equals|toString)\(/;
const CREATES = /^Ljava\/lang\/Class;->newInstance\(/;
const CONSTRUCTOR = /^Ljava\/lang\/Class;->(getConstructor|getDeclaredConstructor|getConstructors|getDeclaredConstructors)\(/;
const CONSTRUCTS = /^Ljava\/lang\/reflect\/Constructor;->newInstance\(/;
const MOVE_RESULT = /^move-result/;
const MOVES = /^move(-object)?(\/from16|\/16)?$/;
const CONSTRUCTOR_INSPECTS = /^Ljava\/lang\/reflect\/(Constructor|AccessibleObject);->(setAccessible|getParameterTypes|getModifiers|isAccessible)\(/;

type Held = 'class' | 'constructor' | 'constructors' | 'instance';
/** Pieces of a string: known text, unknown text (null), or an argument word of the method. */
type Part = string | null | { param: number };
type Parts = Part[];

interface Scan {
  /** The pieces of the name at the site. */
  parts: Parts;
  creates: ReflectiveLoad['creates'];
}

/**
 * One forward pass over the method of a load site: the pieces of the name (StringBuilder appends
 * of constants and unknowns), then the uses of the loaded class. Branches do not reset state (the
 * approximation flow.ts makes); a use this pass does not understand counts as "anything".
 */
export function scanLoad(code: CodeFacts, site: CodeSite, nameArg: number): Scan | undefined {
  const off = code.codeOffOf(site.unit, site.caller);
  if (off === undefined) return undefined;
  const dex = site.unit.dex;
  const strings = new Map<number, Parts>();
  const params = new Map<number, number>();
  const held = new Map<number, Held>();
  let pendingParts: Parts | undefined;
  let pendingHeld: Held | undefined;
  let name: Parts | undefined;
  let creates: ReflectiveLoad['creates'] = 'nothing';
  const widen = (c: ReflectiveLoad['creates']): void => {
    if (creates === 'anything' || c === 'nothing') return;
    if (c === 'anything' || (creates !== 'nothing' && creates.castTo !== c.castTo)) creates = 'anything';
    else creates = c;
  };
  const ci = dex.codeItem(off);
  for (let i = 0; i < ci.insSize && i < ci.registersSize; i++) params.set(ci.registersSize - ci.insSize + i, i);
  const partsOf = (r: number | undefined): Parts | undefined => {
    if (r === undefined) return undefined;
    const p = params.get(r);
    return p !== undefined ? [{ param: p }] : strings.get(r);
  };
  const literals = new Map<number, string>();
  const forget = (r: number): void => {
    literals.delete(r);
    strings.delete(r);
    held.delete(r);
    params.delete(r);
  };
  for (const insn of instructions(dex, off)) {
    const regs = insn.registers;
    const a = regs[0];
    if (MOVE_RESULT.test(insn.name)) {
      if (a !== undefined) {
        forget(a);
        if (pendingParts !== undefined) strings.set(a, pendingParts);
        if (pendingHeld !== undefined) held.set(a, pendingHeld);
      }
      pendingParts = undefined;
      pendingHeld = undefined;
      continue;
    }
    // An instance created and its result dropped: its constructor ran, of a class nobody names.
    if (pendingHeld === 'instance') widen('anything');
    pendingParts = undefined;
    pendingHeld = undefined;
    if (insn.name === 'check-cast' && a !== undefined && held.get(a) === 'instance' && insn.index !== undefined) {
      widen({ castTo: dex.typeDescriptor(insn.index) });
      held.delete(a);
      continue;
    }
    if (MOVES.test(insn.name) && a !== undefined) {
      const b = regs[1] as number;
      const [s, h, p, l] = [strings.get(b), held.get(b), params.get(b), literals.get(b)];
      forget(a);
      if (l !== undefined) literals.set(a, l);
      if (s !== undefined) strings.set(a, s);
      if (h !== undefined) held.set(a, h);
      if (p !== undefined) params.set(a, p);
      continue;
    }
    if (insn.name === 'const-class' && a !== undefined && insn.index !== undefined) {
      forget(a);
      literals.set(a, dex.typeDescriptor(insn.index));
      continue;
    }
    if (insn.name.startsWith('const-string') && a !== undefined && insn.index !== undefined) {
      forget(a);
      strings.set(a, [dex.string(insn.index)]);
      continue;
    }
    if (insn.name === 'new-instance' && a !== undefined && insn.index !== undefined && /^Ljava\/lang\/String(Builder|Buffer);$/.test(dex.typeDescriptor(insn.index))) {
      forget(a);
      strings.set(a, []);
      continue;
    }
    const flags = OPCODE_FLAGS[insn.opcode] ?? 0;
    if ((flags & F_METHOD_REF) !== 0 && insn.index !== undefined) {
      const callee = dex.methodRefString(insn.index);
      if (insn.pc === site.pc) {
        name = partsOf(regs[nameArg]) ?? [null];
        pendingHeld = 'class';
        continue;
      }
      const b = regs[1];
      const arg = partsOf(b);
      if (/^Ljava\/lang\/String(Builder|Buffer);-><init>\(/.test(callee) && a !== undefined) {
        strings.set(a, !/^[^(]*\((Ljava\/lang\/String;|Ljava\/lang\/CharSequence;)\)/.test(callee.slice(callee.indexOf('->'))) ? [] : arg !== undefined ? [...arg] : [null]);
      } else if (/^Ljava\/lang\/String(Builder|Buffer);->append\(/.test(callee) && a !== undefined) {
        const sb = strings.get(a);
        if (sb !== undefined) {
          sb.push(...(arg ?? [null]));
          pendingParts = sb;
        }
      } else if (/^Ljava\/lang\/Class;->getName\(/.test(callee) && a !== undefined && literals.has(a)) {
        // `Foo.class.getName()`: a constant name the compiler wrote as a class literal.
        pendingParts = [(literals.get(a) as string).slice(1, -1).replace(/\//g, '.')];
      } else if (/^Ljava\/lang\/(String(Builder|Buffer)|Object|String);->toString\(/.test(callee) && a !== undefined) {
        const sb = strings.get(a);
        if (sb !== undefined) pendingParts = [...sb];
      }
      // What the call does with a register that holds the class, its constructor or an instance.
      for (const [k, r] of regs.entries()) {
        const h = held.get(r);
        if (h === undefined) continue;
        if (k === 0 && h === 'class' && INSPECTS.test(callee)) continue;
        if (k === 0 && h === 'class' && CREATES.test(callee)) pendingHeld = 'instance';
        else if (k === 0 && h === 'class' && CONSTRUCTOR.test(callee)) pendingHeld = /Constructors\(/.test(callee) ? 'constructors' : 'constructor';
        else if (k === 0 && h === 'constructor' && CONSTRUCTS.test(callee)) pendingHeld = 'instance';
        else if (k === 0 && h === 'constructor' && CONSTRUCTOR_INSPECTS.test(callee)) continue;
        else widen('anything');
      }
      continue;
    }
    const writesA = (flags & F_WRITES_A) !== 0;
    // Any other read of a held register (returned, stored, put in an array) lets it escape;
    // a null test does not.
    for (const [k, r] of regs.entries()) {
      if (!held.has(r) || (k === 0 && writesA) || (k === 0 && (flags & F_IF) !== 0 && regs.length === 1)) continue;
      widen('anything');
    }
    if (writesA && a !== undefined) {
      forget(a);
      if ((flags & F_WRITES_WIDE) !== 0) forget(a + 1);
    }
  }
  if (name === undefined) return undefined;
  return { parts: name, creates };
}

/** The constant start and end of a name's pieces ('' where unknown). */
function ends(parts: Parts): { prefix: string; suffix: string; constant: boolean } {
  const text = (p: Part | undefined): p is string => typeof p === 'string';
  let i = 0;
  while (text(parts[i])) i++;
  let j = parts.length;
  while (j > i && text(parts[j - 1])) j--;
  const join = (ps: Parts): string => ps.join('');
  return { prefix: join(parts.slice(0, i)), suffix: join(parts.slice(i === parts.length ? 0 : j)), constant: i === parts.length };
}

/** Every load of a class by a name that is not one constant, as far as the bytes narrow it. */
export function reflectiveLoads(code: CodeFacts): ReflectiveLoad[] {
  const out: ReflectiveLoad[] = [];
  const sites: [CodeSite, number][] = [
    ...code.invokesOf('Ljava/lang/Class;', 'forName').map((s): [CodeSite, number] => [s, 0]),
    ...code.invokesOfName('loadClass', (c) => code.isA(c, 'Ljava/lang/ClassLoader;')).map((s): [CodeSite, number] => [s, 1]),
  ];
  for (const [site, arg] of sites) {
    const method = code.callerRef(site);
    const scan = scanSite(code, site, arg);
    if (scan === undefined) {
      out.push({ method, namespace: namespaceOf(code.callerClass(site)), prefix: '', suffix: '', creates: 'anything' });
      continue;
    }
    if (scan.creates === 'nothing') continue;
    const seen = new Set<string>();
    for (const source of namesAt(code, site, scan.parts, 0, seen)) out.push({ method, ...source, creates: scan.creates });
  }
  return out;
}

interface NameSource {
  namespace: string;
  prefix: string;
  suffix: string;
}

function scanSite(code: CodeFacts, site: CodeSite, arg: number): Scan | undefined {
  try {
    return scanLoad(code, site, arg);
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    return undefined;
  }
}

// How many calls up a name passed as an argument is followed, and how many call sites one load
// may look at: MobTech's ReflectHelper passes a caller's name through newInstance →
// onNewInstance → getClass → importClass(String) → importClass(String, String), five calls.
const MAX_CALLS_UP = 6;
const MAX_SITES_PER_LOAD = 2000;

/**
 * The computed names a name template can stand for at a site: none when it is one constant (a
 * name the liveness model sees quoted); its own ends when it is built there; and, where it holds
 * an argument of the method, what that method's callers pass in its place, followed up to
 * MAX_CALLS_UP calls (`pkg + "." + name` in a helper whose callers pass "Foo" loads only classes
 * ending in ".Foo"). Callers that are not all known (an overridable method, or one whose name is
 * quoted for reflection) make that piece unknown.
 */
function namesAt(code: CodeFacts, site: CodeSite, parts: Parts, depth: number, seen: Set<string>, below: readonly string[] = []): NameSource[] {
  // The load's own namespace and those of the callers on the way: the code of any of them may
  // pick the class (MobTech's helper loads names its users pass).
  const spaces = [...new Set([...below, namespaceOf(code.callerClass(site))])];
  const refAt = parts.findIndex((p) => p !== null && typeof p === 'object');
  const ref = parts[refAt] as { param: number } | undefined;
  const own = (ps: Parts): NameSource[] => {
    const e = ends(ps.map((p) => (p !== null && typeof p === 'object' ? null : p)));
    return e.constant ? [] : spaces.map((namespace) => ({ namespace, prefix: e.prefix, suffix: e.suffix }));
  };
  if (ref === undefined) return own(parts);
  const dex = site.unit.dex;
  const key = `${dex.methodRefString(site.caller)}#${JSON.stringify(parts)}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const unknown = own(parts.map((p, i) => (i === refAt ? null : p)));
  if (seen.size > MAX_SITES_PER_LOAD || depth >= MAX_CALLS_UP) return unknown;
  const cls = dex.methodClass(site.caller);
  const name = dex.methodName(site.caller);
  const proto = dex.methodProto(site.caller);
  const def = code.hierarchy.methodsOf(cls).find((m) => m.name === name && m.proto === proto);
  if (def === undefined || ((def.accessFlags & (ACC_STATIC | ACC_PRIVATE)) === 0 && name !== '<init>')) return unknown;
  if (code.stringSitesEqual(name).length > 0) return unknown;
  // A static or private method nothing calls, and whose name no string holds, receives no name.
  const calls = code.invokesOf(cls, name).filter((s) => s.unit.dex.methodProto(s.ref) === proto);
  const out = new Map<string, NameSource>();
  for (const c of calls) {
    const up = scanSite(code, c, ref.param);
    const passed: Parts = up?.parts ?? [null];
    const sources = namesAt(code, c, [...parts.slice(0, refAt), ...passed, ...parts.slice(refAt + 1)], depth + 1, seen, spaces);
    for (const s of sources) out.set(`${s.namespace}|${s.prefix}|${s.suffix}`, s);
  }
  return [...out.values()];
}

/** Whether a load may create an instance of cls (a class descriptor). */
export function mayCreate(load: ReflectiveLoad, cls: string, isA: (cls: string, ancestor: string) => boolean): boolean {
  if (load.creates === 'nothing') return false;
  const binary = cls.slice(1, -1).replace(/\//g, '.');
  if (!binary.startsWith(load.prefix) || !binary.endsWith(load.suffix)) return false;
  return load.creates === 'anything' || isA(cls, load.creates.castTo);
}
