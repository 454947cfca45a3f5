import { ACC_NATIVE, ACC_PRIVATE, ACC_STATIC } from '../dex/class-def.js';
import type { DefinedMethod } from '../dex/hierarchy.js';
import { findStringIdx } from '../dex/lookup.js';
import type { Manifest } from '../manifest/model.js';
import { PledgeError } from '../util/errors.js';
import { groupRows, type CodeFacts, type CodeSite, type DexUnit, type RefIndex } from './code.js';
import { flowAt } from './flow.js';
import { LIMITS } from '../util/limits.js';
import { mayCreate, namespaceOf, reflectiveLoads, type ReflectiveLoad } from './reflective-loads.js';
import { instructions } from '../dex/method-analysis.js';

/**
 * Dead code: methods no entry point can reach. Libraries and SDKs ship whole utility classes of
 * which an app uses a few methods; a PI read or a weak hash in a method nothing calls is not
 * something the app does. A finding in such a method is false as worded, so checks that speak of
 * what the code does ask here first.
 *
 * The question is answered on demand, backwards: the methods that can reach M are collected by
 * following call sites to M, resolved by name and proto over M's class and its descendants, and
 * over its ancestors only when an instance of M's class can exist (dispatch). M is live as soon
 * as that set holds an entry point; dead only when the whole set is known and holds none.
 * Everything uncertain counts as an entry point, so an answer of "dead" is one the bytes support:
 * - static initialisers (run when anything touches the class: not tracked here);
 * - classes the manifest declares, classes of native methods (JNI calls back by name), classes
 *   named as a value by other code (`Foo.class`, except an activity, service or provider the
 *   manifest does not declare: Android never starts one) or quoted in a const-string;
 * - constructors of classes the framework creates by name (views, fragments, workers…: any
 *   class with an external ancestor other than the ones listed in NOT_CREATED_BY_NAME), of
 *   Serializable/Parcelable classes, and of the classes that a load by a computed name may
 *   create (a live `Class.forName(…)` in their namespace whose name and use admit them:
 *   reflective-loads.ts);
 * - instance methods of a class that can be instantiated and that may override something outside
 *   the app (any external ancestor, or Object's methods), and public instance methods of
 *   JavaScript interface classes (every class, when one such object cannot be resolved);
 * - methods of classes the app does not define, and searches over the bound.
 * A method whose name is quoted in a const-string may be called by reflection: the method holding
 * the quote counts as its caller (the string exists only when that method runs).
 */

// External superclasses whose subclasses the framework never instantiates by name on its own: a
// subclass of these exists only when code (or, for components, the manifest) creates it.
const NOT_CREATED_BY_NAME = new Set([
  'Ljava/lang/Object;',
  'Ljava/lang/Thread;',
  'Landroid/os/Handler;',
  'Landroid/os/AsyncTask;',
  'Ljava/util/TimerTask;',
  'Landroid/webkit/WebViewClient;',
  'Landroid/webkit/WebChromeClient;',
  'Landroid/content/BroadcastReceiver;',
  'Landroid/database/ContentObserver;',
  'Landroid/telephony/PhoneStateListener;',
  'Landroid/os/Binder;',
  'Landroid/os/HandlerThread;',
  'Landroid/os/CountDownTimer;',
  'Landroid/os/FileObserver;',
  'Landroid/app/Dialog;',
  'Landroid/app/AlertDialog;',
  'Landroid/app/ProgressDialog;',
  'Landroid/app/DatePickerDialog;',
  'Landroid/app/TimePickerDialog;',
  'Landroid/widget/PopupWindow;',
  'Landroid/widget/BaseAdapter;',
  'Landroid/widget/ArrayAdapter;',
  'Landroid/text/style/ClickableSpan;',
  'Landroid/animation/AnimatorListenerAdapter;',
  'Landroid/view/GestureDetector$SimpleOnGestureListener;',
  'Landroid/database/sqlite/SQLiteOpenHelper;',
  'Ljava/lang/Throwable;',
  'Ljava/lang/Exception;',
  'Ljava/lang/RuntimeException;',
  'Ljava/io/IOException;',
  'Ljava/io/InputStream;',
  'Ljava/io/OutputStream;',
  'Ljava/io/FilterInputStream;',
  'Ljava/io/FilterOutputStream;',
  'Ljava/lang/ref/WeakReference;',
]);

// Components Android creates only when the manifest declares them.
const COMPONENT_BASES = ['Landroid/app/Activity;', 'Landroid/app/Service;', 'Landroid/content/ContentProvider;', 'Landroid/app/Application;', 'Landroid/content/BroadcastReceiver;'];
// Components only the system starts: a `Foo.class` handed to an Intent starts nothing unless the
// manifest declares Foo (receivers can be registered from code, and code creating one is seen).
const STARTED_ONLY_WHEN_DECLARED = ['Landroid/app/Activity;', 'Landroid/app/Service;', 'Landroid/content/ContentProvider;'];

const CREATED_BY_DESERIALISATION = ['Ljava/io/Serializable;', 'Landroid/os/Parcelable;'];
// javac's and d8's names for anonymous classes: `Outer$1`, `Outer$1$2`.
const ANONYMOUS_CLASS = /\$\d+;$/;
const OBJECT_METHODS = new Set(['toString', 'equals', 'hashCode', 'finalize', 'clone']);

const MAX_NODES = LIMITS.livenessNodes.value;

interface Node {
  cls: string;
  name: string;
  proto: string;
  def: DefinedMethod | undefined;
}

export class Liveness {
  private readonly memo = new Map<string, boolean>();
  private readonly declared = new Set<string>();
  private readonly byName: (RefIndex | undefined)[] = [];
  private readonly rootClass = new Map<string, boolean>();
  private js: { classes: Set<string>; unresolved: boolean } | undefined;
  private readonly methods = new Map<string, DefinedMethod[]>();
  private readonly created = new Map<string, boolean>();

  constructor(
    private readonly code: CodeFacts,
    manifest: Manifest,
    /** Classes passed to addJavascriptInterface, or undefined for a call whose object is not known. */
    private readonly jsInterfaceClasses: () => (string | undefined)[],
  ) {
    const add = (name: string | undefined): void => {
      if (name !== undefined && name !== '') this.declared.add(`L${name.replace(/\./g, '/')};`);
    };
    add(manifest.application?.className);
    add(manifest.application?.appComponentFactory);
    for (const c of manifest.components) {
      add(c.name);
      add(c.targetActivity);
    }
    // androidx.startup initializers, Glide modules and the like are named in meta-data.
    for (const m of [...manifest.metaData, ...manifest.components.flatMap((c) => c.metaData)]) {
      add(m.name);
      const v = m.value?.text;
      if (typeof v === 'string' && /^[a-zA-Z_][\w$]*(\.[a-zA-Z_][\w$]*)+$/.test(v)) add(v);
    }
  }

  /**
   * For a reviewer (and the tests): the chain of methods from an entry point to the method, when
   * it is live and the search found one (a memoised answer gives the chain to the first method
   * already known live).
   */
  explain(methodKey: string): string[] | undefined {
    this.memo.delete(methodKey);
    this.trace = new Map();
    try {
      return this.isLive(methodKey) ? this.lastChain : undefined;
    } finally {
      this.trace = undefined;
    }
  }

  private trace: Map<string, string> | undefined;
  private lastChain: string[] | undefined;

  /** Whether the method `cls->name(proto)` (a method key) can run from some entry point. */
  isLive(methodKey: string): boolean {
    const hit = this.memo.get(methodKey);
    if (hit !== undefined) return hit;
    const start = this.node(methodKey);
    if (start === undefined) return true;
    const seen = new Set<string>([methodKey]);
    const queue: Node[] = [start];
    try {
      for (let i = 0; i < queue.length; i++) {
        const n = queue[i] as Node;
        const key = `${n.cls}->${n.name}${n.proto}`;
        if (this.memo.get(key) === true || this.isEntry(n)) {
          if (this.trace !== undefined) {
            const chain = [key];
            for (let k = this.trace.get(key); k !== undefined; k = this.trace.get(k)) chain.push(k);
            this.lastChain = chain;
          }
          return this.settle(seen, methodKey, true);
        }
        for (const p of this.predecessors(n)) {
          const pk = `${p.cls}->${p.name}${p.proto}`;
          if (seen.has(pk)) continue;
          if (this.memo.get(pk) === false) continue;
          seen.add(pk);
          this.trace?.set(pk, key);
          if (seen.size > MAX_NODES) return this.settle(new Set(), methodKey, true);
          queue.push(p);
        }
      }
    } catch (e) {
      // A damaged table somewhere on the way: no claim that the code is dead.
      if (e instanceof PledgeError) return this.settle(new Set(), methodKey, true);
      throw e;
    }
    // No entry point reaches any method of the set: all of them are dead.
    return this.settle(seen, methodKey, false);
  }

  private settle(nodes: Set<string>, key: string, live: boolean): boolean {
    // A live answer says nothing of the other nodes; a dead one covers the whole closed set.
    const log = this.provisional[this.provisional.length - 1];
    if (!live) {
      for (const k of nodes) this.memo.set(k, false);
      log?.memo.push(...nodes, key);
    }
    this.memo.set(key, live);
    return live;
  }

  /**
   * Dead answers (and "never created" ones) found while a class's own instantiation was taken as
   * false: they stand if it is not created, and are forgotten if it is.
   */
  private readonly provisional: { memo: string[]; created: string[] }[] = [];

  private node(methodKey: string): Node | undefined {
    const arrow = methodKey.indexOf('->');
    const paren = methodKey.indexOf('(', arrow);
    if (arrow < 0 || paren < 0) return undefined;
    const cls = methodKey.slice(0, arrow);
    const name = methodKey.slice(arrow + 2, paren);
    const proto = methodKey.slice(paren);
    const def = this.methodsOf(cls).find((m) => m.name === name && m.proto === proto);
    return { cls, name, proto, def };
  }

  private isEntry(n: Node): boolean {
    // Not defined by the app (an inherited framework method named through the app's class), or abstract.
    if (n.def === undefined || (n.def.codeOff === 0 && (n.def.accessFlags & ACC_NATIVE) === 0)) return true;
    if (n.name === '<clinit>') return true;
    if (this.isRootClass(n.cls)) return true;
    const flags = n.def.accessFlags;
    const isStatic = (flags & ACC_STATIC) !== 0;
    if (n.name === '<init>') return this.createdByName(n.cls);
    if (isStatic || (flags & ACC_PRIVATE) !== 0) return false;
    // An instance method the framework (or JavaScript) may call, once an instance exists.
    const callback = OBJECT_METHODS.has(n.name) || this.hasExternalAncestor(n.cls) || this.jsCallable(n.cls);
    return callback && this.instantiated(n.cls);
  }

  /**
   * Whether an instance of cls (or of a subclass) can exist: a constructor is live, or something
   * outside the code creates it. A class asked again while its own answer is being worked out
   * counts as not created (the least fixed point: an object whose only creation needs an object
   * of its own class is never created); answers that leaned on that are forgotten when the class
   * turns out to be created after all, so the assumption never makes live code look dead.
   */
  private instantiated(cls: string): boolean {
    const hit = this.created.get(cls);
    if (hit !== undefined) return hit;
    this.created.set(cls, false);
    const log = { memo: [] as string[], created: [] as string[] };
    this.provisional.push(log);
    const h = this.code.hierarchy;
    let yes = false;
    try {
      for (const c of [cls, ...h.subclassesOf(cls, 512).map((i) => i.descriptor)]) {
        if (this.isRootClass(c) || this.createdByName(c) || (this.methodsOf(c).some((m) => m.name === '<init>' && this.isLive(`${c}->${m.name}${m.proto}`)) && this.someUsableConstruction(c))) {
          yes = true;
          break;
        }
      }
    } finally {
      this.provisional.pop();
    }
    const parent = this.provisional[this.provisional.length - 1];
    if (yes) {
      for (const k of log.memo) this.memo.delete(k);
      for (const c of log.created) this.created.delete(c);
    } else if (parent !== undefined) {
      parent.memo.push(...log.memo);
      parent.created.push(...log.created, cls);
    }
    this.created.set(cls, yes);
    return yes;
  }

  /** Some `new cls(…)` can yield an object code can use (see isUsedConstruction); true when no call site is recorded. */
  private someUsableConstruction(cls: string): boolean {
    const sites = this.code.invokesOf(cls, '<init>');
    return sites.length === 0 || sites.some((s) => this.isUsedConstruction(s));
  }

  /**
   * Whether the object a constructor call site creates can be used: the site can run and, when it
   * is a static initialiser that only stores the object in a static field whose reads the scan
   * records (framework and legacy Apache HTTP classes), live code reads that field. A library's
   * `static final X = new T()` defines a constant; it is used only where X is read.
   */
  isUsedConstruction(site: CodeSite): boolean {
    if (!this.isLive(site.unit.dex.methodRefString(site.caller))) return false;
    if (site.unit.dex.methodName(site.caller) !== '<clinit>') return true;
    const field = this.staticStoreAfter(site);
    if (field === undefined) return true;
    const dex = site.unit.dex;
    const cls = dex.fieldClass(field);
    if (!this.code.recordsStaticReadsOf(cls)) return true;
    return this.code.fieldReadsOf(cls, dex.fieldName(field)).some((r) => this.isLive(r.unit.dex.methodRefString(r.caller)));
  }

  /**
   * The static field the object of an `<init>` call site goes to, when the next use of its
   * register is `sput-object` (directly, or after `aput-object` into an array that is then stored:
   * `static final TrustManager[] TMS = { new T() }`); undefined for any other use.
   */
  private staticStoreAfter(site: CodeSite): number | undefined {
    const off = this.code.codeOffOf(site.unit, site.caller);
    if (off === undefined) return undefined;
    try {
      const held = new Set<number>();
      for (const insn of instructions(site.unit.dex, off)) {
        if (insn.pc < site.pc) continue;
        if (insn.pc === site.pc) {
          const r = insn.registers[0];
          if (r === undefined) return undefined;
          held.add(r);
          continue;
        }
        if (!insn.registers.some((r) => held.has(r))) continue;
        const [a, b] = insn.registers;
        if (insn.name === 'aput-object' && a !== undefined && b !== undefined && held.has(a) && !held.has(b)) {
          held.delete(a);
          held.add(b);
          continue;
        }
        return insn.name === 'sput-object' && a !== undefined && held.has(a) && held.size === 1 ? insn.index : undefined;
      }
    } catch (e) {
      if (e instanceof PledgeError) return undefined;
      throw e;
    }
    return undefined;
  }

  /** Who can make n run: callers of it, and (for a possible override) whatever creates its class. */
  private *predecessors(n: Node): Generator<Node> {
    const flags = n.def?.accessFlags ?? 0;
    const isStatic = (flags & ACC_STATIC) !== 0;
    const virtual = !isStatic && (flags & ACC_PRIVATE) === 0 && n.name !== '<init>';
    const h = this.code.hierarchy;
    // A call through n's class or a subclass reaches n; a call through an ancestor reaches it only
    // by dispatch, which needs an instance of n's class (rapid type analysis: without it, every
    // Handler.Callback in the app would be reachable from every handleMessage call).
    const related = (d: string): boolean => d === n.cls || h.isSubclassOf(d, n.cls) || (virtual && h.isSubclassOf(n.cls, d) && this.instantiated(n.cls));
    // A method whose name is quoted may be called by reflection, from the method that holds the
    // quote: the string exists only when that method runs, so it is a caller, not an entry point
    // (a quote inside the method itself, or in a method nothing reaches, makes nothing live).
    if (n.name.length >= 3 && n.name !== '<init>') {
      for (const s of this.code.stringSitesEqual(n.name)) {
        const p = this.node(s.unit.dex.methodRefString(s.caller));
        if (p !== undefined) yield p;
      }
    }
    for (const u of this.code.units) {
      const nameIdx = findStringIdx(u.dex, n.name);
      if (nameIdx < 0) continue;
      const names = this.namesOf(u);
      const calls = this.callersOf(u);
      for (let i = names.start[nameIdx] as number; i < (names.start[nameIdx + 1] as number); i++) {
        const m = names.rows[i] as number;
        if (u.dex.methodProto(m) !== n.proto || !related(u.dex.methodClass(m))) continue;
        for (let j = calls.start[m] as number; j < (calls.start[m + 1] as number); j++) {
          const caller = u.scan.invokes.caller[calls.rows[j] as number] as number;
          const p = this.node(u.dex.methodRefString(caller));
          if (p !== undefined) yield p;
        }
      }
    }
  }

  private namesOf(u: DexUnit): RefIndex {
    let idx = this.byName[u.index];
    if (idx === undefined) {
      const n = u.dex.methodCount;
      const keys = new Uint32Array(n);
      for (let m = 0; m < n; m++) keys[m] = u.dex.methodNameIdx(m);
      idx = groupRows(keys, n, u.dex.stringCount);
      this.byName[u.index] = idx;
    }
    return idx;
  }

  /** Invoke sites by callee: the index the code facts keep for call-site queries, built once. */
  private callersOf(u: DexUnit): RefIndex {
    return this.code.invokeIndex(u);
  }

  private isRootClass(cls: string): boolean {
    let hit = this.rootClass.get(cls);
    if (hit === undefined) {
      const dotted = cls.slice(1, -1).replace(/\//g, '.');
      hit =
        this.declared.has(cls) ||
        (this.literals().has(cls) && !this.undeclaredComponent(cls)) ||
        this.methodsOf(cls).some((m) => (m.accessFlags & ACC_NATIVE) !== 0) ||
        this.quoted(dotted) ||
        this.quoted(cls.slice(1, -1)) ||
        this.quoted(cls);
      this.rootClass.set(cls, hit);
    }
    return hit;
  }

  private loadsByNamespace: Map<string, ReflectiveLoad[]> | undefined;
  private readonly loadsInProgress = new Set<ReflectiveLoad>();

  /** Loads of classes by a computed name, by the namespaces whose code computes the name (reflective-loads.ts). */
  private loadsInto(namespace: string): readonly ReflectiveLoad[] {
    if (this.loadsByNamespace === undefined) {
      const by = new Map<string, ReflectiveLoad[]>();
      for (const load of reflectiveLoads(this.code)) {
        const list = by.get(load.namespace);
        if (list === undefined) by.set(load.namespace, [load]);
        else list.push(load);
      }
      this.loadsByNamespace = by;
    }
    return this.loadsByNamespace.get(namespace) ?? [];
  }

  /**
   * Whether a load by a computed name in cls's namespace may create cls: one that can run, may
   * create something, and whose name and cast admit cls. A load asked again while its own method
   * is being searched counts as able to run, so a cycle never makes code look dead.
   */
  private createdByLoad(cls: string): boolean {
    const h = this.code.hierarchy;
    for (const load of this.loadsInto(namespaceOf(cls))) {
      if (!mayCreate(load, cls, (c, t) => c === t || h.isSubclassOf(c, t))) continue;
      if (this.loadsInProgress.has(load)) return true;
      this.loadsInProgress.add(load);
      try {
        if (this.isLive(load.method)) return true;
      } finally {
        this.loadsInProgress.delete(load);
      }
    }
    return false;
  }

  private literalSet: Set<string> | undefined;

  /** Classes named as values (`Foo.class`) by code outside themselves: reflection may create or call them. */
  private literals(): Set<string> {
    if (this.literalSet === undefined) {
      const out = new Set<string>();
      for (const u of this.code.units) {
        const t = u.scan.classLiterals;
        for (let i = 0; i < t.count; i++) {
          const cls = u.dex.typeDescriptor(t.ref[i] as number);
          if (!out.has(cls) && u.dex.methodClass(t.caller[i] as number) !== cls) out.add(cls);
        }
      }
      this.literalSet = out;
    }
    return this.literalSet;
  }

  private undeclaredComponent(cls: string): boolean {
    const h = this.code.hierarchy;
    return !this.declared.has(cls) && STARTED_ONLY_WHEN_DECLARED.some((t) => h.isSubclassOf(cls, t));
  }

  private quoted(s: string): boolean {
    return this.code.stringSitesEqual(s).length > 0;
  }

  /** Whether something outside the code may create an instance of cls by its name. */
  private createdByName(cls: string): boolean {
    const h = this.code.hierarchy;
    // A computed class name is a platform or plugin class picked from configuration; an anonymous
    // class (`Outer$1`) has no name anyone configures, and its constructor takes what it captures.
    if (!ANONYMOUS_CLASS.test(cls) && this.createdByLoad(cls)) return true;
    if (CREATED_BY_DESERIALISATION.some((t) => h.isSubclassOf(cls, t))) return true;
    if (COMPONENT_BASES.some((t) => h.isSubclassOf(cls, t))) return false;
    const top = this.externalSuperclass(cls);
    return top !== undefined && !NOT_CREATED_BY_NAME.has(top);
  }

  /** The first superclass up the chain that the app does not define. */
  private externalSuperclass(cls: string): string | undefined {
    const h = this.code.hierarchy;
    let c: string | null | undefined = cls;
    for (let i = 0; i < 64 && c !== undefined && c !== null; i++) {
      if (h.get(c) === undefined) return c;
      c = h.superclassOf(c);
    }
    return c === null ? 'Ljava/lang/Object;' : undefined;
  }

  private hasExternalAncestor(cls: string): boolean {
    const h = this.code.hierarchy;
    const seen = new Set<string>();
    const stack = [cls];
    while (stack.length > 0 && seen.size < 256) {
      const c = stack.pop() as string;
      if (seen.has(c)) continue;
      seen.add(c);
      if (h.get(c) === undefined) {
        if (c !== 'Ljava/lang/Object;') return true;
        continue;
      }
      const sup = h.superclassOf(c);
      if (sup !== null && sup !== undefined) stack.push(sup);
      stack.push(...h.interfacesOf(c));
    }
    return false;
  }

  private methodsOf(cls: string): DefinedMethod[] {
    let m = this.methods.get(cls);
    if (m === undefined) {
      m = this.code.hierarchy.methodsOf(cls);
      this.methods.set(cls, m);
    }
    return m;
  }

  /** Whether JavaScript may call public methods of cls by name (it is, or may be, a JavaScript interface). */
  private jsCallable(cls: string): boolean {
    if (this.js === undefined) {
      const found = this.jsInterfaceClasses();
      this.js = { classes: new Set(found.filter((c): c is string => c !== undefined)), unresolved: found.some((c) => c === undefined) };
    }
    if (this.js.unresolved) return true;
    // The declared type may be a supertype of the object's class (a field of an interface type).
    for (const c of this.js.classes) if (c === cls || this.code.hierarchy.isSubclassOf(c, cls) || this.code.hierarchy.isSubclassOf(cls, c)) return true;
    return false;
  }
}

/**
 * The class of each object passed to WebView.addJavascriptInterface, from the method that passes
 * it; undefined where that method does not show it (a parameter, a field).
 */
export function javascriptInterfaceClasses(code: CodeFacts): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  const sites = code.invokesOfName('addJavascriptInterface', (c) => code.isA(c, 'Landroid/webkit/WebView;'));
  for (const site of sites) {
    const event = flowAt({ code }, site).find((e) => e.pc === site.pc);
    const tag = event?.args[1];
    out.push(tag?.t === 'object' ? tag.cls : undefined);
  }
  return out;
}
