/** Where a piece of evidence sits, precisely enough for a reviewer to go and look. */
export type Location =
  /** An element or attribute of the manifest: `/manifest/application/@android:debuggable`. */
  | { kind: 'manifest'; entry: string; path: string }
  /** A method in a DEX file, in descriptor form: `Lcom/a/B;->c(I)V`. */
  | { kind: 'dex'; entry: string; method: string; pc?: number }
  /** A resource value: `string/app_name` in a configuration (`default`, `zh-rCN`). */
  | { kind: 'resource'; entry: string; name: string; config?: string }
  /** A file in the APK (asset, native library, XML resource, signature file). */
  | { kind: 'file'; entry: string; offset?: number; line?: number }
  /** A signer of a signing scheme. */
  | { kind: 'signing'; entry: string; scheme: string; signer: number }
  /** A statement about the whole app (usually an absence: "no privacy policy anywhere"). */
  | { kind: 'app' };

/**
 * Where a piece of evidence is in the app's source: a file under the source root
 * (`--source-root`), or the audited input itself when it is a plain-text manifest. Lines and
 * columns are 1-based; either may be unknown.
 */
export interface SourceRef {
  /** `root`: `file` is relative to the source root, '/'-separated; `input`: `file` is the audited input's path. */
  base: 'root' | 'input';
  file: string;
  line?: number;
  column?: number;
}
