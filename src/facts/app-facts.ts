import type { ZipArchive } from '../apk/zip.js';
import type { ResourceTable } from '../arsc/index.js';
import type { Owner } from '../model/index.js';
import { loadCatalogue, sdkMatcher, vendorOfClassName, type SdkCatalogue, type SdkRecord, type SdkRef } from '../sdk/index.js';
import { packageOfClassName, packageOfDescriptor, packageOwners } from './ownership.js';
import type { XmlDocument } from '../axml/types.js';
import type { Manifest } from '../manifest/model.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import type { PledgeError } from '../util/errors.js';
import type { InputInfo } from './types.js';
import type { Artifact, ArtifactState } from '../model/index.js';
import type { PackerDetection } from '../sdk/index.js';
import { computeApiUses, type ApiUse } from './api-uses.js';
import { refineApiUses } from './api-semantics.js';
import { javascriptInterfaceClasses, Liveness } from './liveness.js';
import type { CodeFacts, CodeSite } from './code.js';
import { piTable } from './pi-table.js';
import { buildSdkInventory, findPackers, type SdkFinding } from './sdk-inventory.js';
import type { SigningInfo } from '../sign/index.js';
import { readNetworkSecurityConfig, type NetworkSecurityConfig } from './nsc.js';
import { Reachability } from './reach.js';
import { libraryOfClass } from './libraries.js';
import { periodicTasks, type PeriodicTask } from './periodic.js';
import type { StringIndex } from './strings/types.js';
import type { AppFormat, AppPart } from '../input/parts.js';

export interface AppFactsInit {
  input: InputInfo;
  manifest: Manifest;
  manifestXml: XmlDocument;
  diagnostics: DiagnosticSink;
  /** What could be analysed, decided when the facts were loaded. */
  states: ReadonlyMap<Artifact, ArtifactState>;
  failures?: ReadonlyMap<Artifact, PledgeError>;
  zip?: ZipArchive;
  resources?: ResourceTable;
  code?: CodeFacts;
  strings?: StringIndex;
  signing?: SigningInfo;
  /** Build the startup call graph (off only to measure what it costs). */
  reachability?: boolean;
  /** An app in several pieces: its format and parts, and how to release what it opened. */
  bundle?: { format: AppFormat; parts: readonly AppPart[]; close: () => void; resolveFile?: (resId: number) => string | undefined };
}

/**
 * Everything checks may know about one app, finished: loadFacts() decoded what the enabled checks
 * need before building it, and each derived fact (API uses, SDKs, reachability…) is computed on
 * first use and kept, through `once`. No getter changes what another returns.
 */
export class AppFacts {
  readonly input: InputInfo;
  readonly manifest: Manifest;
  readonly manifestXml: XmlDocument;
  readonly diagnostics: DiagnosticSink;
  readonly zip: ZipArchive | undefined;
  /** resources.arsc, when the APK has one that decodes. */
  readonly resources: ResourceTable | undefined;
  /** The app's code (undefined for manifest-only inputs, or when no check needs it). */
  readonly code: CodeFacts | undefined;
  /** Every piece of text the app shows or carries, by lexicon group (CLAUSES.md §2.3). */
  readonly strings: StringIndex | undefined;
  /** Signing schemes and signers (undefined for manifest-only inputs). */
  readonly signing: SigningInfo | undefined;
  /** For bundles and split sets: the format and the parts (modules or split APKs) of the app. */
  readonly bundle: { format: AppFormat; parts: readonly AppPart[] } | undefined;
  private readonly closeBundle: (() => void) | undefined;
  private readonly bundleFiles: ((resId: number) => string | undefined) | undefined;
  private readonly states: ReadonlyMap<Artifact, ArtifactState>;
  private readonly failures: ReadonlyMap<Artifact, PledgeError>;
  private readonly reachabilityEnabled: boolean;
  private readonly memo = new Map<symbol | string, unknown>();

  constructor(init: AppFactsInit) {
    this.input = init.input;
    this.manifest = init.manifest;
    this.manifestXml = init.manifestXml;
    this.diagnostics = init.diagnostics;
    this.zip = init.zip;
    this.resources = init.resources;
    this.code = init.code;
    this.strings = init.strings;
    this.signing = init.signing;
    this.bundle = init.bundle === undefined ? undefined : { format: init.bundle.format, parts: init.bundle.parts };
    this.closeBundle = init.bundle?.close;
    this.bundleFiles = init.bundle?.resolveFile;
    this.states = init.states;
    this.failures = init.failures ?? new Map();
    this.reachabilityEnabled = init.reachability !== false;
  }

  /** The value of a derived fact, computed on first use and kept (see derivedFact). */
  once<T>(key: symbol | string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    this.memo.set(key, v);
    return v;
  }

  /** Entry names of the APK (empty for a manifest-only input). */
  get entries(): readonly string[] {
    return this.zip?.names() ?? [];
  }

  state(a: Artifact): ArtifactState {
    return this.states.get(a) ?? (this.zip === undefined ? 'unavailable' : 'not-analysed');
  }

  failure(a: Artifact): PledgeError | undefined {
    return this.failures.get(a);
  }

  /** Personal-information API call sites with their owners (CLAUSES.md §2.1). */
  get apiUses(): readonly ApiUse[] {
    return this.once('apiUses', () => (this.code === undefined ? [] : refineApiUses(this.code, computeApiUses(this.code, piTable(), (c) => this.ownerOfClass(c)), (m) => this.isLive(m))));
  }

  /**
   * Whether some entry point can reach the method (`Lcls;->name(proto)R`): false only when the
   * bytes show that nothing can (src/facts/liveness.ts). Checks about what code does skip dead code.
   */
  isLive(methodKey: string): boolean {
    return this.liveness?.isLive(methodKey) ?? true;
  }

  /** Whether the method holding a code site can run (see isLive). */
  isLiveSite(site: Pick<CodeSite, 'unit' | 'caller'>): boolean {
    return this.isLive(site.unit.dex.methodRefString(site.caller));
  }

  /** Whether the object a constructor call site creates can be used (a live site, not only a constant no live code reads). */
  isUsedConstruction(site: CodeSite): boolean {
    return this.liveness?.isUsedConstruction(site) ?? true;
  }

  get liveness(): Liveness | undefined {
    const code = this.code;
    if (code === undefined) return undefined;
    return this.once('liveness', () => new Liveness(code, this.manifest, () => javascriptInterfaceClasses(code)));
  }

  /** The API uses that return personal information (not listener registrations or presence probes). */
  get piReads(): readonly ApiUse[] {
    return this.once('piReads', () => this.apiUses.filter((u) => u.role === undefined));
  }

  /** SDKs bundled in the app with evidence levels (present / used / PI touched). */
  get sdks(): readonly SdkFinding[] {
    return this.once('sdks', () => {
      const pkg = this.manifest.package;
      return buildSdkInventory({
        manifest: this.manifest,
        entries: this.entries,
        code: this.code,
        apiUses: this.piReads,
        records: this.catalogue.sdks,
        isAppClass: (d) => this.ownerOfClass(descriptorToClassName(d)).kind !== 'sdk',
        sdkOfDescriptor: (d) => {
          const name = descriptorToClassName(d);
          return name === pkg || name.startsWith(`${pkg}.`) ? undefined : sdkMatcher().ownerOf(d)?.id;
        },
      });
    });
  }

  /** The network security config the manifest names, decoded (undefined when there is none). */
  get networkSecurityConfig(): NetworkSecurityConfig | undefined {
    return this.once('nsc', () => (this.zip === undefined ? undefined : readNetworkSecurityConfig(this.zip, this.manifest, (id) => this.resolveFileName(id), this.diagnostics)));
  }

  /**
   * What runs from the startup entry points before consent (CLAUSES.md §2.6): PI reads and SDK
   * initialisations reachable from providers, the Application, the launcher activity and boot
   * receivers, each with its path and whether a consent gate precedes it.
   */
  get reachability(): Reachability | undefined {
    const code = this.code;
    if (code === undefined || !this.reachabilityEnabled) return undefined;
    return this.once('reachability', () => {
      const byId = new Map(this.catalogue.sdks.map((r) => [r.id, r]));
      const reach = new Reachability({
        code,
        manifest: this.manifest,
        apiUses: this.apiUses,
        sdks: this.sdks.map((f) => f.record),
        // The same owners as evidence: catalogue prefixes, then signature strings and sole callers
        // (a renamed SDK's classes are that SDK's on startup paths too).
        sdkOf: (d) => {
          const o = this.ownerOfClass(descriptorToClassName(d));
          return o.kind === 'sdk' ? byId.get(o.id) : undefined;
        },
        autoInitSdk: (d) => this.sdkOfAutoInitProvider(descriptorToClassName(d)),
        onSearchCut: (m) => this.diagnostics.add('W_LIMIT_CALL_GRAPH', m),
      });
      // A bounded graph is said in the report's diagnostics as well as in its coverage notes.
      if (reach.cuts.length > 0) this.diagnostics.add('W_LIMIT_CALL_GRAPH', `startup call graph incomplete: ${reach.cuts.slice(0, 3).join('; ')}${reach.cuts.length > 3 ? `; ${reach.cuts.length - 3} more` : ''}`);
      return reach;
    });
  }

  /** Tasks on a timer and the PI they read (needs the call graph; empty when it is off). */
  get periodicTasks(): readonly PeriodicTask[] {
    const code = this.code;
    const reach = this.reachability;
    if (code === undefined || reach === undefined) return [];
    return this.once('periodic', () => periodicTasks(code, reach));
  }

  /** Packers/protectors whose file signatures the app carries. */
  get packers(): readonly PackerDetection[] {
    return this.once('packers', () => findPackers(this.entries, this.code, this.manifest));
  }

  /** The SDK catalogue (rules/data/sdks.json). */
  get catalogue(): SdkCatalogue {
    return loadCatalogue();
  }

  /** Catalogue SDK owning a dotted class name at a package boundary; the app's own package wins. */
  sdkOfClass(className: string): SdkRef | undefined {
    const pkg = this.manifest.package;
    if (className === pkg || className.startsWith(`${pkg}.`)) return undefined;
    return sdkMatcher().ownerOfClassName(className);
  }

  /**
   * Who holds evidence located in a class. By name: the app's own package, a catalogued SDK, a
   * well-known library, a known vendor's namespace. Otherwise by who calls the class's package
   * (src/facts/ownership.ts): packages only the app uses are the app's, packages only one SDK uses
   * are that SDK's, and anything else is unidentified third-party code, never a guess that it is
   * the app's.
   */
  ownerOfClass(className: string): Owner {
    const named = this.ownerByName(className);
    const pkg = packageOfClassName(className);
    if (named?.kind === 'vendor') {
      const refined = this.packageOwners.get(pkg);
      return refined?.kind === 'sdk' ? refined : named;
    }
    if (named !== undefined) return named;
    return this.packageOwners.get(pkg) ?? (pkg === '' ? { kind: 'unknown' } : { kind: 'unknown', package: pkg });
  }

  private ownerByName(className: string): Owner | undefined {
    for (const root of this.appRoots) if (className === root || className.startsWith(`${root}.`)) return { kind: 'app' };
    return this.thirdPartyByName(className);
  }

  private thirdPartyByName(className: string): Owner | undefined {
    const sdk = sdkMatcher().ownerOfClassName(className);
    if (sdk !== undefined) return { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) };
    const library = libraryOfClass(className);
    if (library !== undefined) return { kind: 'library', name: library };
    const vendor = vendorOfClassName(className);
    if (vendor !== undefined) return { kind: 'vendor', id: vendor.id, name: vendor.name.en, package: packageOfClassName(className) };
    return undefined;
  }

  /**
   * The app's own package roots: the manifest package, and the packages of the Application and
   * launcher classes (the code namespace differs from the applicationId in flavoured builds)
   * unless a catalogue or library names them (a packer's StubApp, MultiDexApplication).
   */
  private get appRoots(): readonly string[] {
    return this.once('appRoots', () => {
      const m = this.manifest;
      const classes = [m.application?.className, ...m.launcherActivities.map((a) => m.components.find((c) => c.kind === 'activity-alias' && c.name === a)?.targetActivity ?? a)];
      const roots = new Set([m.package]);
      for (const c of classes) if (c !== undefined && this.thirdPartyByName(c) === undefined && packageOfClassName(c) !== '') roots.add(packageOfClassName(c));
      return [...roots];
    });
  }

  /** Owners of the packages no name claims, from their callers (once per app). */
  private get packageOwners(): ReadonlyMap<string, Owner> {
    return this.once('packageOwners', () => {
      const code = this.code;
      if (code === undefined) return new Map<string, Owner>();
      const marked = this.markedPackages(code);
      return packageOwners({ code, known: (_pkg, desc) => this.ownerByName(descriptorToClassName(desc)), marked: (pkg) => marked.get(pkg) });
    });
  }

  /**
   * Packages whose code holds a catalogued SDK's signature strings: an SDK renamed by R8 or
   * ProGuard (Umeng as com.b.a, CNZZ as com.a.a.a.a) keeps its log and protocol strings. Dotted
   * names are left out: apps probe for an SDK with Class.forName("com.vendor.Sdk").
   */
  private markedPackages(code: CodeFacts): Map<string, Owner> {
    const out = new Map<string, Owner>();
    for (const sdk of this.catalogue.sdks) {
      for (const s of sdk.strings ?? []) {
        if (/^[A-Za-z_$][\w$]*(\.[\w$]+)+$/.test(s)) continue;
        for (const site of code.stringSitesEqual(s)) {
          const pkg = packageOfDescriptor(code.callerClass(site));
          if (!out.has(pkg)) out.set(pkg, { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) });
        }
      }
    }
    return out;
  }

  /** Catalogue records whose auto-init providers include this class name. */
  sdkOfAutoInitProvider(className: string): SdkRecord | undefined {
    return this.catalogue.sdks.find((s) => s.autoInitProviders.includes(className));
  }

  /** The archive entry a file resource (`@xml/nsc`) names: through resources.arsc, or a bundle's resources.pb. */
  resolveFileName(resId: number): string | undefined {
    return this.resources?.resolveFileName(resId) ?? this.bundleFiles?.(resId);
  }

  /** Releases the input file. Facts already computed stay readable. */
  close(): void {
    this.zip?.source.close();
    this.closeBundle?.();
  }
}

export function descriptorToClassName(desc: string): string {
  return desc.startsWith('L') && desc.endsWith(';') ? desc.slice(1, -1).replace(/\//g, '.') : desc;
}


/** `Umeng Analytics (友盟统计)`: both names, because reviewers compare with a Chinese SDK list. */
export function sdkDisplayName(s: { name: { en: string; zh?: string } }): string {
  return s.name.zh !== undefined && s.name.zh !== s.name.en ? `${s.name.en} (${s.name.zh})` : s.name.en;
}
