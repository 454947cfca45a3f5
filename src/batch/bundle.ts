/**
 * What the batch store records of an app in several pieces (.aab, .apks, .xapk): the part that is
 * the app's base and the other parts (modules or split APKs). The app itself is read whole by the
 * single-app loader (src/input/parts.ts): code, manifests and native libraries of every part.
 */
export interface BundleInfo {
  /** The base part: `base` for a bundle, the base APK's entry name for a split set. */
  base: string;
  /** Every other part, base first order as the report lists them. */
  splits: string[];
}
