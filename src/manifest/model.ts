/**
 * The manifest as Android's package parser sees it. Built once from the decoded XML tree; every
 * item keeps the element path where it was declared, which is what findings cite as evidence.
 */

export type ComponentKind = 'activity' | 'activity-alias' | 'service' | 'receiver' | 'provider';

/** A value that may still be a resource reference: resolved through resources.arsc when present. */
export interface AttrText {
  /** The value as text (a reference prints as `@0x7f0e0001` until resolved). */
  text: string;
  /** Resource ID when the value is a reference. */
  ref?: number;
}

export interface IntentFilter {
  actions: string[];
  categories: string[];
  data: Record<string, string>[];
  priority?: number;
  /** Element path of the <intent-filter>. */
  path: string;
}

export interface MetaData {
  name: string;
  value?: AttrText;
  resource?: AttrText;
  path: string;
}

export interface Component {
  kind: ComponentKind;
  /** Fully-qualified class name, made absolute as Android does (`.Foo` → `pkg.Foo`). */
  name: string;
  /** The name as written (useful when it was relative). */
  declaredName: string;
  /** Effective exported state: explicit, or implied by intent filters / targetSdk for providers. */
  exported: boolean;
  /** The explicit android:exported value, when the manifest sets one. */
  exportedExplicit?: boolean;
  enabled: boolean;
  permission?: string;
  readPermission?: string;
  writePermission?: string;
  process?: string;
  intentFilters: IntentFilter[];
  metaData: MetaData[];
  /** android:foregroundServiceType flags as names (services only). */
  foregroundServiceTypes: string[];
  /** Providers only. */
  authorities: string[];
  grantUriPermissions: boolean;
  /** <grant-uri-permission> path patterns (providers only). */
  grantUriPaths: string[];
  /** activity-alias only. */
  targetActivity?: string;
  /** Element path, e.g. `/manifest/application/service[@android:name='com.a.S']`. */
  path: string;
}

export interface UsesPermission {
  name: string;
  maxSdkVersion?: number;
  /** Declared as <uses-permission-sdk-23> (or -sdk-m): requested only on API 23+. */
  sdk23: boolean;
  path: string;
}

export interface DeclaredPermission {
  name: string;
  protectionLevel?: string;
  path: string;
}

export interface ApplicationInfo {
  /** Fully-qualified Application subclass, if any. */
  className?: string;
  label?: AttrText;
  debuggable?: boolean;
  testOnly?: boolean;
  /** undefined = not set (Android's default is true). */
  allowBackup?: boolean;
  fullBackupContent?: AttrText;
  dataExtractionRules?: AttrText;
  /** undefined = not set: default depends on targetSdk (true up to 27, false from 28). */
  usesCleartextTraffic?: boolean;
  networkSecurityConfig?: AttrText;
  requestLegacyExternalStorage?: boolean;
  appComponentFactory?: string;
  path: string;
}

export interface Queries {
  packages: string[];
  providers: string[];
  intents: { actions: string[]; data: Record<string, string>[] }[];
}

export interface Manifest {
  package: string;
  /** android:versionCode combined with versionCodeMajor, as a decimal string (can exceed 2^53). */
  versionCode: string | null;
  versionName: string | null;
  /** As declared (null when absent); codenames become 10000 like Android's CUR_DEVELOPMENT. */
  minSdk: number | null;
  targetSdk: number | null;
  maxSdk: number | null;
  /** Android's effective values: minSdk defaults to 1, targetSdk to minSdk. */
  effectiveMinSdk: number;
  effectiveTargetSdk: number;
  compileSdk: number | null;
  sharedUserId?: string;
  usesPermissions: UsesPermission[];
  permissions: DeclaredPermission[];
  application?: ApplicationInfo;
  components: Component[];
  /** <meta-data> directly under <application>. */
  metaData: MetaData[];
  queries: Queries;
  usesFeatures: { name: string; required: boolean; path: string }[];
  usesLibraries: { name: string; required: boolean }[];
  /** Activities (or aliases) with MAIN + LAUNCHER, in manifest order, enabled ones first. */
  launcherActivities: string[];
}
