import { invokeKind } from '../dex/opcodes.js';
import { PledgeError } from '../util/errors.js';
import type { Manifest } from '../manifest/model.js';
import type { SdkRecord } from '../sdk/types.js';
import type { ApiUse } from './api-uses.js';
import { groupRows, type CodeFacts, type DexUnit } from './code.js';

/**
 * "Before consent" reachability (CLAUSES.md §2.6, evidence level E2): which personal-information
 * reads and SDK initialisations run from the app's startup entry points, in execution order, with
 * no consent gate on the way. A call graph over the scanned DEX with class-hierarchy resolution of
 * virtual calls, bounded in depth and size. Consent gates are recognised by shape: a branch after
 * reading a preference whose key (or a const-string of the method) speaks of privacy/agreement,
 * after calling a method named like isAgreed/hasConsent, or after a vendor's consent API.
 */

export type RootKind = 'provider' | 'application' | 'launcher' | 'boot-receiver';

export interface StartupRoot {
  kind: RootKind;
  /** Class descriptor of the component. */
  cls: string;
  /** Method name(s) Android calls, in order. */
  method: string;
  /** Position in Android's startup order (providers first). */
  order: number;
}

/** A method that has code in the app: its key and where its code is. */
interface MethodDef {
  key: string;
  unit: DexUnit;
  methodIdx: number;
  codeOff: number;
}

export interface ReachHit {
  what: 'pi' | 'sdk-init';
  /** The PI use (what = pi). */
  use?: ApiUse;
  /** The SDK whose init API is called (what = sdk-init). */
  sdk?: SdkRecord;
  /** `Lcls;->name` of the init API (what = sdk-init). */
  api?: string;
  /** DEX entry, caller method key and pc of the call. */
  entry: string;
  caller: string;
  pc: number;
  root: StartupRoot;
  /** Method keys from the root to the caller (complete). */
  path: string[];
  /** A consent gate precedes the call on every path found. */
  gated: boolean;
  /** The call sits directly in a provider's or the Application's onCreate/attachBaseContext. */
  direct: boolean;
  /** For direct hits: whether that method branches at all. */
  rootBranches: boolean;
}

const MAX_DEPTH = 6;
const MAX_NODES_PER_ROOT = 4000;
const MAX_TARGETS_PER_CALL = 16;
// Overriders are searched among this many descendants, nearest first.
const MAX_SUBCLASSES_PER_CALL = 512;
const GATE_WORDS = /privacy|agree|agreement|policy|consent|protocol|隐私|同意|协议|yinsi|xieyi|yszc/i;
const GATE_METHOD = /^(is|has|get|check|was)\w*(agree|privacy|consent|accept|protocol|policy)/i;
const PREF_GETTER = /^L[^;]*(SharedPreferences|MMKV|DataStore|Preference[s]?|Prefs?|SpUtils?|SPUtils?);->(get|decode|contains|read)/;
const INIT_NAME = /^(init|initialize|initSdk|initSDK|start|setup|setUp|register|preInit)$/;

/** Startup entry points in the order Android runs them (CLAUSES.md §2.6). */
export function startupRoots(m: Manifest): StartupRoot[] {
  const desc = (name: string): string => `L${name.replace(/\./g, '/')};`;
  const roots: StartupRoot[] = [];
  let order = 0;
  for (const c of m.components) {
    if (c.kind === 'provider' && c.enabled) roots.push({ kind: 'provider', cls: desc(c.name), method: 'onCreate', order: order++ });
  }
  const app = m.application?.className;
  if (app !== undefined) {
    roots.push({ kind: 'application', cls: desc(app), method: 'attachBaseContext', order: order++ });
    roots.push({ kind: 'application', cls: desc(app), method: 'onCreate', order: order++ });
  }
  const launcher = m.launcherActivities[0];
  if (launcher !== undefined) {
    const alias = m.components.find((c) => c.kind === 'activity-alias' && c.name === launcher);
    const cls = desc(alias?.targetActivity ?? launcher);
    for (const method of ['onCreate', 'onStart', 'onResume']) roots.push({ kind: 'launcher', cls, method, order: order++ });
  }
  for (const c of m.components) {
    if (c.kind !== 'receiver' || !c.enabled) continue;
    const boot = c.intentFilters.some((f) => f.actions.some((a) => /BOOT_COMPLETED|QUICKBOOT_POWERON/.test(a)));
    if (boot) roots.push({ kind: 'boot-receiver', cls: desc(c.name), method: 'onReceive', order: order++ });
  }
  return roots;
}

/** Per-DEX index of invokes by caller (a counting sort, built once). */
class CallerIndex {
  private readonly starts = new Map<DexUnit, { start: Uint32Array; rows: Uint32Array }>();

  sitesOf(unit: DexUnit, caller: number): number[] {
    let idx = this.starts.get(unit);
    if (idx === undefined) {
      idx = groupRows(unit.scan.invokes.caller, unit.scan.invokes.count, unit.dex.methodCount);
      this.starts.set(unit, idx);
    }
    const out: number[] = [];
    for (let k = idx.start[caller] ?? 0, e = idx.start[caller + 1] ?? 0; k < e; k++) out.push(idx.rows[k] as number);
    return out;
  }
}

export interface ReachInput {
  code: CodeFacts;
  manifest: Manifest;
  apiUses: readonly ApiUse[];
  /** Detected SDKs (their init and consent APIs). */
  sdks: readonly SdkRecord[];
  /** SDK owning a class descriptor (for init-call heuristics). */
  sdkOf: (descriptor: string) => SdkRecord | undefined;
}

export class Reachability {
  private readonly code: CodeFacts;
  private readonly callers = new CallerIndex();
  private readonly classDefs = new Map<string, Map<string, MethodDef>>();
  private readonly gates = new Map<string, number | null>();
  private readonly piByMethod = new Map<string, ApiUse[]>();
  private readonly initApis = new Map<string, SdkRecord>();
  private readonly consentApis = new Set<string>();
  readonly hits: ReachHit[] = [];
  private readonly hitIndex = new Map<string, number>();
  readonly roots: StartupRoot[];
  /** Methods visited over all roots (how much of the graph the bound let us see). */
  visited = 0;
  truncated = false;

  constructor(private readonly input: ReachInput) {
    this.code = input.code;
    for (const u of input.apiUses) {
      if (u.site === undefined) continue;
      const k = `${u.site.unit.index}:${u.site.caller}`;
      const list = this.piByMethod.get(k);
      if (list === undefined) this.piByMethod.set(k, [u]);
      else list.push(u);
    }
    for (const s of input.sdks) {
      for (const a of s.initApis) this.initApis.set(a.ref, s);
      for (const a of s.consentApis) if (a.role === 'gate') this.consentApis.add(a.ref);
    }
    this.roots = startupRoots(input.manifest);
    for (const root of this.roots) {
      try {
        this.walk(root);
      } catch (e) {
        // A hostile DEX can break a name or proto read deep in the graph: that root's walk ends
        // there, the others still run, and the result says it is incomplete.
        if (!(e instanceof PledgeError)) throw e;
        this.truncated = true;
      }
    }
  }

  /** The app-defined methods of a class, by `name(proto)`. */
  private defsOf(cls: string): Map<string, MethodDef> {
    let defs = this.classDefs.get(cls);
    if (defs !== undefined) return defs;
    defs = new Map();
    this.classDefs.set(cls, defs);
    const info = this.code.hierarchy.get(cls);
    const dex = this.code.hierarchy.definingDex(cls);
    const unit = this.code.units.find((u) => u.dex === dex);
    if (info === undefined || unit === undefined) return defs;
    for (const m of this.code.hierarchy.methodsOf(cls)) {
      if (m.codeOff === 0) continue;
      const sig = `${m.name}${m.proto}`;
      defs.set(sig, { key: `${cls}->${sig}`, unit, methodIdx: m.methodIdx, codeOff: m.codeOff });
    }
    return defs;
  }

  /** The definition a call to `cls->sig` runs, looking up the superclass chain (bounded). */
  private lookup(cls: string, sig: string): MethodDef | undefined {
    let c: string | null | undefined = cls;
    for (let i = 0; i < 32 && c !== undefined && c !== null; i++) {
      const d = this.defsOf(c).get(sig);
      if (d !== undefined) return d;
      c = this.code.hierarchy.superclassOf(c);
    }
    return undefined;
  }

  /** Call targets with class-hierarchy resolution for virtual and interface calls. */
  private targets(unit: DexUnit, calleeIdx: number, op: number): MethodDef[] {
    const dex = unit.dex;
    const cls = dex.methodClass(calleeIdx);
    const sig = `${dex.methodName(calleeIdx)}${dex.methodProto(calleeIdx)}`;
    const out: MethodDef[] = [];
    const base = this.lookup(cls, sig);
    if (base !== undefined) out.push(base);
    const kind = invokeKind(op);
    // Overriders are searched only below app-defined types: a call on Object.toString or
    // Runnable.run would otherwise fan out to hundreds of unrelated classes.
    if ((kind === 'virtual' || kind === 'interface') && this.code.hierarchy.get(cls) !== undefined) {
      for (const sub of this.code.hierarchy.subclassesOf(cls, MAX_SUBCLASSES_PER_CALL)) {
        if (out.length >= MAX_TARGETS_PER_CALL) break;
        const d = this.defsOf(sub.descriptor).get(sig);
        if (d !== undefined && !out.includes(d)) out.push(d);
      }
    }
    return out;
  }

  /**
   * The pc after which this method's calls are behind a consent gate, or null. A gate is a branch
   * that follows a consent read: a preference getter or a call named like isAgreed/hasConsent in a
   * method whose strings speak of privacy or agreement, or a vendor consent API.
   */
  private gatePc(def: MethodDef): number | null {
    const hit = this.gates.get(def.key);
    if (hit !== undefined) return hit;
    let readPc = -1;
    let vendorPc = -1;
    const dex = def.unit.dex;
    for (const row of this.callers.sitesOf(def.unit, def.methodIdx)) {
      const t = def.unit.scan.invokes;
      const callee = t.ref[row] as number;
      const pc = t.pc[row] as number;
      const ref = `${dex.methodClass(callee)}->${dex.methodName(callee)}`;
      if (this.consentApis.has(ref)) vendorPc = vendorPc < 0 ? pc : Math.min(vendorPc, pc);
      if (readPc < 0 && (PREF_GETTER.test(ref) || GATE_METHOD.test(dex.methodName(callee)))) readPc = pc;
    }
    let gate: number | null = vendorPc >= 0 ? vendorPc : null;
    if (readPc >= 0) {
      const named = (() => {
        for (const row of this.callers.sitesOf(def.unit, def.methodIdx)) {
          const callee = def.unit.scan.invokes.ref[row] as number;
          if (GATE_METHOD.test(dex.methodName(callee))) return true;
        }
        return false;
      })();
      const worded = named || this.code.stringsInMethod({ unit: def.unit, caller: def.methodIdx }).some((s) => GATE_WORDS.test(s));
      if (worded) {
        const br = def.unit.scan.branches;
        for (let i = 0; i < br.count; i++) {
          if (br.caller[i] === def.methodIdx && (br.pc[i] as number) > readPc) {
            const pc = br.pc[i] as number;
            gate = gate === null ? pc : Math.min(gate, pc);
            break;
          }
        }
      }
    }
    this.gates.set(def.key, gate);
    return gate;
  }

  private branches(def: MethodDef): boolean {
    const br = def.unit.scan.branches;
    for (let i = 0; i < br.count; i++) if (br.caller[i] === def.methodIdx) return true;
    return false;
  }

  private walk(root: StartupRoot): void {
    const starts = [...this.defsOf(root.cls).values()].filter((d) => d.key.slice(d.key.indexOf('->') + 2).startsWith(`${root.method}(`));
    // An inherited entry point (BaseApplication.onCreate) runs too.
    if (starts.length === 0) {
      let c = this.code.hierarchy.superclassOf(root.cls);
      for (let i = 0; i < 16 && c !== undefined && c !== null && starts.length === 0; i++) {
        starts.push(...[...this.defsOf(c).values()].filter((d) => d.key.slice(d.key.indexOf('->') + 2).startsWith(`${root.method}(`)));
        c = this.code.hierarchy.superclassOf(c);
      }
    }
    interface Node {
      def: MethodDef;
      path: string[];
      gated: boolean;
    }
    const seen = new Map<string, boolean>();
    let queue: Node[] = starts.map((def) => ({ def, path: [def.key], gated: false }));
    let nodes = 0;
    for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
      const next: Node[] = [];
      for (const n of queue) {
        // An ungated visit supersedes a gated one; a second visit of either kind adds nothing.
        const prior = seen.get(n.def.key);
        if (prior === false || (prior === true && n.gated)) continue;
        seen.set(n.def.key, n.gated);
        if (++nodes > MAX_NODES_PER_ROOT) {
          this.truncated = true;
          break;
        }
        this.visited++;
        const gate = n.gated ? -1 : this.gatePc(n.def);
        const after = (pc: number): boolean => n.gated || (gate !== null && gate >= 0 && pc > gate);
        const direct = depth === 0 && (root.kind === 'provider' || root.kind === 'application');
        for (const use of this.piByMethod.get(`${n.def.unit.index}:${n.def.methodIdx}`) ?? []) {
          this.record({ what: 'pi', use, entry: n.def.unit.entry, caller: n.def.key, pc: use.pc ?? 0, root, path: n.path, gated: after(use.pc ?? 0), direct, rootBranches: direct && this.branches(n.def) });
        }
        const t = n.def.unit.scan.invokes;
        const dex = n.def.unit.dex;
        for (const row of this.callers.sitesOf(n.def.unit, n.def.methodIdx)) {
          const callee = t.ref[row] as number;
          const pc = t.pc[row] as number;
          const calleeCls = dex.methodClass(callee);
          const name = dex.methodName(callee);
          const ref = `${calleeCls}->${name}`;
          const sdk = this.initApis.get(ref) ?? (INIT_NAME.test(name) && !this.consentApis.has(ref) ? this.input.sdkOf(calleeCls) : undefined);
          const callerIsSdk = this.input.sdkOf(dex.methodClass(n.def.methodIdx)) !== undefined;
          if (sdk !== undefined && !callerIsSdk) {
            this.record({ what: 'sdk-init', sdk, api: ref, entry: n.def.unit.entry, caller: n.def.key, pc, root, path: n.path, gated: after(pc), direct, rootBranches: direct && this.branches(n.def) });
          }
          if (depth === MAX_DEPTH) continue;
          for (const target of this.targets(n.def.unit, callee, t.op[row] as number)) next.push({ def: target, path: [...n.path, target.key], gated: after(pc) });
        }
      }
      queue = next;
    }
  }

  /**
   * PI reads reached from one method (its class's definition or an inherited one), shortest path
   * first, ignoring consent gates: for code that runs later and repeatedly, such as a periodic task.
   */
  piReachedFrom(cls: string, name: string, maxDepth = 4): { use: ApiUse; path: string[] }[] {
    const start = this.lookupByName(cls, name);
    if (start === undefined) return [];
    const out: { use: ApiUse; path: string[] }[] = [];
    const seen = new Set<string>();
    const queue: { def: MethodDef; path: string[] }[] = [{ def: start, path: [start.key] }];
    try {
      this.bfsFrom(queue, maxDepth, seen, out);
    } catch (e) {
      // Malformed code deep in the graph: what was reached before it still stands.
      if (!(e instanceof PledgeError)) throw e;
    }
    return out;
  }

  private bfsFrom(queue: { def: MethodDef; path: string[] }[], maxDepth: number, seen: Set<string>, out: { use: ApiUse; path: string[] }[]): void {
    for (let depth = 0; depth <= maxDepth && queue.length > 0; depth++) {
      const next: { def: MethodDef; path: string[] }[] = [];
      for (const n of queue) {
        if (seen.has(n.def.key) || seen.size >= MAX_NODES_PER_ROOT) continue;
        seen.add(n.def.key);
        for (const use of this.piByMethod.get(`${n.def.unit.index}:${n.def.methodIdx}`) ?? []) out.push({ use, path: n.path });
        if (depth === maxDepth) continue;
        const t = n.def.unit.scan.invokes;
        for (const row of this.callers.sitesOf(n.def.unit, n.def.methodIdx)) {
          for (const target of this.targets(n.def.unit, t.ref[row] as number, t.op[row] as number)) next.push({ def: target, path: [...n.path, target.key] });
        }
      }
      queue = next;
    }
  }

  /** Calls made by one method, in code order, through the per-DEX caller index. */
  callsIn(unit: DexUnit, caller: number): { ref: string; pc: number }[] {
    const t = unit.scan.invokes;
    return this.callers
      .sitesOf(unit, caller)
      .map((row) => ({ ref: unit.dex.methodRefString(t.ref[row] as number), pc: t.pc[row] as number }))
      .sort((a, b) => a.pc - b.pc);
  }

  /** The definition of `cls.name(...)` (any proto), up the superclass chain. */
  private lookupByName(cls: string, name: string): MethodDef | undefined {
    let c: string | null | undefined = cls;
    for (let i = 0; i < 32 && c !== undefined && c !== null; i++) {
      for (const d of this.defsOf(c).values()) if (d.key.startsWith(`${c}->${name}(`)) return d;
      c = this.code.hierarchy.superclassOf(c);
    }
    return undefined;
  }

  /** Keeps, per call site, the first (earliest root, shortest) ungated path, else a gated one. */
  private record(h: ReachHit): void {
    const key = `${h.what}|${h.entry}|${h.caller}|${h.pc}|${h.what === 'pi' ? h.use?.kind : h.api}`;
    const i = this.hitIndex.get(key);
    if (i === undefined) {
      this.hitIndex.set(key, this.hits.length);
      this.hits.push(h);
      return;
    }
    const old = this.hits[i] as ReachHit;
    if (old.gated && !h.gated) this.hits[i] = h;
  }
}
