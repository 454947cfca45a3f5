import { LIMITS } from '../util/limits.js';
import type { StringPool } from '../axml/string-pool.js';
import {
  TYPE_ATTRIBUTE,
  TYPE_DYNAMIC_ATTRIBUTE,
  TYPE_DYNAMIC_REFERENCE,
  TYPE_INT_COLOR_RGB4,
  TYPE_INT_DEC,
  TYPE_NULL,
  TYPE_REFERENCE,
  TYPE_STRING,
} from '../axml/types.js';
import { formatValue } from '../axml/values.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { bcp47Locale, isDefaultConfig, type ResConfig } from './config.js';
import { configMatches, deviceConfig, isBetterThan, parseLocale } from './config-match.js';
import { chunkEntries, entryOffset, readEntry, type RawEntry, type RawValue } from './entry.js';
import type { LoadedPackage, TypeChunk, TypeSpec } from './package.js';
import type { ArscContext } from './walk.js';
import type { Bag, ConfigValue, ResolvedValue, ResolveOptions, ResourceName, StringResource, TypedValue } from './types.js';

/** androidfw's ResolveReference gives up after this many hops (kMaxIterations). */
export const MAX_REFERENCE_DEPTH = LIMITS.referenceDepth.value;

/** Types whose values are file paths (`res/xml/nsc.xml`), not text: left out of allStrings. */
const FILE_TYPES = new Set(['anim', 'animator', 'color', 'drawable', 'font', 'interpolator', 'layout', 'menu', 'mipmap', 'navigation', 'raw', 'transition', 'xml']);
/** ResTable_map names of plural quantities (Res_MAKEINTERNAL(4..9)). */
const QUANTITIES: ReadonlyMap<number, string> = new Map([
  [0x01000004, 'other'],
  [0x01000005, 'zero'],
  [0x01000006, 'one'],
  [0x01000007, 'two'],
  [0x01000008, 'few'],
  [0x01000009, 'many'],
]);
/** Array item names: aapt writes Res_MAKEARRAY(i) = 0x02000000+i, aapt2 ATTR_MIN+i = 0x01000001+i. */
const AAPT_ARRAY_BASE = 0x02000000;
const AAPT2_ARRAY_BASE = 0x01000001;

function arrayIndex(name: number): number {
  return name >= AAPT_ARRAY_BASE ? name - AAPT_ARRAY_BASE : name - AAPT2_ARRAY_BASE;
}

const NEUTRAL_DEVICE = deviceConfig();
const NEUTRAL_EN_US = deviceConfig(parseLocale('en-US'));

/** A type chunk that holds an entry for the index being looked up, and the entry's offset. */
interface Candidate {
  t: TypeChunk;
  offset: number;
}

interface Located {
  pkg: LoadedPackage;
  spec: TypeSpec;
  index: number;
}

/** Public facts about one package of the table. */
export interface PackageInfo {
  /** Package ID (0x7f app, 0x01 framework, 0x00 shared library). */
  id: number;
  name: string;
  /** Type names in type-id order (`attr`, `drawable`, `string`, …). */
  types: string[];
  /** RES_TABLE_LIBRARY_TYPE entries: build-time package IDs of referenced shared libraries. */
  libraries: { packageId: number; packageName: string }[];
}

function isReference(v: RawValue | TypedValue): boolean {
  return v.type === TYPE_REFERENCE || v.type === TYPE_DYNAMIC_REFERENCE;
}

function isInteger(type: number): boolean {
  return type >= TYPE_INT_DEC && type <= TYPE_INT_COLOR_RGB4;
}

/**
 * A parsed resources.arsc (made by `parseArsc`). Lookups decode entries on demand and never
 * throw for malformed entries: an entry Android would reject is treated as absent and recorded
 * as W_ARSC_ODD.
 *
 * Resolution (`resolve` and the `resolveX` conveniences):
 *  - Without a locale, the default configuration (every qualifier "any") wins. When a resource
 *    has no default value, androidfw's best match (ResTable_config::match + ::isBetterThan) is
 *    taken for the neutral device of `deviceConfig()` (a baseline phone, no locale, API level
 *    above every real one); when nothing matches that, the best match for the same device with
 *    locale en-US; when nothing matches either, the first configuration in table order.
 *    As in androidfw, the best match is a linear scan in table order keeping a candidate only
 *    when it is better than the best so far, so ties go to the earlier configuration (aapt
 *    writes configurations sorted, which the scan relies on).
 *  - With a locale (`zh-CN`, `zh`, `en`, `b+sr+Latn`), androidfw's best match for the neutral
 *    device with that locale (so `zh-rCN` beats `zh`, which beats the default). When no
 *    configuration matches, the no-locale rules above apply.
 *  - References (`@string/a` → `@string/b`) are followed with the same options, through the
 *    dynamic reference table for shared-library IDs (package 0x00 is the referring package),
 *    at most MAX_REFERENCE_DEPTH hops and never twice through one ID. A chain that cannot go
 *    on ends on the reference, with `stop` saying why; `?attr` references are values (there is
 *    no theme to resolve them against).
 */
export class ResourceTable {
  private readonly byId = new Map<number, LoadedPackage>();
  private readonly byName = new Map<string, LoadedPackage>();
  private readonly devices = new Map<string, ResConfig>();
  private readonly typeNames = new Map<LoadedPackage, (string | undefined)[]>();

  /** Use parseArsc. */
  constructor(
    private readonly ctx: ArscContext,
    private readonly pkgs: readonly LoadedPackage[],
    private readonly globalStrings: StringPool | undefined,
  ) {
    for (const p of pkgs) {
      if (this.byId.has(p.id)) ctx.odd(`two packages have ID 0x${p.id.toString(16)}; lookups use the first`, p.start);
      else this.byId.set(p.id, p);
      if (!this.byName.has(p.name)) this.byName.set(p.name, p);
    }
  }

  /** Where the table's W_ARSC_ODD (and string-pool) diagnostics go. */
  get diagnostics(): DiagnosticSink {
    return this.ctx.diags;
  }

  get packages(): PackageInfo[] {
    return this.pkgs.map((p) => ({
      id: p.id,
      name: p.name,
      types: [...p.specs.keys()].sort((a, b) => a - b).map((id) => this.typeName(p, id) ?? `0x${id.toString(16)}`),
      libraries: p.libraries.map((l) => ({ ...l })),
    }));
  }

  /** `{ package, type, key }` of a resource ID (aapt's `com.example:string/app_name`), or undefined when the table does not define it. */
  nameOf(resId: number): ResourceName | undefined {
    const loc = this.locate(resId);
    if (loc === undefined) return undefined;
    const type = this.typeName(loc.pkg, loc.spec.id);
    if (type === undefined) return undefined;
    for (const cand of this.candidates(loc)) {
      const raw = this.decode(cand);
      if (raw === undefined) continue;
      const key = loc.pkg.keyStrings.get(raw.key);
      if (key === undefined) {
        this.ctx.odd(`entry 0x${(resId >>> 0).toString(16)} names key #${raw.key}, outside the key pool`, cand.t.start);
        return undefined;
      }
      return { package: loc.pkg.name, type, key };
    }
    return undefined;
  }

  /** Every configuration's value of a resource, in table order (references not followed). */
  entries(resId: number): ConfigValue[] {
    const loc = this.locate(resId);
    if (loc === undefined) return [];
    const out: ConfigValue[] = [];
    for (const cand of this.candidates(loc)) {
      const raw = this.decode(cand);
      if (raw !== undefined) out.push(this.toConfigValue(resId >>> 0, cand.t, raw));
    }
    return out;
  }

  /** The value of a resource after configuration selection and reference following (see the class comment). */
  resolve(resId: number, opts: ResolveOptions = {}): ResolvedValue | undefined {
    const device = this.device(opts.locale);
    const base = this.pkgs[0];
    if (base === undefined) return undefined;
    let id = this.fixReference(resId >>> 0, base);
    if (id === undefined) return undefined;
    const chain: number[] = [];
    let last: ConfigValue | undefined;
    for (;;) {
      const hit = this.select(id, device);
      if (hit === undefined) return last === undefined ? undefined : { ...last, chain, stop: 'missing' };
      chain.push(id);
      last = hit.value;
      const v = last.value;
      if (v === undefined || !isReference(v) || v.data === 0) return { ...last, chain };
      const next = this.fixReference(v.data, hit.pkg);
      if (next === undefined) return { ...last, chain, stop: 'external' };
      if (chain.includes(next)) return { ...last, chain, stop: 'cycle' };
      if (chain.length > MAX_REFERENCE_DEPTH) return { ...last, chain, stop: 'depth' };
      id = next;
    }
  }

  /**
   * The resource as text, as Resources.getText would give it: the string of a TYPE_STRING value,
   * other simple values coerced (`true`, `12`, `#ff000000`, `16.0dip`); undefined for bags,
   * @null, unresolvable references and ?attr values.
   */
  resolveString(resId: number, opts: ResolveOptions = {}): string | undefined {
    const r = this.resolve(resId, opts);
    const v = r?.value;
    if (r === undefined || v === undefined || r.stop !== undefined) return undefined;
    if (v.type === TYPE_STRING) return v.string;
    if (v.type === TYPE_NULL || isReference(v) || v.type === TYPE_ATTRIBUTE || v.type === TYPE_DYNAMIC_ATTRIBUTE) return undefined;
    return formatValue({ type: v.type, data: v.data, str: null });
  }

  /** A boolean resource (Resources.getBoolean: any integer type, non-zero is true). */
  resolveBoolean(resId: number, opts: ResolveOptions = {}): boolean | undefined {
    const v = this.resolveSimple(resId, opts);
    return v !== undefined && isInteger(v.type) ? v.data !== 0 : undefined;
  }

  /** An integer resource (Resources.getInteger: any integer type, as a signed 32-bit number). */
  resolveInteger(resId: number, opts: ResolveOptions = {}): number | undefined {
    const v = this.resolveSimple(resId, opts);
    return v !== undefined && isInteger(v.type) ? v.data | 0 : undefined;
  }

  /** The file a file-based resource (`@xml/nsc`, `@drawable/x`) resolves to: an APK entry name such as `res/xml/nsc.xml`. */
  resolveFileName(resId: number, opts: ResolveOptions = {}): string | undefined {
    const v = this.resolveSimple(resId, opts);
    return v !== undefined && v.type === TYPE_STRING ? v.string : undefined;
  }

  /**
   * Every text string of the table in every configuration, for searching all locales: simple
   * TYPE_STRING values of every type except file-based ones (layout, xml, drawable, …), and the
   * string items of string arrays and plurals. Ordered by package, type, configuration (table
   * order), entry: the work is bounded by the size of the table, whatever its counts claim.
   */
  *allStrings(): Generator<StringResource> {
    const c = this.ctx.c;
    for (const pkg of this.pkgs) {
      const specIds = [...pkg.specs.keys()].sort((a, b) => a - b);
      for (const specId of specIds) {
        const type = this.typeName(pkg, specId);
        if (type === undefined || FILE_TYPES.has(type)) continue;
        const bagKind = type === 'plurals' ? 'plurals' : type === 'array' || type === 'string-array' ? 'array' : undefined;
        const typeBits = (pkg.id << 24) | ((specId + pkg.typeIdOffset) << 16);
        for (const t of pkg.specs.get(specId)!.types) {
          for (const { index, offset } of chunkEntries(c, t)) {
            const raw = this.decode({ t, offset });
            if (raw === undefined) continue;
            const resId = (typeBits | index) >>> 0;
            const name = `${type}/${pkg.keyStrings.get(raw.key) ?? `0x${resId.toString(16)}`}`;
            const config = t.qualifiers;
            if (raw.value !== undefined) {
              if (raw.value.type !== TYPE_STRING) continue;
              const value = this.globalStrings?.get(raw.value.data);
              if (value !== undefined) yield { resId, name, config, value };
            } else if (raw.bag !== undefined && bagKind !== undefined) {
              for (const item of raw.bag.items) {
                if (item.value.type !== TYPE_STRING) continue;
                const value = this.globalStrings?.get(item.value.data);
                if (value === undefined) continue;
                if (bagKind === 'array') {
                  yield { resId, name, config, value, index: arrayIndex(item.name) };
                } else {
                  const quantity = QUANTITIES.get(item.name);
                  if (quantity !== undefined) yield { resId, name, config, value, quantity };
                }
              }
            }
          }
        }
      }
    }
  }

  /** Every resource ID with at least one entry, by package, then type, then entry index. */
  *resourceIds(): Generator<number> {
    const c = this.ctx.c;
    for (const pkg of this.pkgs) {
      for (const specId of [...pkg.specs.keys()].sort((a, b) => a - b)) {
        const indices = new Set<number>();
        for (const t of pkg.specs.get(specId)!.types) for (const { index } of chunkEntries(c, t)) indices.add(index);
        const typeBits = (pkg.id << 24) | ((specId + pkg.typeIdOffset) << 16);
        for (const index of [...indices].sort((a, b) => a - b)) yield (typeBits | index) >>> 0;
      }
    }
  }

  /** The locales the table has values for, as BCP-47 tags (`zh-CN`, `sr-Latn`), sorted. */
  locales(): string[] {
    const out = new Set<string>();
    for (const pkg of this.pkgs) {
      for (const spec of pkg.specs.values()) {
        for (const t of spec.types) {
          const tag = bcp47Locale(t.config);
          if (tag !== '') out.add(tag);
        }
      }
    }
    return [...out].sort();
  }

  private resolveSimple(resId: number, opts: ResolveOptions): TypedValue | undefined {
    const r = this.resolve(resId, opts);
    return r === undefined || r.stop !== undefined ? undefined : r.value;
  }

  private device(locale: string | undefined): ResConfig | undefined {
    if (locale === undefined) return undefined;
    let d = this.devices.get(locale);
    if (d === undefined) {
      const parsed = parseLocale(locale);
      if (parsed === undefined) throw new PledgeError('E_USAGE', `locale ${JSON.stringify(locale)} is not a language tag such as zh-CN or en`);
      d = deviceConfig(parsed);
      this.devices.set(locale, d);
    }
    return d;
  }

  private typeName(pkg: LoadedPackage, specId: number): string | undefined {
    let names = this.typeNames.get(pkg);
    if (names === undefined) {
      names = [];
      this.typeNames.set(pkg, names);
    }
    if (!(specId in names)) names[specId] = pkg.typeStrings.get(specId - 1);
    return names[specId];
  }

  private locate(resId: number): Located | undefined {
    const pkg = this.byId.get(resId >>> 24);
    if (pkg === undefined) return undefined;
    const spec = pkg.specs.get(((resId >>> 16) & 0xff) - pkg.typeIdOffset);
    if (spec === undefined) return undefined;
    return { pkg, spec, index: resId & 0xffff };
  }

  private *candidates(loc: Located): Generator<Candidate> {
    for (const t of loc.spec.types) {
      const offset = entryOffset(this.ctx.c, t, loc.index);
      if (offset !== undefined) yield { t, offset };
    }
  }

  private decode(cand: Candidate): RawEntry | undefined {
    const raw = readEntry(this.ctx.c, cand.t, cand.offset);
    if (typeof raw === 'string') {
      this.ctx.odd(`type 0x${cand.t.id.toString(16)} (${cand.t.qualifiers}): ${raw}; the entry is treated as absent, as Android treats it`, cand.t.start);
      return undefined;
    }
    return raw;
  }

  /**
   * AssetManager2::FindEntry for one ID: the configuration is chosen from the type chunks that
   * have an entry for it, then that entry is read (an invalid one makes the resource absent).
   */
  private select(resId: number, device: ResConfig | undefined): { pkg: LoadedPackage; value: ConfigValue } | undefined {
    const loc = this.locate(resId);
    if (loc === undefined) return undefined;
    const cands = [...this.candidates(loc)];
    if (cands.length === 0) return undefined;
    const best =
      (device === undefined ? undefined : bestMatch(cands, device)) ??
      cands.find((c) => isDefaultConfig(c.t.config)) ??
      bestMatch(cands, NEUTRAL_DEVICE) ??
      bestMatch(cands, NEUTRAL_EN_US) ??
      cands[0]!;
    const raw = this.decode(best);
    if (raw === undefined) return undefined;
    return { pkg: loc.pkg, value: this.toConfigValue(resId, best.t, raw) };
  }

  /**
   * DynamicRefTable::lookupResourceId as seen from package `from`: package 0x00 is `from`
   * itself; a package present in the table is taken as is; any other package ID goes through
   * `from`'s library table to a package of this table by name. Undefined when it leads outside.
   */
  private fixReference(id: number, from: LoadedPackage): number | undefined {
    const pkgId = id >>> 24;
    if (pkgId === 0) return ((from.id << 24) | (id & 0xffffff)) >>> 0;
    if (this.byId.has(pkgId)) return id;
    const lib = from.libraries.find((l) => l.packageId === pkgId);
    const target = lib === undefined ? undefined : this.byName.get(lib.packageName);
    return target === undefined ? undefined : ((target.id << 24) | (id & 0xffffff)) >>> 0;
  }

  private typedValue(v: RawValue): TypedValue {
    if (v.type !== TYPE_STRING) return { type: v.type, data: v.data };
    const s = this.globalStrings?.get(v.data);
    return s === undefined ? { type: v.type, data: v.data } : { type: v.type, data: v.data, string: s };
  }

  private toConfigValue(resId: number, t: TypeChunk, raw: RawEntry): ConfigValue {
    let bag: Bag | undefined;
    if (raw.bag !== undefined) {
      bag = { parent: raw.bag.parent, items: raw.bag.items.map((i) => ({ name: i.name, value: this.typedValue(i.value) })) };
    }
    return {
      resId,
      config: t.config,
      qualifiers: t.qualifiers,
      value: raw.value === undefined ? undefined : this.typedValue(raw.value),
      bag,
    };
  }
}

function bestMatch(cands: readonly Candidate[], device: ResConfig): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of cands) {
    if (!configMatches(c.t.config, device)) continue;
    if (best === undefined || isBetterThan(c.t.config, best.t.config, device)) best = c;
  }
  return best;
}
