import type { ZipArchive } from '../apk/zip.js';
import { ClassHierarchy } from '../dex/hierarchy.js';
import { androguardDexEntryNames, dexEntryNames } from '../dex/entries.js';
import type { DexFile } from '../dex/dex-file.js';
import { parseDexContainer } from '../dex/dex-file.js';
import { findFieldIdxs, findMethodIdxs, findStringIdx, stringPrefixRange } from '../dex/lookup.js';
import { scanDex, type ScanResult } from '../dex/scan.js';
import { lineAt, readLineTable, type LinePosition } from '../dex/debug-info.js';
import { NO_INDEX } from '../dex/header.js';
import { FRAMEWORK_PREFIXES, typePrefixMask } from '../dex/filters.js';
import { FRAMEWORK_SUPERTYPES } from './framework-types.js';
import type { SiteTable } from '../dex/site-table.js';
import { DiagnosticSink, type DiagnosticCode } from '../util/diagnostics.js';
import { type PledgeError, toPledgeError } from '../util/errors.js';
import type { Limits } from '../util/limits.js';

/** One DEX file of the app, parsed and scanned once. */
export interface DexUnit {
  /** Zip entry (`classes2.dex`); for DEX 041 containers, `classes.dex#1` for the second header. */
  entry: string;
  /** Position in load order. */
  index: number;
  dex: DexFile;
  scan: ScanResult;
  /** False for DEX files Android would not load at startup (a gap in the numbering). */
  loaded: boolean;
}

const ANDROGUARD_ROOT = /^classes(\d*).dex/;
const SCANNED_PREFIXES = [...FRAMEWORK_PREFIXES, 'Lorg/apache/http/'];

export interface RefIndex {
  /** start[r]..start[r+1] are the positions in `rows` of the sites whose ref is r. */
  start: Uint32Array;
  rows: Uint32Array;
}

/** One instruction site: `caller` is a method_ids index of `unit.dex`. */
export interface CodeSite {
  unit: DexUnit;
  caller: number;
  pc: number;
  /** What the instruction refers to (callee method, field, string or type index). */
  ref: number;
}

/**
 * The app's code: every DEX file parsed and scanned once, with queries rules need (call sites of
 * an API, field reads, const-strings, the class hierarchy across DEX files). Lookups by name go
 * through the DEX tables' own sort order, so a query costs one pass over its site table.
 */
export class CodeFacts {
  private readonly invokeCache = new Map<string, CodeSite[]>();
  private readonly fieldCache = new Map<string, CodeSite[]>();
  private hierarchyCache: ClassHierarchy | undefined;
  private classesCache: string[] | undefined;
  private methodStrings = new Map<string, string[]>();

  constructor(
    readonly units: readonly DexUnit[],
    readonly failed: readonly { entry: string; error: PledgeError }[],
  ) {}

  /** Parses and scans every DEX entry; one broken DEX fails alone. Inflation runs concurrently. */
  static async load(zip: ZipArchive, diagnostics: DiagnosticSink, limits: Limits, moduleDex: readonly string[] = []): Promise<CodeFacts> {
    const names = zip.names();
    // The DEX files of other modules or splits of the app (`feature/dex/classes.dex`,
    // `split_feature.apk!/classes.dex`) are loaded by their own class loader: all of them run.
    const loaded = new Set([...dexEntryNames(names), ...moduleDex]);
    const entries = [...androguardDexEntryNames(names), ...moduleDex.filter((n) => !ANDROGUARD_ROOT.test(n))].filter((n) => !zip.entry(n)?.isDirectory);
    // Each DEX is parsed and scanned as soon as it has inflated, while the larger ones still
    // inflate on the thread pool; its diagnostics are held and passed on in load order, and units
    // are numbered in load order, so that the result does not depend on which inflates first.
    type Parsed = { held: HeldDiagnostics; dexes?: { dex: DexFile; scan: ScanResult }[]; error?: unknown };
    const parse = (entry: string, bytes: Buffer): Parsed => {
      const held = new HeldDiagnostics(diagnostics);
      try {
        const dexes = parseDexContainer(bytes, { entry, diagnostics: held, limits, verifyChecksums: false }).map((dex) => {
          // Static reads of framework fields (plus the legacy Apache HTTP ones security checks need)
          // and new-instance of framework types: one prefix mask over the type table serves both.
          const framework = typePrefixMask(dex, SCANNED_PREFIXES);
          const scan = scanDex(dex, {
            diagnostics: held,
            fieldFilter: (f) => framework[dex.fieldClassIdx(f)] === 1,
            typeFilter: (t) => framework[t] === 1,
            instanceFieldReads: false,
          });
          return { dex, scan };
        });
        return { held, dexes };
      } catch (error) {
        return { held, error };
      }
    };
    const results = await Promise.all(entries.map((e) => zip.readAsync(e).then((b) => ({ parsed: parse(e, b) }), (err: unknown) => ({ err }))));
    const units: DexUnit[] = [];
    const failed: { entry: string; error: PledgeError }[] = [];
    entries.forEach((entry, i) => {
      const r = results[i];
      if (r === undefined) return;
      if ('err' in r) {
        const error = toPledgeError(r.err, entry);
        failed.push({ entry, error });
        diagnostics.add('W_DEX_FAILED', `${entry}: ${error.code} ${error.message}`, entry);
        return;
      }
      r.parsed.held.release();
      if (r.parsed.dexes === undefined) {
        const error = toPledgeError(r.parsed.error, entry);
        failed.push({ entry, error });
        diagnostics.add('W_DEX_FAILED', `${entry}: ${error.code} ${error.message}; the other DEX files were analysed`, entry, error.offset);
        return;
      }
      r.parsed.dexes.forEach(({ dex, scan }, k) => {
        const unitEntry = k === 0 ? entry : `${entry}#${k}`;
        units.push({ entry: unitEntry, index: units.length, dex, scan, loaded: loaded.has(entry) });
      });
    });
    return new CodeFacts(units, failed);
  }

  get hierarchy(): ClassHierarchy {
    this.hierarchyCache ??= new ClassHierarchy(
      this.units.map((u) => u.dex),
      { external: FRAMEWORK_SUPERTYPES },
    );
    return this.hierarchyCache;
  }

  /** Every class descriptor defined in the app's DEX files (duplicates across files kept once). */
  classDescriptors(): string[] {
    if (this.classesCache === undefined) {
      const seen = new Set<string>();
      for (const u of this.units) for (let i = 0; i < u.dex.classDefCount; i++) seen.add(u.dex.classDescriptor(i));
      this.classesCache = [...seen];
    }
    return this.classesCache;
  }

  /** Number of instructions walked, and methods skipped as malformed, over all DEX files. */
  get stats(): { dexFiles: number; classes: number; methods: number; instructions: number; methodsSkipped: number } {
    let methods = 0;
    let instructions = 0;
    let skipped = 0;
    for (const u of this.units) {
      methods += u.scan.methods.count;
      instructions += u.scan.instructions;
      skipped += u.scan.methodsSkipped;
    }
    return { dexFiles: this.units.length, classes: this.classDescriptors().length, methods, instructions, methodsSkipped: skipped };
  }

  /** `Lcom/a/B;->m(I)V` of a site's caller. */
  callerRef(site: CodeSite): string {
    return site.unit.dex.methodRefString(site.caller);
  }

  callerClass(site: CodeSite): string {
    return site.unit.dex.methodClass(site.caller);
  }

  /** `Lcom/a/B;->m(I)V` of an invoke site's callee. */
  calleeRef(site: CodeSite): string {
    return site.unit.dex.methodRefString(site.ref);
  }

  /** Every call site of `Lclass;->name` (all overloads), over all DEX files. */
  invokesOf(classDesc: string, name: string): CodeSite[] {
    const key = `${classDesc}->${name}`;
    let hit = this.invokeCache.get(key);
    if (hit === undefined) {
      hit = this.sitesOf((u) => findMethodIdxs(u.dex, classDesc, name), (u) => u.scan.invokes);
      this.invokeCache.set(key, hit);
    }
    return hit;
  }

  /** Fills the call-site cache for many APIs at once. */
  prefetchInvokes(apis: readonly { class: string; method: string }[]): void {
    for (const a of apis) this.invokesOf(a.class, a.method);
  }

  /**
   * Call sites of a method by name on any class accepted by `classFilter` (inherited framework
   * methods are referenced through the app's own subclass: `LMainActivity;->getSharedPreferences`).
   */
  invokesOfName(name: string, classFilter: (classDesc: string) => boolean): CodeSite[] {
    return this.sitesOf(
      (u) => {
        const nameIdx = findStringIdx(u.dex, name);
        if (nameIdx < 0) return [];
        const ids: number[] = [];
        const verdict = new Map<number, boolean>();
        for (let m = 0; m < u.dex.methodCount; m++) {
          if (u.dex.methodNameIdx(m) !== nameIdx) continue;
          const c = u.dex.methodClassIdx(m);
          let ok = verdict.get(c);
          if (ok === undefined) {
            ok = classFilter(u.dex.typeDescriptor(c));
            verdict.set(c, ok);
          }
          if (ok) ids.push(m);
        }
        return ids;
      },
      (u) => u.scan.invokes,
    );
  }

  /** Whether `desc` is `ancestor` or extends/implements it (across DEX files and known framework types). */
  isA(desc: string, ancestor: string): boolean {
    return desc === ancestor || this.hierarchy.isSubclassOf(desc, ancestor);
  }

  /** Whether the scan records every static read of the fields of classDesc (framework and legacy Apache HTTP classes). */
  recordsStaticReadsOf(classDesc: string): boolean {
    return SCANNED_PREFIXES.some((p) => classDesc.startsWith(p));
  }

  /** Every recorded read of the field `Lclass;->name` (framework fields are recorded by the scan). */
  fieldReadsOf(classDesc: string, name: string): CodeSite[] {
    const key = `${classDesc}->${name}`;
    let hit = this.fieldCache.get(key);
    if (hit === undefined) {
      hit = this.sitesOf(
        (u) => findFieldIdxs(u.dex, classDesc, name),
        (u) => u.scan.fieldReads,
        (u) => u.dex.fieldCount,
      );
      this.fieldCache.set(key, hit);
    }
    return hit;
  }

  /** const-string sites whose string satisfies `pred` (each distinct string is tested once per DEX). */
  constStringSites(pred: (s: string) => boolean): CodeSite[] {
    const out: CodeSite[] = [];
    for (const u of this.units) {
      const t = u.scan.constStrings;
      // 0 not tested yet, 1 matches, 2 does not: each distinct string is tested once.
      const verdict = new Uint8Array(u.dex.stringCount);
      for (let i = 0; i < t.count; i++) {
        const ref = t.ref[i] as number;
        let v = verdict[ref];
        if (v === 0) {
          v = pred(u.dex.string(ref)) ? 1 : 2;
          verdict[ref] = v;
        }
        if (v === 1) out.push({ unit: u, caller: t.caller[i] as number, pc: t.pc[i] as number, ref });
      }
    }
    return out;
  }

  /** const-string sites of strings equal to `s` (a binary search per DEX, no string decoded twice). */
  stringSitesEqual(s: string): CodeSite[] {
    return this.sitesOf(
      (u) => {
        const i = findStringIdx(u.dex, s);
        return i < 0 ? [] : [i];
      },
      (u) => u.scan.constStrings,
      (u) => u.dex.stringCount,
    );
  }

  /** const-string sites of strings starting with `prefix` (a contiguous run of the sorted table). */
  stringSitesWithPrefix(prefix: string): CodeSite[] {
    return this.sitesOf(
      (u) => {
        const [from, to] = stringPrefixRange(u.dex, prefix);
        const ids: number[] = [];
        for (let i = from; i < to; i++) ids.push(i);
        return ids;
      },
      (u) => u.scan.constStrings,
      (u) => u.dex.stringCount,
    );
  }

  /** The const-strings used in one method (the caller of a site). */
  stringsInMethod(site: Pick<CodeSite, 'unit' | 'caller'>): string[] {
    const key = `${site.unit.index}:${site.caller}`;
    let hit = this.methodStrings.get(key);
    if (hit === undefined) {
      hit = [];
      const t = site.unit.scan.constStrings;
      // Grouped by caller once per DEX: the call graph asks this for many methods, and a pass over
      // every const-string of the DEX per method would be quadratic on a large app.
      let byCaller = this.stringsByCaller.get(t);
      if (byCaller === undefined) {
        byCaller = groupRows(t.caller, t.count, site.unit.dex.methodCount);
        this.stringsByCaller.set(t, byCaller);
      }
      for (let k = byCaller.start[site.caller] ?? 0, e = byCaller.start[site.caller + 1] ?? 0; k < e; k++) {
        hit.push(site.unit.dex.string(t.ref[byCaller.rows[k] as number] as number));
      }
      this.methodStrings.set(key, hit);
    }
    return hit;
  }

  /** The const-strings one method loads, with their pcs (in code order). */
  stringSitesInMethod(site: Pick<CodeSite, 'unit' | 'caller'>): { pc: number; value: string }[] {
    const t = site.unit.scan.constStrings;
    let byCaller = this.stringsByCaller.get(t);
    if (byCaller === undefined) {
      byCaller = groupRows(t.caller, t.count, site.unit.dex.methodCount);
      this.stringsByCaller.set(t, byCaller);
    }
    const out: { pc: number; value: string }[] = [];
    for (let k = byCaller.start[site.caller] ?? 0, e = byCaller.start[site.caller + 1] ?? 0; k < e; k++) {
      const row = byCaller.rows[k] as number;
      out.push({ pc: t.pc[row] as number, value: site.unit.dex.string(t.ref[row] as number) });
    }
    return out.sort((a, b) => a.pc - b.pc);
  }

  /** Whether any DEX file's string table holds `s` exactly. */
  hasString(s: string): boolean {
    return this.units.some((u) => findStringIdx(u.dex, s) >= 0);
  }

  private readonly lineTables = new Map<string, readonly LinePosition[]>();

  /**
   * The source line of a method (`Lcls;->name(proto)R`) at `pc`, or its first line without one,
   * from the DEX debug info of the class's defining DEX file. Decoded on first ask, per method
   * (only methods with findings are asked about). Undefined without debug info, for a line in
   * another file (inlined code), or when the debug info does not decode.
   */
  sourceLine(method: string, pc?: number): number | undefined {
    let table = this.lineTables.get(method);
    if (table === undefined) {
      table = this.readLines(method);
      this.lineTables.set(method, table);
    }
    return lineAt(table, pc);
  }

  private readLines(method: string): readonly LinePosition[] {
    const arrow = method.indexOf('->');
    if (arrow < 0) return [];
    const cls = this.hierarchy.get(method.slice(0, arrow));
    const dex = cls === undefined ? undefined : this.units[cls.dexIndex]?.dex;
    if (cls === undefined || dex === undefined) return [];
    const sig = method.slice(arrow + 2);
    try {
      const def = dex.classMethods(cls.classDefIdx).find((m) => m.codeOff !== 0 && dex.methodName(m.methodIdx) + dex.methodProto(m.methodIdx) === sig);
      if (def === undefined) return [];
      const code = dex.codeItem(def.codeOff);
      return readLineTable(dex, code.debugInfoOff, code.insnsSize, dex.classDef(cls.classDefIdx).sourceFileIdx);
    } catch {
      // Damaged debug info costs the line, nothing else: the finding keeps its method.
      return [];
    }
  }

  /** The class's source file name as its DEX file records it (`ShopApplication.java`, `Utils.kt`). */
  sourceFileName(classDesc: string): string | undefined {
    const cls = this.hierarchy.get(classDesc);
    const dex = cls === undefined ? undefined : this.units[cls.dexIndex]?.dex;
    if (cls === undefined || dex === undefined) return undefined;
    try {
      const idx = dex.classDef(cls.classDefIdx).sourceFileIdx;
      return idx === NO_INDEX || idx >= dex.stringCount ? undefined : dex.string(idx);
    } catch {
      return undefined;
    }
  }

  /** Code offset of a method defined in this unit, when the scan walked it. */
  codeOffOf(unit: DexUnit, methodIdx: number): number | undefined {
    const off = unit.scan.methods.codeOffOf(methodIdx);
    return off < 0 ? undefined : off;
  }

  private readonly refIndexes = new WeakMap<SiteTable, RefIndex>();

  /** The unit's invoke sites grouped by callee method (the index call-site queries use). */
  invokeIndex(u: DexUnit): RefIndex {
    return this.refIndex(u.scan.invokes, u.dex.methodCount);
  }
  private readonly stringsByCaller = new WeakMap<SiteTable, RefIndex>();

  /**
   * Sites of a table grouped by `ref` (a counting sort, built once per table on first query), so
   * that each query costs the sites it returns rather than a pass over a quarter-million rows.
   */
  private refIndex(t: SiteTable, refCount: number): RefIndex {
    let idx = this.refIndexes.get(t);
    if (idx === undefined) {
      idx = groupRows(t.ref, t.count, refCount);
      this.refIndexes.set(t, idx);
    }
    return idx;
  }

  private sitesOf(targets: (u: DexUnit) => number[], table: (u: DexUnit) => SiteTable, refCount: (u: DexUnit) => number = (u) => u.dex.methodCount): CodeSite[] {
    const out: CodeSite[] = [];
    for (const u of this.units) {
      const ids = targets(u);
      if (ids.length === 0) continue;
      const t = table(u);
      const { start, rows } = this.refIndex(t, refCount(u));
      for (const ref of ids) {
        for (let k = start[ref] ?? 0, end = start[ref + 1] ?? 0; k < end; k++) {
          const i = rows[k] as number;
          out.push({ unit: u, caller: t.caller[i] as number, pc: t.pc[i] as number, ref });
        }
      }
    }
    return out;
  }
}

/**
 * Rows of a site table grouped by one of its columns (a counting sort): the rows whose key is k are
 * rows[start[k] .. start[k + 1]). Keys at or above `keyCount` (hostile tables) are left out.
 */
export function groupRows(keys: Uint32Array, count: number, keyCount: number): RefIndex {
  const start = new Uint32Array(keyCount + 1);
  for (let i = 0; i < count; i++) {
    const k = keys[i] as number;
    if (k < keyCount) (start[k + 1] as number)++;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, keyCount);
  const rows = new Uint32Array(start[keyCount] as number);
  for (let i = 0; i < count; i++) {
    const k = keys[i] as number;
    if (k < keyCount) rows[(fill[k] as number)++] = i;
  }
  return { start, rows };
}

/**
 * Diagnostics of one DEX file parsed ahead of its turn: held until release(), then passed on to
 * the app's sink in the order they came, and passed straight on after that (a DEX file reports
 * entries it finds unreadable on later reads too).
 */
class HeldDiagnostics extends DiagnosticSink {
  private held: [DiagnosticCode, string, string | undefined, number | undefined][] | undefined = [];

  constructor(private readonly target: DiagnosticSink) {
    super(0);
  }

  override add(code: DiagnosticCode, message: string, entry?: string, offset?: number): void {
    if (this.held !== undefined) this.held.push([code, message, entry, offset]);
    else this.target.add(code, message, entry, offset);
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const [code, message, entry, offset] of held) this.target.add(code, message, entry, offset);
  }
}
