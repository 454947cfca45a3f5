import { loadCatalogue } from './catalogue.js';
import { baseName, compileGlob } from './glob.js';
import type { FileGlob } from './glob.js';
import { PrefixTrie } from './prefix-trie.js';
import type { SdkCatalogue, SdkRecord, SdkRef } from './types.js';

/** Facts about one app, gathered by the caller from DEX, manifest and the zip listing. */
export interface SdkInput {
  /** Every class defined in the app's DEX files, as descriptors (`Lcom/a/B;`). */
  classDescriptors: Iterable<string>;
  /** Manifest component class names, fully qualified. */
  components: string[];
  /** `<meta-data android:name>` keys from the manifest. */
  metaDataKeys: string[];
  /** APK paths of native libraries (`lib/arm64-v8a/libjcore.so`). */
  nativeLibs: string[];
  /** APK paths under assets/. */
  assets: string[];
  /** Whether the app's DEX const-strings contain `s`. */
  hasString?: (s: string) => boolean;
  /** Whether a defined class is an interface (access flags); sharpens the stub rule when known. */
  isInterface?: (descriptor: string) => boolean;
  /**
   * The app's package name. Classes and components of the app's own package are first-party
   * even when the package sits inside an SDK namespace (an SDK vendor's demo app
   * `cn.sharesdk.demo` is not ShareSDK code).
   */
  appPackage?: string;
}

export type SdkEvidenceKind = 'classes' | 'components' | 'metaData' | 'nativeLibs' | 'assets' | 'strings';

export interface SdkEvidence {
  /** Classes under the SDK's packages, not counting R, BuildConfig, package-info or no-op classes. */
  classes: number;
  /** Up to SAMPLE_CLASSES of them, the lexicographically smallest. */
  sampleClasses: string[];
  components: string[];
  metaDataKeys: string[];
  nativeLibs: string[];
  assets: string[];
  strings: string[];
}

export interface SdkDetection {
  sdk: SdkRef;
  evidence: SdkEvidence;
  foundBy: SdkEvidenceKind[];
  /** Found without any class under its packages: the code was renamed (or is not in the DEX). */
  obfuscated: boolean;
}

/**
 * Stub rule. Classes alone make a detection only when they look like the SDK's code rather than
 * an API surface compiled against it: at least STUB_MIN_CLASSES counted classes, or, when the
 * caller can tell interfaces apart, at least one counted class that is not an interface. Counted
 * classes exclude generated resource and build classes (R, R$*, BuildConfig, Manifest,
 * package-info), which an AAR leaves behind even when its code is gone, and anything in a
 * `noop`/`no_op`/`nop` package, which is how vendors ship do-nothing variants (e.g. debug-only
 * tools' `*-no-op` artifacts). Manifest, native-library and asset evidence needs no count, with
 * one exception: a meta-data key that several catalogue SDKs document (AMap's apikey serves map,
 * location and search alike) cannot say which of them is present, so it only supports a
 * detection made otherwise.
 */
export const STUB_MIN_CLASSES = 3;
export const SAMPLE_CLASSES = 5;

const GENERATED = /^(R|R\$.*|BuildConfig|Manifest|Manifest\$.*|package-info)$/;
const NOOP_SEGMENT = /\/(noop|no_op|nop)\//i;

/** Whether a class counts as SDK code under the stub rule. */
export function isCountedClass(descriptor: string): boolean {
  const slash = descriptor.lastIndexOf('/');
  const end = descriptor.endsWith(';') ? descriptor.length - 1 : descriptor.length;
  const simple = descriptor.slice(slash + 1, end);
  if (GENERATED.test(simple)) return false;
  return !NOOP_SEGMENT.test(descriptor);
}

export function toSdkRef(r: SdkRecord): SdkRef {
  return { id: r.id, name: r.name, vendor: r.vendor, category: r.category };
}

/** The catalogue compiled for matching; built once per catalogue object. */
export class SdkMatcher {
  readonly trie = new PrefixTrie<number>();
  private readonly componentExact = new Map<string, number[]>();
  private readonly componentSuffix: { suffix: string; sdk: number }[] = [];
  private readonly metaKeys = new Map<string, number[]>();
  /** Meta-data keys that name exactly one SDK. */
  private readonly uniqueMetaKeys = new Set<string>();
  private readonly nativeExact = new Map<string, number[]>();
  private readonly nativeGlobs: { glob: FileGlob; sdk: number }[] = [];
  private readonly assetGlobs: { glob: FileGlob; sdk: number }[] = [];

  constructor(readonly catalogue: SdkCatalogue) {
    catalogue.sdks.forEach((r, i) => {
      for (const p of r.packages) this.trie.add(p, i);
      for (const c of [...r.components, ...r.autoInitProviders]) {
        if (c.startsWith('*')) this.componentSuffix.push({ suffix: c.slice(1), sdk: i });
        else push(this.componentExact, c, i);
      }
      for (const k of r.metaDataKeys) push(this.metaKeys, k, i);
      for (const n of r.nativeLibs) {
        if (n.includes('*')) this.nativeGlobs.push({ glob: compileGlob(n), sdk: i });
        else push(this.nativeExact, n, i);
      }
      for (const a of r.assets) this.assetGlobs.push({ glob: compileGlob(a), sdk: i });
    });
    for (const [k, owners] of this.metaKeys) if (owners.length === 1) this.uniqueMetaKeys.add(k);
  }

  /** The SDK whose package owns a class descriptor, or undefined (first-party or unknown code). */
  ownerOf(descriptor: string): SdkRef | undefined {
    const i = this.trie.ownerOf(descriptor);
    return i === undefined ? undefined : this.ref(i);
  }

  /** The same for a dotted class name. */
  ownerOfClassName(name: string): SdkRef | undefined {
    const i = this.trie.ownerOfClassName(name);
    return i === undefined ? undefined : this.ref(i);
  }

  private readonly refs = new Map<number, SdkRef>();
  private ref(i: number): SdkRef {
    let r = this.refs.get(i);
    if (r === undefined) {
      r = toSdkRef(this.catalogue.sdks[i] as SdkRecord);
      this.refs.set(i, r);
    }
    return r;
  }

  detect(input: SdkInput): SdkDetection[] {
    const acc = new Map<number, Acc>();
    const get = (i: number): Acc => {
      let a = acc.get(i);
      if (a === undefined) {
        a = { classes: 0, concrete: 0, samples: [], components: new Set(), metaDataKeys: new Set(), identifyingKeys: 0, nativeLibs: new Set(), assets: new Set() };
        acc.set(i, a);
      }
      return a;
    };

    const app = input.appPackage;
    const appDescriptorPrefix = app === undefined || app === '' ? undefined : `L${app.replace(/\./g, '/')}/`;
    const appOwner = app === undefined || app === '' ? undefined : this.trie.ownerOfClassName(`${app}.X`);
    for (const d of input.classDescriptors) {
      const i = this.trie.ownerOf(d);
      if (i === undefined || !isCountedClass(d)) continue;
      if (i === appOwner && appDescriptorPrefix !== undefined && d.startsWith(appDescriptorPrefix)) continue;
      const a = get(i);
      a.classes++;
      if (input.isInterface !== undefined && !input.isInterface(d)) a.concrete++;
      addSample(a.samples, d);
    }
    for (const c of input.components) {
      const hits = new Set<number>(this.componentExact.get(c) ?? []);
      for (const s of this.componentSuffix) if (c.endsWith(s.suffix) && c.length > s.suffix.length) hits.add(s.sdk);
      const owner = this.trie.ownerOfClassName(c);
      if (owner !== undefined && !(owner === appOwner && app !== undefined && c.startsWith(`${app}.`))) hits.add(owner);
      for (const i of hits) get(i).components.add(c);
    }
    for (const k of input.metaDataKeys) {
      for (const i of this.metaKeys.get(k) ?? []) {
        const a = get(i);
        a.metaDataKeys.add(k);
        if (this.uniqueMetaKeys.has(k)) a.identifyingKeys++;
      }
    }
    for (const path of input.nativeLibs) {
      const name = baseName(path);
      const hits = new Set<number>(this.nativeExact.get(name) ?? []);
      for (const g of this.nativeGlobs) if (g.glob.test(name)) hits.add(g.sdk);
      for (const i of hits) get(i).nativeLibs.add(path);
    }
    for (const path of input.assets) for (const g of this.assetGlobs) if (g.glob.test(path)) get(g.sdk).assets.add(path);

    const out: SdkDetection[] = [];
    for (const [i, a] of acc) {
      const record = this.catalogue.sdks[i] as SdkRecord;
      const classesPass = input.isInterface !== undefined ? a.concrete >= 1 : a.classes >= STUB_MIN_CLASSES;
      const other = a.components.size + a.identifyingKeys + a.nativeLibs.size + a.assets.size > 0;
      if (!classesPass && !other) continue;
      const strings = input.hasString === undefined ? [] : record.strings.filter((s) => input.hasString?.(s) === true).sort();
      const evidence: SdkEvidence = {
        classes: a.classes,
        sampleClasses: a.samples,
        components: [...a.components].sort(),
        metaDataKeys: [...a.metaDataKeys].sort(),
        nativeLibs: [...a.nativeLibs].sort(),
        assets: [...a.assets].sort(),
        strings,
      };
      const foundBy: SdkEvidenceKind[] = [];
      if (a.classes > 0) foundBy.push('classes');
      if (evidence.components.length > 0) foundBy.push('components');
      if (evidence.metaDataKeys.length > 0) foundBy.push('metaData');
      if (evidence.nativeLibs.length > 0) foundBy.push('nativeLibs');
      if (evidence.assets.length > 0) foundBy.push('assets');
      if (strings.length > 0) foundBy.push('strings');
      out.push({ sdk: this.ref(i), evidence, foundBy, obfuscated: a.classes === 0 });
    }
    return out.sort((x, y) => (x.sdk.id < y.sdk.id ? -1 : x.sdk.id > y.sdk.id ? 1 : 0));
  }
}

interface Acc {
  classes: number;
  concrete: number;
  samples: string[];
  components: Set<string>;
  metaDataKeys: Set<string>;
  identifyingKeys: number;
  nativeLibs: Set<string>;
  assets: Set<string>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
}

/** Keeps the SAMPLE_CLASSES smallest descriptors, so samples do not depend on DEX order. */
function addSample(samples: string[], d: string): void {
  if (samples.length === SAMPLE_CLASSES && d >= (samples[SAMPLE_CLASSES - 1] as string)) return;
  if (samples.includes(d)) return;
  let at = samples.length;
  while (at > 0 && (samples[at - 1] as string) > d) at--;
  samples.splice(at, 0, d);
  if (samples.length > SAMPLE_CLASSES) samples.pop();
}

const matchers = new WeakMap<SdkCatalogue, SdkMatcher>();

/** The matcher for a catalogue (default: rules/data/sdks.json), compiled once. */
export function sdkMatcher(catalogue: SdkCatalogue = loadCatalogue()): SdkMatcher {
  let m = matchers.get(catalogue);
  if (m === undefined) {
    m = new SdkMatcher(catalogue);
    matchers.set(catalogue, m);
  }
  return m;
}

/** Which catalogue SDK owns a class descriptor (longest package prefix, at name boundaries). */
export function ownerOf(descriptor: string, catalogue?: SdkCatalogue): SdkRef | undefined {
  return sdkMatcher(catalogue).ownerOf(descriptor);
}

/** The SDKs an app contains, with the evidence for each, sorted by id. */
export function detectSdks(input: SdkInput, catalogue?: SdkCatalogue): SdkDetection[] {
  return sdkMatcher(catalogue).detect(input);
}
