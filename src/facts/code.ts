import type { ZipArchive } from '../apk/zip.js';
import { ClassHierarchy } from '../dex/hierarchy.js';
import { androguardDexEntryNames, dexEntryNames } from '../dex/entries.js';
import type { DexFile } from '../dex/dex-file.js';
import { parseDexContainer } from '../dex/dex-file.js';
import { findFieldIdxs, findMethodIdxs, findStringIdx } from '../dex/lookup.js';
import { scanDex, type ScanResult } from '../dex/scan.js';
import type { SiteTable } from '../dex/site-table.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
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
  static async load(zip: ZipArchive, diagnostics: DiagnosticSink, limits: Limits): Promise<CodeFacts> {
    const names = zip.names();
    const loaded = new Set(dexEntryNames(names));
    const entries = androguardDexEntryNames(names).filter((n) => !zip.entry(n)?.isDirectory);
    const buffers = await Promise.all(entries.map((e) => zip.readAsync(e).then((b) => ({ b }), (err: unknown) => ({ err }))));
    const units: DexUnit[] = [];
    const failed: { entry: string; error: PledgeError }[] = [];
    entries.forEach((entry, i) => {
      const r = buffers[i];
      if (r === undefined) return;
      if ('err' in r) {
        const error = toPledgeError(r.err, entry);
        failed.push({ entry, error });
        diagnostics.add('W_DEX_FAILED', `${entry}: ${error.code} ${error.message}`, entry);
        return;
      }
      try {
        const dexes = parseDexContainer(r.b, { entry, diagnostics, limits, verifyChecksums: false });
        dexes.forEach((dex, k) => {
          const unitEntry = k === 0 ? entry : `${entry}#${k}`;
          units.push({ entry: unitEntry, index: units.length, dex, scan: scanDex(dex, { diagnostics }), loaded: loaded.has(entry) });
        });
      } catch (e) {
        const error = toPledgeError(e, entry);
        failed.push({ entry, error });
        diagnostics.add('W_DEX_FAILED', `${entry}: ${error.code} ${error.message}; the other DEX files were analysed`, entry, error.offset);
      }
    });
    return new CodeFacts(units, failed);
  }

  get hierarchy(): ClassHierarchy {
    this.hierarchyCache ??= new ClassHierarchy(this.units.map((u) => u.dex));
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

  /**
   * Fills the call-site cache for many APIs in one pass per DEX file (the PI table asks for about
   * fifty; one pass each would walk a large app's quarter-million invokes fifty times).
   */
  prefetchInvokes(apis: readonly { class: string; method: string }[]): void {
    const keys = apis.map((a) => `${a.class}->${a.method}`).filter((k) => !this.invokeCache.has(k));
    if (keys.length === 0) return;
    const results = new Map<string, CodeSite[]>(keys.map((k) => [k, []]));
    for (const u of this.units) {
      const want = new Map<number, CodeSite[]>();
      for (const a of apis) {
        const list = results.get(`${a.class}->${a.method}`);
        if (list === undefined) continue;
        for (const id of findMethodIdxs(u.dex, a.class, a.method)) want.set(id, list);
      }
      if (want.size === 0) continue;
      const t = u.scan.invokes;
      for (let i = 0; i < t.count; i++) {
        const ref = t.ref[i] as number;
        const list = want.get(ref);
        if (list !== undefined) list.push({ unit: u, caller: t.caller[i] as number, pc: t.pc[i] as number, ref });
      }
    }
    for (const [k, v] of results) this.invokeCache.set(k, v);
  }

  /** Every recorded read of the field `Lclass;->name` (framework fields are recorded by the scan). */
  fieldReadsOf(classDesc: string, name: string): CodeSite[] {
    const key = `${classDesc}->${name}`;
    let hit = this.fieldCache.get(key);
    if (hit === undefined) {
      hit = this.sitesOf((u) => findFieldIdxs(u.dex, classDesc, name), (u) => u.scan.fieldReads);
      this.fieldCache.set(key, hit);
    }
    return hit;
  }

  /** const-string sites whose string satisfies `pred` (each distinct string is tested once per DEX). */
  constStringSites(pred: (s: string) => boolean): CodeSite[] {
    const out: CodeSite[] = [];
    for (const u of this.units) {
      const t = u.scan.constStrings;
      const verdict = new Map<number, boolean>();
      for (let i = 0; i < t.count; i++) {
        const ref = t.ref[i] as number;
        let ok = verdict.get(ref);
        if (ok === undefined) {
          ok = pred(u.dex.string(ref));
          verdict.set(ref, ok);
        }
        if (ok) out.push({ unit: u, caller: t.caller[i] as number, pc: t.pc[i] as number, ref });
      }
    }
    return out;
  }

  /** The const-strings used in one method (the caller of a site). */
  stringsInMethod(site: Pick<CodeSite, 'unit' | 'caller'>): string[] {
    const key = `${site.unit.index}:${site.caller}`;
    let hit = this.methodStrings.get(key);
    if (hit === undefined) {
      hit = [];
      const t = site.unit.scan.constStrings;
      for (let i = 0; i < t.count; i++) if (t.caller[i] === site.caller) hit.push(site.unit.dex.string(t.ref[i] as number));
      this.methodStrings.set(key, hit);
    }
    return hit;
  }

  /** Whether any DEX file's string table holds `s` exactly. */
  hasString(s: string): boolean {
    return this.units.some((u) => findStringIdx(u.dex, s) >= 0);
  }

  /** Code offset of a method defined in this unit, when the scan walked it. */
  codeOffOf(unit: DexUnit, methodIdx: number): number | undefined {
    const off = unit.scan.methods.codeOffOf(methodIdx);
    return off < 0 ? undefined : off;
  }

  private sitesOf(targets: (u: DexUnit) => number[], table: (u: DexUnit) => SiteTable): CodeSite[] {
    const out: CodeSite[] = [];
    for (const u of this.units) {
      const ids = targets(u);
      if (ids.length === 0) continue;
      const want = new Set(ids);
      const t = table(u);
      for (let i = 0; i < t.count; i++) {
        const ref = t.ref[i] as number;
        if (want.has(ref)) out.push({ unit: u, caller: t.caller[i] as number, pc: t.pc[i] as number, ref });
      }
    }
    return out;
  }
}
