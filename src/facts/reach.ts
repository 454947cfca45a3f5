import { invokeKind } from '../dex/opcodes.js';
import { PledgeError } from '../util/errors.js';
import type { Manifest } from '../manifest/model.js';
import type { SdkRecord } from '../sdk/types.js';
import type { ApiUse } from './api-uses.js';
import { groupRows, type CodeFacts, type DexUnit } from './code.js';
import { flowEvents, type FlowEvent, type Tag } from './flow.js';
import { LIMITS } from '../util/limits.js';

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
  /** pi: a PI read; sdk-init: a known start entry point of an SDK; sdk-call: any other call from non-SDK code into an SDK's classes (its code runs). */
  what: 'pi' | 'sdk-init' | 'sdk-call';
  /** The PI use (what = pi). */
  use?: ApiUse;
  /** The SDK whose code is called (what = sdk-init, sdk-call). */
  sdk?: SdkRecord;
  /** `Lcls;->name` of the SDK method called (what = sdk-init, sdk-call). */
  api?: string;
  /** DEX entry, caller method key and pc of the call. */
  entry: string;
  caller: string;
  pc: number;
  root: StartupRoot;
  /** Method keys from the root to the caller (complete). */
  path: string[];
  /** How each method of `path` was reached: `root`, `call`, or an asynchronous hand-off (`async:Executor`…). */
  hops: string[];
  /** A consent gate precedes the call on every path found. */
  gated: boolean;
  /** The call sits directly in a provider's or the Application's onCreate/attachBaseContext. */
  direct: boolean;
  /** For direct hits: whether that method branches at all. */
  rootBranches: boolean;
}

const MAX_DEPTH = LIMITS.callGraphDepth.value;
const MAX_NODES_PER_ROOT = LIMITS.callGraphNodesPerRoot.value;
const MAX_TARGETS_PER_CALL = LIMITS.callTargetsPerCall.value;
// Overriders are searched among this many descendants, nearest first.
const MAX_SUBCLASSES_PER_CALL = LIMITS.subclassesPerCall.value;
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
  /** The SDK whose auto-init provider a class descriptor is (the catalogue lists them). */
  autoInitSdk?: (descriptor: string) => SdkRecord | undefined;
  /** Told once when a later search (piReachedFrom) stops at callGraphNodesPerRoot. */
  onSearchCut?: (message: string) => void;
}

/**
 * Calls that hand work to run later on another thread or loop, by callee: the argument (or the
 * receiver) whose class holds the code, and the methods of that class that run. The hop is
 * recorded with its kind so that a reviewer sees `App.onCreate →(async:Executor) Init.run`.
 */
interface AsyncRule {
  test: RegExp;
  hop: string;
  /** Which operand holds the object: the receiver, any argument, or the Handler a Message was obtained from. */
  operand: 'receiver' | 'argument' | 'message';
  entries: readonly string[];
}

const RUNNABLE = ['run', 'call', 'invoke', 'invokeSuspend'];
const ASYNC_RULES: readonly AsyncRule[] = [
  { test: /^Landroid\/os\/AsyncTask;->(execute|executeOnExecutor)$/, hop: 'async:AsyncTask', operand: 'receiver', entries: ['onPreExecute', 'doInBackground', 'onPostExecute'] },
  { test: /^Ljava\/util\/concurrent\/[A-Za-z]*(Executor|ExecutorService)[A-Za-z]*;->(execute|submit|invokeAll|invokeAny|schedule|scheduleAtFixedRate|scheduleWithFixedDelay)$/, hop: 'async:Executor', operand: 'argument', entries: RUNNABLE },
  { test: /^Landroid\/os\/Handler;->(post|postDelayed|postAtFrontOfQueue|postAtTime)$/, hop: 'async:Handler', operand: 'argument', entries: RUNNABLE },
  { test: /^Landroid\/os\/Handler;->(sendMessage|sendMessageDelayed|sendMessageAtTime|sendMessageAtFrontOfQueue|sendEmptyMessage|sendEmptyMessageDelayed|sendEmptyMessageAtTime)$/, hop: 'async:Handler', operand: 'receiver', entries: ['handleMessage'] },
  { test: /^Landroid\/os\/Message;->sendToTarget$/, hop: 'async:Handler', operand: 'message', entries: ['handleMessage'] },
  { test: /^Landroid\/view\/View;->(post|postDelayed|postOnAnimation)$/, hop: 'async:View.post', operand: 'argument', entries: RUNNABLE },
  { test: /;->runOnUiThread$/, hop: 'async:runOnUiThread', operand: 'argument', entries: RUNNABLE },
  { test: /^Ljava\/lang\/Thread;-><init>$/, hop: 'async:Thread', operand: 'argument', entries: RUNNABLE },
  { test: /^Ljava\/lang\/Thread;->start$/, hop: 'async:Thread', operand: 'receiver', entries: ['run'] },
  { test: /^Ljava\/util\/Timer;->(schedule|scheduleAtFixedRate)$/, hop: 'async:Timer', operand: 'argument', entries: ['run'] },
  { test: /^Landroidx?\/work\/[A-Za-z]*;->(enqueue|enqueueUniqueWork|enqueueUniquePeriodicWork|beginWith|beginUniqueWork)$/, hop: 'async:WorkManager', operand: 'argument', entries: ['doWork', 'startWork'] },
  { test: /^Landroid\/app\/job\/JobScheduler;->(schedule|enqueue)$/, hop: 'async:JobScheduler', operand: 'argument', entries: ['onStartJob'] },
  { test: /^Lkotlinx\/coroutines\/[A-Za-z_]*;->(launch|async|withContext|runBlocking|launch\$default|async\$default)$/, hop: 'async:coroutine', operand: 'argument', entries: ['invokeSuspend', 'invoke'] },
];

/** Classes whose instances are scheduled: Thread/Handler/AsyncTask subclasses are resolved from the receiver's own class too. */
const ASYNC_BASES = new Map<string, string>([
  ['Landroid/os/AsyncTask;', 'execute'],
  ['Ljava/lang/Thread;', 'start'],
  ['Landroid/os/Handler;', 'sendMessage'],
]);

export class Reachability {
  private readonly code: CodeFacts;
  private readonly callers = new CallerIndex();
  private readonly classDefs = new Map<string, Map<string, MethodDef>>();
  private readonly gates = new Map<string, number | null>();
  private readonly piByMethod = new Map<string, ApiUse[]>();
  // One start entry point may be listed by several SDKs of a vendor (Umeng's UMConfigure.init).
  private readonly initApis = new Map<string, SdkRecord[]>();
  private readonly consentApis = new Set<string>();
  // Every vendor compliance API (gates and grants): calling one before consent is the integration
  // the vendor asks for, not the SDK starting.
  private readonly complianceApis = new Set<string>();
  readonly hits: ReachHit[] = [];
  private readonly hitIndex = new Map<string, number>();
  readonly roots: StartupRoot[];
  /** Methods visited over all roots (how much of the graph the bound let us see). */
  visited = 0;
  truncated = false;
  /** Why the graph is incomplete, one line per cause (a root that reached its node limit, a damaged DEX), for W_LIMIT_CALL_GRAPH. */
  readonly cuts: string[] = [];
  private searchCut = false;

  constructor(private readonly input: ReachInput) {
    this.code = input.code;
    for (const u of input.apiUses) {
      // Registering a listener or probing for a value collects nothing by itself (clause 5 judges listeners).
      if (u.site === undefined || u.role !== undefined) continue;
      const k = `${u.site.unit.index}:${u.site.caller}`;
      const list = this.piByMethod.get(k);
      if (list === undefined) this.piByMethod.set(k, [u]);
      else list.push(u);
    }
    for (const s of input.sdks) {
      for (const a of s.initApis) {
        const list = this.initApis.get(a.ref);
        if (list === undefined) this.initApis.set(a.ref, [s]);
        else if (!list.includes(s)) list.push(s);
      }
      for (const a of s.consentApis) {
        if (a.role === 'gate') this.consentApis.add(a.ref);
        this.complianceApis.add(a.ref);
      }
    }
    this.roots = [...startupRoots(input.manifest), ...this.delegateRoots(input.manifest)];
    for (const root of this.roots) {
      try {
        this.walk(root);
      } catch (e) {
        // A hostile DEX can break a name or proto read deep in the graph: that root's walk ends
        // there, the others still run, and the result says it is incomplete.
        if (!(e instanceof PledgeError)) throw e;
        this.truncated = true;
        this.cuts.push(`${root.cls}->${root.method}: walk ended at ${e.code}`);
      }
    }
  }

  /**
   * Hot-fix frameworks (Tinker and Bugly's hot fix) make the manifest's Application a shell that
   * creates the real one by name: `super(flags, "com.app.MyApplicationLike")` in its constructor,
   * then calls its onBaseContextAttached and onCreate through reflection. That delegate's
   * lifecycle runs as the Application's.
   */
  private delegateRoots(manifest: Manifest): StartupRoot[] {
    const app = manifest.application?.className;
    if (app === undefined) return [];
    const appCls = `L${app.replace(/\./g, '/')};`;
    const out: StartupRoot[] = [];
    for (const init of this.defsOf(appCls).values()) {
      if (!init.key.startsWith(`${appCls}-><init>(`)) continue;
      for (const str of this.code.stringsInMethod({ unit: init.unit, caller: init.methodIdx })) {
        if (!/^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)+$/.test(str)) continue;
        const cls = `L${str.replace(/\./g, '/')};`;
        if (this.code.hierarchy.get(cls) === undefined || !this.isApplicationDelegate(cls)) continue;
        for (const method of ['onBaseContextAttached', 'onCreate']) out.push({ kind: 'application', cls, method, order: 1000 + out.length });
      }
    }
    return out;
  }

  private isApplicationDelegate(cls: string): boolean {
    let c: string | null | undefined = this.code.hierarchy.superclassOf(cls);
    for (let i = 0; i < 16 && c !== undefined && c !== null; i++) {
      if (/ApplicationLike;$|ApplicationLifeCycle;$|ApplicationDelegate;$/.test(c)) return true;
      c = this.code.hierarchy.superclassOf(c);
    }
    return false;
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
      hops: string[];
      gated: boolean;
      /** The call that led here (method and pc), to resolve objects passed in as arguments. */
      from?: { def: MethodDef; pc: number };
    }
    const seen = new Map<string, boolean>();
    let queue: Node[] = starts.map((def) => ({ def, path: [def.key], hops: ['root'], gated: false }));
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
          this.cuts.push(`${root.cls}->${root.method}: ${MAX_NODES_PER_ROOT} methods visited (callGraphNodesPerRoot)`);
          break;
        }
        this.visited++;
        const gate = n.gated ? -1 : this.gatePc(n.def);
        const after = (pc: number): boolean => n.gated || (gate !== null && gate >= 0 && pc > gate);
        const direct = depth === 0 && (root.kind === 'provider' || root.kind === 'application');
        // The root is an SDK's initialisation provider (the catalogue's auto-init providers):
        // Android running it is that SDK starting, whatever its renamed code calls inside.
        const own = depth === 0 && root.kind === 'provider' ? this.input.autoInitSdk?.(root.cls) : undefined;
        if (own !== undefined) this.record({ what: 'sdk-call', sdk: own, api: `${root.cls}->${root.method}`, entry: n.def.unit.entry, caller: n.def.key, pc: 0, root, path: n.path, hops: n.hops, gated: false, direct, rootBranches: false });
        for (const use of this.piByMethod.get(`${n.def.unit.index}:${n.def.methodIdx}`) ?? []) {
          this.record({ what: 'pi', use, entry: n.def.unit.entry, caller: n.def.key, pc: use.pc ?? 0, root, path: n.path, hops: n.hops, gated: after(use.pc ?? 0), direct, rootBranches: direct && this.branches(n.def) });
        }
        const t = n.def.unit.scan.invokes;
        const dex = n.def.unit.dex;
        let flow: FlowEvent[] | undefined;
        for (const row of this.callers.sitesOf(n.def.unit, n.def.methodIdx)) {
          const callee = t.ref[row] as number;
          const pc = t.pc[row] as number;
          const calleeCls = dex.methodClass(callee);
          const name = dex.methodName(callee);
          const ref = `${calleeCls}->${name}`;
          // Calls inside an SDK are its own business, except in the root itself and the inherited
          // lifecycle it runs (the manifest's Application or provider may be the SDK's class, or
          // extend it: MobApplication.onCreate calling MobSDK.init is the app starting MobSDK).
          const callerSdk = this.sdkOfClass(dex.methodClass(n.def.methodIdx));
          const rootLike = depth === 0 || this.isRootLifecycle(n.def, root);
          if ((callerSdk === undefined || rootLike) && !this.complianceApis.has(ref)) {
            const owner = this.sdkOfClass(calleeCls);
            // Of the SDKs listing this entry point, the one whose classes hold it.
            const listed = this.initApis.get(ref);
            const init = listed !== undefined ? (owner !== undefined && listed.includes(owner) ? owner : listed[0]) : INIT_NAME.test(name) ? owner : undefined;
            const sdk = init ?? owner;
            // In an SDK's own root only its start entry points count, not its calls to itself.
            if (sdk !== undefined && (callerSdk === undefined || init !== undefined)) {
              this.record({ what: init !== undefined ? 'sdk-init' : 'sdk-call', sdk, api: ref, entry: n.def.unit.entry, caller: n.def.key, pc, root, path: n.path, hops: n.hops, gated: after(pc), direct, rootBranches: direct && this.branches(n.def) });
            }
          }
          if (depth === MAX_DEPTH) continue;
          for (const target of this.targets(n.def.unit, callee, t.op[row] as number)) next.push({ def: target, path: [...n.path, target.key], hops: [...n.hops, 'call'], gated: after(pc), from: { def: n.def, pc } });
          const rule = this.asyncRule(calleeCls, name);
          if (rule !== undefined) {
            flow ??= this.flowOf(n.def);
            const caller = n.from === undefined ? undefined : { flow: this.flowOf(n.from.def), pc: n.from.pc };
            for (const target of this.asyncTargets(rule, n.def, flow, pc, caller)) next.push({ def: target, path: [...n.path, target.key], hops: [...n.hops, rule.hop], gated: after(pc), from: { def: n.def, pc } });
          }
        }
      }
      queue = next;
    }
  }

  private readonly sdkCache = new Map<string, SdkRecord | undefined>();

  private sdkOfClass(cls: string): SdkRecord | undefined {
    if (this.sdkCache.has(cls)) return this.sdkCache.get(cls);
    const s = this.input.sdkOf(cls);
    this.sdkCache.set(cls, s);
    return s;
  }

  private asyncRule(calleeCls: string, name: string): AsyncRule | undefined {
    const ref = `${calleeCls}->${name}`;
    for (const r of ASYNC_RULES) if (r.test.test(ref)) return r;
    // A call on an app-defined subclass (MyTask.execute, Worker.start, MyHandler.sendMessage).
    if (this.code.hierarchy.get(calleeCls) === undefined) return undefined;
    for (const [base, method] of ASYNC_BASES) {
      if (!name.startsWith(method.replace(/Message$/, ''))) continue;
      if (this.code.hierarchy.isSubclassOf(calleeCls, base)) return ASYNC_RULES.find((r) => r.test.test(`${base}->${name}`));
    }
    return undefined;
  }

  private flowOf(def: MethodDef): FlowEvent[] {
    try {
      return flowEvents(def.unit.dex, def.codeOff, () => undefined);
    } catch (e) {
      if (e instanceof PledgeError) return [];
      throw e;
    }
  }

  /**
   * Where a hand-off's code is: the class of the object passed (or called on), from the
   * `new-instance` or field read that reaches the call in this method; else every class
   * constructed or named (const-class) in the method that has the rule's entry methods.
   */
  private asyncTargets(rule: AsyncRule, def: MethodDef, flow: readonly FlowEvent[], pc: number, caller?: { flow: readonly FlowEvent[]; pc: number }): MethodDef[] {
    const call = flow.find((e) => e.pc === pc);
    let operands = call === undefined ? [] : rule.operand === 'message' ? this.messageTargets(flow, call) : rule.operand === 'receiver' ? call.args.slice(0, 1) : call.args.slice(1);
    // An object the method received as an argument (`void post(Runnable r) { handler.post(r); }`):
    // what the caller passed there, one call up.
    if (caller !== undefined) {
      const passed = caller.flow.find((e) => e.pc === caller.pc);
      operands = operands.map((a) => (a?.t === 'param' ? passed?.args[a.index] : a));
    }
    let classes = operands.flatMap((a) => (a?.t === 'object' || a?.t === 'class' ? [a.cls] : []));
    const constructed = (events: readonly FlowEvent[]): string[] => [...new Set(events.flatMap((e) => e.args.flatMap((a) => (a?.t === 'object' || a?.t === 'class' ? [a.cls] : []))))];
    const hasEntry = (c: string): boolean => this.code.hierarchy.get(c) !== undefined && rule.entries.some((e) => this.lookupByName(c, e) !== undefined);
    if (!classes.some(hasEntry)) classes = constructed(flow).filter(hasEntry);
    // Still nothing: the object is a field this class keeps (`Message.obtain(sHandler, 1)`); the
    // classes that fit, constructed anywhere in the same class, are what the field can hold.
    if (classes.length === 0) {
      const cls = def.key.slice(0, def.key.indexOf('->'));
      classes = [...new Set([...this.defsOf(cls).values()].flatMap((d) => (d === def ? [] : constructed(this.flowOf(d)))))].filter(hasEntry);
    }
    const out: MethodDef[] = [];
    for (const cls of classes) {
      if (this.code.hierarchy.get(cls) === undefined) continue;
      for (const entry of rule.entries) {
        const d = this.lookupByName(cls, entry);
        if (d !== undefined && !out.includes(d)) out.push(d);
      }
      if (out.length >= MAX_TARGETS_PER_CALL) break;
    }
    return out;
  }

  /**
   * The Handlers a `Message.sendToTarget()` in this method can reach: receivers of
   * `Handler.obtainMessage` and the Handler given to `Message.obtain(Handler, …)` in the same method.
   */
  private messageTargets(flow: readonly FlowEvent[], call: FlowEvent | undefined): (Tag | undefined)[] {
    if (call === undefined) return [];
    const out: (Tag | undefined)[] = [];
    for (const e of flow) {
      if (e.pc > call.pc) break;
      const arrow = e.callee.indexOf('->');
      const cls = e.callee.slice(0, arrow);
      const name = e.callee.slice(arrow + 2, e.callee.indexOf('('));
      if (name === 'obtainMessage' && (cls === 'Landroid/os/Handler;' || this.code.isA(cls, 'Landroid/os/Handler;'))) out.push(e.args[0]);
      if (name === 'obtain' && cls === 'Landroid/os/Message;' && e.callee.includes('(Landroid/os/Handler;')) out.push(e.args[0]);
    }
    return out;
  }

  /** Whether a method is the root's own lifecycle method as inherited from an ancestor (super.onCreate()). */
  private isRootLifecycle(def: MethodDef, root: StartupRoot): boolean {
    const arrow = def.key.indexOf('->');
    const cls = def.key.slice(0, arrow);
    return def.key.startsWith(`${cls}->${root.method}(`) && cls !== root.cls && this.code.hierarchy.isSubclassOf(root.cls, cls);
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
        if (seen.has(n.def.key)) continue;
        if (seen.size >= MAX_NODES_PER_ROOT) {
          if (!this.searchCut) this.input.onSearchCut?.(`search from ${queue[0]?.path[0] ?? 'a method'} stopped at ${MAX_NODES_PER_ROOT} methods (callGraphNodesPerRoot)`);
          this.searchCut = true;
          continue;
        }
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

  /**
   * Keeps, per call site, the first (earliest root, shortest) ungated path, else a gated one. Plain
   * calls into an SDK are kept once per SDK and root: that its code runs is the fact.
   */
  private record(h: ReachHit): void {
    const key = h.what === 'sdk-call' ? `sdk-call|${h.sdk?.id ?? ''}|${h.root.cls}->${h.root.method}` : `${h.what}|${h.entry}|${h.caller}|${h.pc}|${h.what === 'pi' ? h.use?.kind : h.api}`;
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
