import type { ZipArchive } from '../apk/zip.js';
import type { ResourceTable } from '../arsc/index.js';
import type { Owner } from '../model/index.js';
import { loadCatalogue, sdkMatcher, type SdkCatalogue, type SdkRecord, type SdkRef } from '../sdk/index.js';
import type { XmlDocument } from '../axml/types.js';
import type { Manifest } from '../manifest/model.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import type { PledgeError } from '../util/errors.js';
import type { InputInfo } from './types.js';
import type { Artifact, ArtifactState } from '../model/index.js';
import type { PackerDetection } from '../sdk/index.js';
import { computeApiUses, type ApiUse } from './api-uses.js';
import type { CodeFacts } from './code.js';
import { piTable } from './pi-table.js';
import { buildSdkInventory, findPackers, type SdkFinding } from './sdk-inventory.js';
import type { SigningInfo } from '../sign/index.js';
import { readNetworkSecurityConfig, type NetworkSecurityConfig } from './nsc.js';
import { Reachability } from './reach.js';
import { libraryOfClass } from './libraries.js';
import { periodicTasks, type PeriodicTask } from './periodic.js';
import type { StringIndex } from './strings/types.js';

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
    return this.once('apiUses', () => (this.code === undefined ? [] : computeApiUses(this.code, piTable(), (c) => this.ownerOfClass(c))));
  }

  /** SDKs bundled in the app with evidence levels (present / used / PI touched). */
  get sdks(): readonly SdkFinding[] {
    return this.once('sdks', () => {
      const pkg = this.manifest.package;
      return buildSdkInventory({
        manifest: this.manifest,
        entries: this.entries,
        code: this.code,
        apiUses: this.apiUses,
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
    return this.once('nsc', () => (this.zip === undefined ? undefined : readNetworkSecurityConfig(this.zip, this.manifest, this.resources, this.diagnostics)));
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
      return new Reachability({
        code,
        manifest: this.manifest,
        apiUses: this.apiUses,
        sdks: this.sdks.map((f) => f.record),
        sdkOf: (d) => {
          const id = this.sdkOfClass(descriptorToClassName(d))?.id;
          return id === undefined ? undefined : byId.get(id);
        },
      });
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
   * Who holds evidence located in a class: an SDK by its catalogue id, a well-known library, the app itself, or
   * `unknown` for renamed code outside the app's package (ProGuard output such as `a.b.c` could
   * be either, and saying "first party" would be a guess).
   */
  ownerOfClass(className: string): Owner {
    const sdk = this.sdkOfClass(className);
    if (sdk !== undefined) return { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) };
    const pkg = this.manifest.package;
    if (className === pkg || className.startsWith(`${pkg}.`)) return { kind: 'app' };
    const library = libraryOfClass(className);
    if (library !== undefined) return { kind: 'library', name: library };
    if (looksObfuscated(className)) return { kind: 'unknown' };
    return { kind: 'app' };
  }

  /** Catalogue records whose auto-init providers include this class name. */
  sdkOfAutoInitProvider(className: string): SdkRecord | undefined {
    return this.catalogue.sdks.find((s) => s.autoInitProviders.includes(className));
  }

  /** Releases the input file. Facts already computed stay readable. */
  close(): void {
    this.zip?.source.close();
  }
}

export function descriptorToClassName(desc: string): string {
  return desc.startsWith('L') && desc.endsWith(';') ? desc.slice(1, -1).replace(/\//g, '.') : desc;
}

/** `a.b.c`, `o.x`: every package segment one or two characters long. */
function looksObfuscated(className: string): boolean {
  const parts = className.split('.');
  if (parts.length < 2) return className.length <= 2;
  return parts.slice(0, -1).every((p) => p.length <= 2);
}

/** `Umeng Analytics (友盟统计)`: both names, because reviewers compare with a Chinese SDK list. */
export function sdkDisplayName(s: { name: { en: string; zh?: string } }): string {
  return s.name.zh !== undefined && s.name.zh !== s.name.en ? `${s.name.en} (${s.name.zh})` : s.name.en;
}
