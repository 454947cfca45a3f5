/**
 * The SDK catalogue (rules/data/sdks.json, built by scripts/build-sdk-catalogue.mjs) and its
 * matchers: who owns a class (ownerOf), which SDKs an app contains and on what evidence
 * (detectSdks), and which packer processed it (detectPackers).
 */
export { loadCatalogue, loadPackers } from './catalogue.js';
export { detectSdks, isCountedClass, ownerOf, sdkMatcher, SdkMatcher, toSdkRef, SAMPLE_CLASSES, STUB_MIN_CLASSES } from './detect.js';
export type { SdkDetection, SdkEvidence, SdkEvidenceKind, SdkInput } from './detect.js';
export { detectPackers } from './packers.js';
export type { PackerDetection, PackerInput } from './packers.js';
export { PrefixTrie } from './prefix-trie.js';
export { baseName, compileGlob } from './glob.js';
export type { FileGlob } from './glob.js';
export { SDK_CATEGORIES } from './types.js';
export type {
  CatalogueSource,
  KillSwitch,
  LocalizedName,
  PackerCatalogue,
  PackerRecord,
  SdkApi,
  SdkCatalogue,
  SdkCategory,
  SdkRecord,
  SdkRef,
} from './types.js';
export { vendorOfClassName } from './vendors.js';
