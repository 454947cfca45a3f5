/**
 * The shape of rules/data/sdks.json and rules/data/packers.json, written by
 * scripts/build-sdk-catalogue.mjs. Names and vendors carry the Chinese form where one is known,
 * because clause 9 compares them with the SDK list in a Chinese privacy policy.
 */

export const SDK_CATEGORIES = [
  'ads',
  'analytics',
  'push',
  'attribution',
  'maps-location',
  'login',
  'payment',
  'share',
  'crash',
  'risk-control',
  'face-biometric',
  'hot-update',
  'webview',
  'im',
  'speech',
  'ar-vr',
  'network',
  'utility',
  'customer-service',
  'game',
  'anti-addiction',
  'packer',
] as const;

export type SdkCategory = (typeof SDK_CATEGORIES)[number];

export interface LocalizedName {
  zh?: string;
  en: string;
}

/** A vendor API the catalogue knows about, in descriptor form without the signature. */
export interface SdkApi {
  /** `Lcom/umeng/commonsdk/UMConfigure;->preInit`: declaring class + method name. */
  ref: string;
  /** gate: signals or records consent (preInit, setAuth, updatePrivacyAgree); init: starts collection. */
  role: 'gate' | 'init';
  /** True only when the exact class and method were seen in vendor code or vendor docs. */
  verified: boolean;
  /**
   * The first SDK version the vendor documents as having this API (consent APIs), e.g. "9.4.2".
   * When the API is absent from the bundled DEX, the bundled SDK may predate it.
   */
  since?: string;
  /** Where the ref was read. */
  source: string;
}

/** A manifest meta-data switch the vendor documents for turning auto-init or collection off. */
export interface KillSwitch {
  key: string;
  /** The android:value that disables. */
  disableValue: string;
  source: string;
}

export interface SdkRecord {
  /** Stable kebab-case id; reports, baselines and suppressions key on it. */
  id: string;
  name: LocalizedName;
  vendor: LocalizedName;
  category: SdkCategory;
  /** Dotted package (or class) prefixes, matched at name boundaries only. */
  packages: string[];
  /** Manifest component class names; a leading `*` matches any prefix (`*.wxapi.WXEntryActivity`). */
  components: string[];
  metaDataKeys: string[];
  /** .so file names; `*` matches any run of characters. */
  nativeLibs: string[];
  /** APK paths under assets/; a trailing `/` matches the folder, `*` any run of characters. */
  assets: string[];
  /** ContentProviders that start the SDK before Application.onCreate. */
  autoInitProviders: string[];
  killSwitchMetaData: KillSwitch[];
  consentApis: SdkApi[];
  initApis: SdkApi[];
  /** Characteristic const-strings that survive renaming. Supporting evidence only. */
  strings: string[];
  /** Host regexes (Exodus network_signature). */
  network: string[];
  /** Which references contributed: `exodus:<id>`, `libchecker`, `camille`, `libradar`, `curated:…`. */
  sources: string[];
  /** The vendor's published privacy policy for this SDK (its source is among `sources`). */
  privacyPolicyUrl?: string;
}

/**
 * A vendor's package roots. Code under a root that no SDK's `packages` claims is the vendor's,
 * not the app's: SDK prefixes win, longest match first; the app's own package stays the app's.
 */
export interface VendorRecord {
  /** Stable kebab-case id. */
  id: string;
  name: Required<LocalizedName>;
  /** Dotted package roots, matched at name boundaries only. */
  packages: string[];
  /** Where the roots were read (`curated:…`). */
  sources: string[];
}

export interface CatalogueSource {
  id: string;
  origin: string;
  licence: string;
  attribution: string;
}

export interface SdkCatalogue {
  /** yyyy.mm.n */
  version: string;
  generatedBy: string;
  sources: CatalogueSource[];
  sdks: SdkRecord[];
  vendors: VendorRecord[];
}

export interface PackerRecord {
  id: string;
  name: LocalizedName;
  vendor: LocalizedName;
  /** .so file names (globs). */
  nativeLibs: string[];
  /** APK paths (globs; a trailing `/` matches a folder). */
  assets: string[];
  /** Stub class or package prefixes (dotted), matched at name boundaries. */
  classes: string[];
  /** How many distinct signatures must match. */
  minMatches: number;
  sources: string[];
}

export interface PackerCatalogue {
  version: string;
  generatedBy: string;
  sources: CatalogueSource[];
  packers: PackerRecord[];
}

/** What detection results and rules carry about an SDK. */
export interface SdkRef {
  id: string;
  name: LocalizedName;
  vendor: LocalizedName;
  category: SdkCategory;
}
