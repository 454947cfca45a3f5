import type { ZipArchive } from '../apk/zip.js';
import type { ResourceTable } from '../arsc/index.js';
import type { Owner } from '../engine/types.js';
import { loadCatalogue, sdkMatcher, type SdkCatalogue, type SdkRecord, type SdkRef } from '../sdk/index.js';
import type { XmlDocument } from '../axml/types.js';
import type { Manifest } from '../manifest/model.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import type { PledgeError } from '../util/errors.js';
import type { Artifact, ArtifactState, InputInfo } from './types.js';

export interface AppFactsInit {
  input: InputInfo;
  manifest: Manifest;
  manifestXml: XmlDocument;
  diagnostics: DiagnosticSink;
  zip?: ZipArchive;
  resources?: ResourceTable;
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
  private readonly states = new Map<Artifact, ArtifactState>();
  private readonly failures = new Map<Artifact, PledgeError>();

  constructor(init: AppFactsInit) {
    this.input = init.input;
    this.manifest = init.manifest;
    this.manifestXml = init.manifestXml;
    this.diagnostics = init.diagnostics;
    this.zip = init.zip;
    this.resources = init.resources;
    this.states.set('manifest', 'analysed');
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

  /** Who holds evidence located in a class: the app, or an SDK by its catalogue id. */
  ownerOfClass(className: string): Owner {
    const sdk = this.sdkOfClass(className);
    return sdk === undefined ? { kind: 'app' } : { kind: 'sdk', id: sdk.id, name: sdkDisplayName(sdk) };
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

/** `Umeng Analytics (友盟统计)`: both names, because reviewers compare with a Chinese SDK list. */
export function sdkDisplayName(s: { name: { en: string; zh?: string } }): string {
  return s.name.zh !== undefined && s.name.zh !== s.name.en ? `${s.name.en} (${s.name.zh})` : s.name.en;
}
