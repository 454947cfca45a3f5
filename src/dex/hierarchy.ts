import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import type { DexFile } from './dex-file.js';

/** One class as the app defines it. */
export interface ClassInfo {
  /** "Lcom/a/B;" */
  descriptor: string;
  /** Superclass descriptor, or null (java.lang.Object, or a hostile NO_INDEX). */
  superclass: string | null;
  interfaces: readonly string[];
  /** Index of the defining DEX in the list the hierarchy was built from. */
  dexIndex: number;
  classDefIdx: number;
  accessFlags: number;
}

/** A method a class defines (it has an encoded_method in the class's class_data_item). */
export interface DefinedMethod {
  dexIndex: number;
  /** method_ids index in the defining DEX. */
  methodIdx: number;
  name: string;
  /** "(Ljava/lang/String;)V" */
  proto: string;
  accessFlags: number;
  /** code_item offset, 0 for abstract and native methods. */
  codeOff: number;
  direct: boolean;
}

/** Ancestors of classes the app does not define (framework classes), where the caller knows them. */
export type ExternalSupertypes = ReadonlyMap<string, { superclass: string | null; interfaces: readonly string[] }>;

export interface HierarchyOptions {
  /** Duplicate definitions and unreadable class defs are recorded here. */
  diagnostics?: DiagnosticSink;
  external?: ExternalSupertypes;
  /** Longest superclass/interface chain followed. Default 64. */
  maxDepth?: number;
}

const MAX_REPORTS = 20;

/**
 * Classes of one app across all its DEX files, for "does this class extend or implement X"
 * questions. The DEX files are given in load order (classes.dex, classes2.dex, …); when two
 * define the same class, the first definition wins, as on the device.
 *
 * Chains are followed through superclasses and interfaces across DEX files with a visited set
 * (a hostile DEX can declare A extends B extends A) and a depth bound. A class the app does not
 * define ends its chain unless `external` supplies its supertypes.
 */
export class ClassHierarchy {
  readonly dexes: readonly DexFile[];
  private readonly classes = new Map<string, ClassInfo>();
  private readonly external: ExternalSupertypes;
  private readonly maxDepth: number;
  private readonly memo = new Map<string, Map<string, boolean>>();

  constructor(dexes: readonly DexFile[], opts: HierarchyOptions = {}) {
    this.dexes = dexes;
    this.external = opts.external ?? new Map();
    this.maxDepth = opts.maxDepth ?? 64;
    let reports = 0;
    const report = (msg: string, entry: string): void => {
      if (reports++ < MAX_REPORTS) opts.diagnostics?.add('W_DEX_ODD', msg, entry);
    };
    dexes.forEach((dex, dexIndex) => {
      for (let i = 0; i < dex.classDefCount; i++) {
        let info: ClassInfo;
        try {
          info = {
            descriptor: dex.classDescriptor(i),
            superclass: dex.superclassDescriptor(i),
            interfaces: dex.interfaceDescriptors(i),
            dexIndex,
            classDefIdx: i,
            accessFlags: dex.classAccessFlags(i),
          };
        } catch (e) {
          if (!(e instanceof PledgeError)) throw e;
          report(`class_def ${i} is unreadable: ${e.message}`, dex.entry);
          continue;
        }
        const prior = this.classes.get(info.descriptor);
        if (prior !== undefined) {
          report(`${info.descriptor} is also defined in ${this.dexes[prior.dexIndex]?.entry}; that definition is used`, dex.entry);
          continue;
        }
        this.classes.set(info.descriptor, info);
      }
    });
  }

  get size(): number {
    return this.classes.size;
  }

  get(descriptor: string): ClassInfo | undefined {
    return this.classes.get(descriptor);
  }

  /** Every defined class, in load order. */
  all(): IterableIterator<ClassInfo> {
    return this.classes.values();
  }

  /** The superclass of a defined (or externally known) class; undefined when the class is unknown. */
  superclassOf(descriptor: string): string | null | undefined {
    return this.classes.get(descriptor)?.superclass ?? this.external.get(descriptor)?.superclass;
  }

  interfacesOf(descriptor: string): readonly string[] {
    return this.classes.get(descriptor)?.interfaces ?? this.external.get(descriptor)?.interfaces ?? [];
  }

  definingDex(descriptor: string): DexFile | undefined {
    const c = this.classes.get(descriptor);
    return c === undefined ? undefined : this.dexes[c.dexIndex];
  }

  /**
   * True when `ancestor` is a proper supertype of `descriptor`: reachable through one or more
   * superclass or interface edges. Not reflexive.
   */
  isSubclassOf(descriptor: string, ancestor: string): boolean {
    let memo = this.memo.get(ancestor);
    if (memo === undefined) {
      memo = new Map();
      this.memo.set(ancestor, memo);
    }
    const hit = memo.get(descriptor);
    if (hit !== undefined) return hit;
    const result = this.search(descriptor, ancestor);
    memo.set(descriptor, result);
    return result;
  }

  private search(descriptor: string, ancestor: string): boolean {
    const seen = new Set<string>([descriptor]);
    let level = [descriptor];
    for (let depth = 0; depth < this.maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const d of level) {
        const sup = this.superclassOf(d);
        const supers = sup === null || sup === undefined ? this.interfacesOf(d) : [sup, ...this.interfacesOf(d)];
        for (const s of supers) {
          if (s === ancestor) return true;
          if (!seen.has(s)) {
            seen.add(s);
            next.push(s);
          }
        }
      }
      level = next;
    }
    return false;
  }

  /**
   * Defined classes that extend or implement `ancestor`, directly or not, nearest first. `limit`
   * bounds the walk for callers that only need a few (call-graph resolution of Object.toString
   * would otherwise visit every class).
   */
  subclassesOf(ancestor: string, limit = Infinity): ClassInfo[] {
    // Walk down a supertype → direct-subtypes index instead of testing every class upwards: one
    // visit per descendant, and a cycle in a hostile file ends at the visited set.
    const children = this.childIndex();
    const found = new Set<string>();
    const out: ClassInfo[] = [];
    const queue = [ancestor];
    for (let head = 0; head < queue.length && out.length < limit; head++) {
      const next = children.get(queue[head] as string);
      if (next === undefined) continue;
      for (const d of next) {
        if (found.has(d)) continue;
        found.add(d);
        queue.push(d);
        const info = this.classes.get(d);
        if (info !== undefined) out.push(info);
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  private children: Map<string, string[]> | undefined;

  private childIndex(): Map<string, string[]> {
    if (this.children !== undefined) return this.children;
    const m = new Map<string, string[]>();
    const add = (parent: string, child: string): void => {
      const list = m.get(parent);
      if (list === undefined) m.set(parent, [child]);
      else list.push(child);
    };
    for (const c of this.classes.values()) {
      if (c.superclass !== null) add(c.superclass, c.descriptor);
      for (const i of c.interfaces) add(i, c.descriptor);
    }
    // Framework supertypes the caller declared (e.g. X509ExtendedTrustManager → X509TrustManager).
    for (const [desc, ext] of this.external) {
      if (ext.superclass !== null) add(ext.superclass, desc);
      for (const i of ext.interfaces) add(i, desc);
    }
    this.children = m;
    return m;
  }

  /** The methods `descriptor` itself defines (not inherited ones), optionally only those named `name`. */
  methodsOf(descriptor: string, name?: string): DefinedMethod[] {
    const c = this.classes.get(descriptor);
    if (c === undefined) return [];
    const dex = this.dexes[c.dexIndex] as DexFile;
    const out: DefinedMethod[] = [];
    try {
      for (const m of dex.classMethods(c.classDefIdx)) {
        const mName = dex.methodName(m.methodIdx);
        if (name !== undefined && mName !== name) continue;
        out.push({
          dexIndex: c.dexIndex,
          methodIdx: m.methodIdx,
          name: mName,
          proto: dex.methodProto(m.methodIdx),
          accessFlags: m.accessFlags,
          codeOff: m.codeOff,
          direct: m.direct,
        });
      }
    } catch (e) {
      // A malformed class_data or method id: the scan already reported it (W_DEX_METHOD_SKIPPED);
      // callers see the methods read so far rather than a crash.
      if (!(e instanceof PledgeError)) throw e;
    }
    return out;
  }

  /**
   * Classes extending or implementing `ancestor` and the methods named `methodName` each defines
   * (e.g. X509TrustManager implementations and their checkServerTrusted). Classes that define no
   * such method are included with an empty list: they inherit it.
   */
  implementationsOf(ancestor: string, methodName: string): { cls: ClassInfo; methods: DefinedMethod[] }[] {
    return this.subclassesOf(ancestor).map((cls) => ({ cls, methods: this.methodsOf(cls.descriptor, methodName) }));
  }
}
