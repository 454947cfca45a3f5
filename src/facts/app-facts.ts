import type { ZipArchive } from '../apk/zip.js';
import type { ResourceTable } from '../arsc/index.js';
import type { Owner } from '../model/index.js';
import { loadCatalogue, sdkMatcher, type SdkCatalogue, type SdkRecord, type SdkRef } from '../sdk/index.js';
import type { XmlDocument } from '../axml/types.js';
import type { Manifest } from '../manifest/model.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { toPledgeError, type PledgeError } from '../util/errors.js';
import type { Artifact, ArtifactState, InputInfo } from './types.js';
import type { PackerDetection } from '../sdk/index.js';
import type { Limits } from '../util/limits.js';
import { DEFAULT_LIMITS } from '../util/limits.js';
import { computeApiUses, type ApiUse } from './api-uses.js';
import { CodeFacts } from './code.js';
import { piTable } from './pi-table.js';
import { buildSdkInventory, findPackers, type SdkFinding } from './sdk-inventory.js';
import { readSigning, type SigningInfo } from '../sign/index.js';
import { readNetworkSecurityConfig, type NetworkSecurityConfig } from './nsc.js';
import { Reachability } from './reach.js';
import { libraryOfClass } from './libraries.js';
import { periodicTasks, type PeriodicTask } from './periodic.js';
import { buildStringIndex } from './strings/index.js';
import type { StringIndex } from './strings/types.js';

export interface AppFactsInit {
  input: InputInfo;
  manifest: Manifest;
  manifestXml: XmlDocument;
  diagnostics: DiagnosticSink;
  zip?: ZipArchive;
  resources?: ResourceTable;
  /** An input hash under way off the main thread. */
  hashing?: Promise<unknown>;
}

/**
 * Everything rules may know about one app, built once. Decoders ran in the facts builder; each
 * further artifact is decoded on first use and memoised, so an audit that needs no DEX never
 * inflates one. Rules read this, never bytes.
 */
export class AppFacts {
  readonly input: InputInfo;
  readonly manifest: Manifest;
  readonly manifestXml: XmlDocument;
  readonly diagnostics: DiagnosticSink;
  readonly zip: ZipArchive | undefined;
  /** resources.arsc, when the APK has one that decodes. */
  readonly resources: ResourceTable | undefined;
  private readonly hashing: Promise<unknown> | undefined;
  private readonly states = new Map<Artifact, ArtifactState>();
  private readonly failures = new Map<Artifact, PledgeError>();
  private codeFacts: CodeFacts | undefined;
  private apiUsesCache: ApiUse[] | undefined;
  private sdksCache: SdkFinding[] | undefined;
  private packersCache: PackerDetection[] | undefined;
  private signingCache: SigningInfo | undefined;
  private nscCache: { value: NetworkSecurityConfig | undefined } | undefined;
  private reachCache: Reachability | undefined;
  /** Off only for benchmarking the rest of the audit without it. */
  reachabilityEnabled = true;

  constructor(init: AppFactsInit) {
    this.input = init.input;
    this.manifest = init.manifest;
    this.manifestXml = init.manifestXml;
    this.diagnostics = init.diagnostics;
    this.zip = init.zip;
    this.resources = init.resources;
    this.hashing = init.hashing;
    this.states.set('manifest', 'analysed');
  }

  private readonly memo = new Map<symbol | string, unknown>();

  /** The value of a derived fact, computed on first use (see derivedFact). */
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
    // Signing is read on first use: reading it is cheap, and reading it makes it known.
    if (a === 'signing' && this.zip !== undefined && !this.states.has('signing')) void this.signing;
    return this.states.get(a) ?? (this.zip === undefined ? 'unavailable' : 'not-analysed');
  }

  failure(a: Artifact): PledgeError | undefined {
    return this.failures.get(a);
  }

  /**
   * Parses and scans every DEX file (inflating them concurrently). Called once by the audit before
   * rules run; a DEX that fails is recorded and the others still count.
   */
  async analyseCode(limits: Limits = DEFAULT_LIMITS): Promise<void> {
    if (this.zip === undefined || this.codeFacts !== undefined) {
      await this.hashing;
      return;
    }
    const code = await CodeFacts.load(this.zip, this.diagnostics, limits);
    this.codeFacts = code;
    await this.hashing;
    if (code.units.length === 0 && code.failed.length === 0) this.setState('dex', 'absent');
    else if (code.units.length === 0) this.setState('dex', 'failed', code.failed[0]?.error);
    else this.setState('dex', 'analysed');
    // The text evidence (resources, layouts, DEX strings, assets, native strings) is indexed now,
    // before rules run, so that the assets and native artifacts have their state when the engine
    // decides what could not be analysed.
    try {
      this.stringIndex = buildStringIndex(this, { limits });
    } catch (e) {
      const error = toPledgeError(e);
      this.diagnostics.add('W_ARTIFACT_FAILED', `string index: ${error.code} ${error.message}`, error.entry, error.offset);
      for (const a of ['assets', 'native'] as const) if (this.state(a) === 'not-analysed') this.setState(a, 'failed', error);
    }
  }

  /**
   * Every piece of text the app shows or carries, by lexicon group (CLAUSES.md §2.3); undefined
   * before analyseCode() and for manifest-only inputs.
   */
  get strings(): StringIndex | undefined {
    return this.stringIndex;
  }

  private stringIndex: StringIndex | undefined;

  /** The app's code, once analyseCode() ran (undefined for manifest-only inputs). */
  get code(): CodeFacts | undefined {
    return this.codeFacts;
  }

  /** Personal-information API call sites with their owners (CLAUSES.md §2.1). */
  get apiUses(): readonly ApiUse[] {
    if (this.apiUsesCache === undefined) {
      this.apiUsesCache = this.codeFacts === undefined ? [] : computeApiUses(this.codeFacts, piTable(), (c) => this.ownerOfClass(c));
    }
    return this.apiUsesCache;
  }

  /** SDKs bundled in the app with evidence levels (present / used / PI touched). */
  get sdks(): readonly SdkFinding[] {
    if (this.sdksCache === undefined) {
      const pkg = this.manifest.package;
      this.sdksCache = buildSdkInventory({
        manifest: this.manifest,
        entries: this.entries,
        code: this.codeFacts,
        apiUses: this.apiUses,
        records: this.catalogue.sdks,
        isAppClass: (d) => this.ownerOfClass(descriptorToClassName(d)).kind !== 'sdk',
        sdkOfDescriptor: (d) => {
          const name = descriptorToClassName(d);
          return name === pkg || name.startsWith(`${pkg}.`) ? undefined : sdkMatcher().ownerOf(d)?.id;
        },
      });
    }
    return this.sdksCache;
  }

  /** Signing schemes and signers (undefined for manifest-only inputs). */
  get signing(): SigningInfo | undefined {
    if (this.zip === undefined) return undefined;
    if (this.signingCache === undefined) {
      this.signingCache = readSigning(this.zip, { diagnostics: this.diagnostics });
      this.setState('signing', 'analysed');
    }
    return this.signingCache;
  }

  /** The network security config the manifest names, decoded (undefined when there is none). */
  get networkSecurityConfig(): NetworkSecurityConfig | undefined {
    if (this.nscCache === undefined) {
      this.nscCache = { value: this.zip === undefined ? undefined : readNetworkSecurityConfig(this.zip, this.manifest, this.resources, this.diagnostics) };
    }
    return this.nscCache.value;
  }

  /**
   * What runs from the startup entry points before consent (CLAUSES.md §2.6): PI reads and SDK
   * initialisations reachable from providers, the Application, the launcher activity and boot
   * receivers, each with its path and whether a consent gate precedes it.
   */
  get reachability(): Reachability | undefined {
    const code = this.codeFacts;
    if (code === undefined || !this.reachabilityEnabled) return undefined;
    if (this.reachCache === undefined) {
      const byId = new Map(this.catalogue.sdks.map((r) => [r.id, r]));
      this.reachCache = new Reachability({
        code,
        manifest: this.manifest,
        apiUses: this.apiUses,
        sdks: this.sdks.map((f) => f.record),
        sdkOf: (d) => {
          const id = this.sdkOfClass(descriptorToClassName(d))?.id;
          return id === undefined ? undefined : byId.get(id);
        },
      });
    }
    return this.reachCache;
  }

  /** Tasks on a timer and the PI they read (needs the call graph; empty when it is off). */
  get periodicTasks(): readonly PeriodicTask[] {
    const code = this.code;
    const reach = this.reachability;
    if (code === undefined || reach === undefined) return [];
    this.periodicCache ??= periodicTasks(code, reach);
    return this.periodicCache;
  }

  private periodicCache: PeriodicTask[] | undefined;

  /** Packers/protectors whose file signatures the app carries. */
  get packers(): readonly PackerDetection[] {
    this.packersCache ??= findPackers(this.entries, this.codeFacts, this.manifest);
    return this.packersCache;
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

  /** Recorded by the builders of later artifacts. */
  setState(a: Artifact, s: ArtifactState, error?: PledgeError): void {
    this.states.set(a, s);
    if (error !== undefined) this.failures.set(a, error);
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
