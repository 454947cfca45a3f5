import type { ZipArchive } from '../apk/zip.js';
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
  private readonly states = new Map<Artifact, ArtifactState>();
  private readonly failures = new Map<Artifact, PledgeError>();

  constructor(init: AppFactsInit) {
    this.input = init.input;
    this.manifest = init.manifest;
    this.manifestXml = init.manifestXml;
    this.diagnostics = init.diagnostics;
    this.zip = init.zip;
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
