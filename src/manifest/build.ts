import { androidAttrId } from '../axml/android-attrs.js';
import { TYPE_STRING, type XmlAttribute, type XmlDocument, type XmlElement } from '../axml/types.js';
import { attrBoolean, attrInt, findAttr, findPlainAttr, formatValue, isReference } from '../axml/values.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError, InternalError } from '../util/errors.js';
import { escapeText } from '../util/escape.js';
import type {
  ApplicationInfo,
  AttrText,
  Component,
  ComponentKind,
  DeclaredPermission,
  IntentFilter,
  Manifest,
  MetaData,
  Queries,
  UsesPermission,
} from './model.js';

/** A resource value as resources.arsc gives it, for resolving references in the manifest. */
export interface ResolvedResource {
  type: number;
  data: number;
  str: string | null;
}

export interface BuildManifestOptions {
  entry?: string;
  diagnostics?: DiagnosticSink;
  /** Resolves a resource reference in the default configuration (supplied once resources.arsc is read). */
  resolve?: (resId: number) => ResolvedResource | undefined;
}

function attrId(name: string): number {
  const id = androidAttrId(name);
  if (id === undefined) throw new InternalError(`android:${name} is missing from the generated attribute table`);
  return id;
}

/** android:* resource IDs of every attribute the model reads (Android matches them by ID). */
export const A = {
  name: attrId('name'),
  label: attrId('label'),
  value: attrId('value'),
  resource: attrId('resource'),
  permission: attrId('permission'),
  readPermission: attrId('readPermission'),
  writePermission: attrId('writePermission'),
  protectionLevel: attrId('protectionLevel'),
  sharedUserId: attrId('sharedUserId'),
  debuggable: attrId('debuggable'),
  exported: attrId('exported'),
  enabled: attrId('enabled'),
  process: attrId('process'),
  authorities: attrId('authorities'),
  grantUriPermissions: attrId('grantUriPermissions'),
  priority: attrId('priority'),
  path: attrId('path'),
  pathPrefix: attrId('pathPrefix'),
  pathPattern: attrId('pathPattern'),
  versionCode: attrId('versionCode'),
  versionCodeMajor: attrId('versionCodeMajor'),
  versionName: attrId('versionName'),
  minSdkVersion: attrId('minSdkVersion'),
  targetSdkVersion: attrId('targetSdkVersion'),
  maxSdkVersion: attrId('maxSdkVersion'),
  compileSdkVersion: attrId('compileSdkVersion'),
  allowBackup: attrId('allowBackup'),
  testOnly: attrId('testOnly'),
  fullBackupContent: attrId('fullBackupContent'),
  dataExtractionRules: attrId('dataExtractionRules'),
  usesCleartextTraffic: attrId('usesCleartextTraffic'),
  networkSecurityConfig: attrId('networkSecurityConfig'),
  requestLegacyExternalStorage: attrId('requestLegacyExternalStorage'),
  appComponentFactory: attrId('appComponentFactory'),
  targetActivity: attrId('targetActivity'),
  foregroundServiceType: attrId('foregroundServiceType'),
  required: attrId('required'),
  mimeType: attrId('mimeType'),
  scheme: attrId('scheme'),
  host: attrId('host'),
  port: attrId('port'),
} as const;

const DATA_ATTRS: [string, number][] = [
  ['scheme', A.scheme],
  ['host', A.host],
  ['port', A.port],
  ['path', A.path],
  ['pathPrefix', A.pathPrefix],
  ['pathPattern', A.pathPattern],
  ['mimeType', A.mimeType],
];

/** ServiceInfo.FOREGROUND_SERVICE_TYPE_* bits, in flag order. */
const FGS_TYPES: [number, string][] = [
  [1 << 0, 'dataSync'],
  [1 << 1, 'mediaPlayback'],
  [1 << 2, 'phoneCall'],
  [1 << 3, 'location'],
  [1 << 4, 'connectedDevice'],
  [1 << 5, 'mediaProjection'],
  [1 << 6, 'camera'],
  [1 << 7, 'microphone'],
  [1 << 8, 'health'],
  [1 << 9, 'remoteMessaging'],
  [1 << 10, 'systemExempted'],
  [1 << 11, 'shortService'],
  [1 << 12, 'fileManagement'],
  [1 << 13, 'mediaProcessing'],
  [1 << 30, 'specialUse'],
];

const PROTECTION_BASE = ['normal', 'dangerous', 'signature', 'signatureOrSystem', 'internal'];
const PROTECTION_FLAGS: [number, string][] = [
  [0x10, 'privileged'],
  [0x20, 'development'],
  [0x40, 'appop'],
  [0x80, 'pre23'],
  [0x100, 'installer'],
  [0x200, 'verifier'],
  [0x400, 'preinstalled'],
  [0x800, 'setup'],
  [0x1000, 'instant'],
  [0x2000, 'runtime'],
  [0x4000, 'oem'],
  [0x8000, 'vendorPrivileged'],
  [0x10000, 'textClassifier'],
];

/** Android's CUR_DEVELOPMENT: a codename minSdk/targetSdk means "newer than any release". */
const CODENAME_SDK = 10000;

const COMPONENT_TAGS = new Set<string>(['activity', 'activity-alias', 'service', 'receiver', 'provider']);

/** Android's buildClassName: `.Foo` and `Foo` are relative to the package. */
export function qualifyClassName(pkg: string, name: string): string {
  if (name.startsWith('.')) return pkg + name;
  if (!name.includes('.')) return `${pkg}.${name}`;
  return name;
}

/** A short, stable XPath-like location for evidence. */
function elementPath(parent: string, el: XmlElement, key?: string): string {
  const step = key !== undefined ? `${el.name}[@android:name='${key}']` : el.name;
  return `${parent}/${step}`;
}

class ManifestBuilder {
  private readonly entry: string | undefined;
  private readonly diags: DiagnosticSink | undefined;
  private readonly resolveRef: BuildManifestOptions['resolve'];
  private oddCount = 0;

  constructor(options: BuildManifestOptions) {
    this.entry = options.entry;
    this.diags = options.diagnostics;
    this.resolveRef = options.resolve;
  }

  odd(message: string, offset?: number): void {
    if (this.oddCount++ < 50) this.diags?.add('W_MANIFEST_ODD', message, this.entry, offset);
  }

  /** The attribute with references resolved once through resources.arsc (when available). */
  private deref(a: XmlAttribute | undefined): XmlAttribute | undefined {
    if (a === undefined || !isReference(a) || this.resolveRef === undefined) return a;
    let cur: XmlAttribute = a;
    for (let i = 0; i < 8 && isReference(cur); i++) {
      const r = this.resolveRef(cur.data);
      if (r === undefined) return cur;
      cur = { ...cur, type: r.type, data: r.data, str: r.str };
    }
    return cur;
  }

  text(el: XmlElement, resId: number): AttrText | undefined {
    const a = findAttr(el, resId);
    if (a === undefined) return undefined;
    const resolved = this.deref(a);
    const out: AttrText = { text: resolved === undefined ? formatValue(a) : formatValue(resolved) };
    if (isReference(a) && a.data !== 0) out.ref = a.data;
    return out;
  }

  /** A string-valued attribute (names, permissions): typed string data first, raw value second. */
  str(el: XmlElement, resId: number): string | undefined {
    const a = this.deref(findAttr(el, resId));
    if (a === undefined) return undefined;
    if (a.type === TYPE_STRING) return a.str ?? a.raw ?? undefined;
    if (a.raw !== null) return a.raw;
    return formatValue(a);
  }

  bool(el: XmlElement, resId: number): boolean | undefined {
    return attrBoolean(this.deref(findAttr(el, resId)));
  }

  int(el: XmlElement, resId: number): number | undefined {
    return attrInt(this.deref(findAttr(el, resId)));
  }

  /** minSdkVersion/targetSdkVersion: an integer, or a codename string. */
  sdk(el: XmlElement, resId: number): number | undefined {
    const a = this.deref(findAttr(el, resId));
    if (a === undefined) return undefined;
    const n = attrInt(a);
    if (n !== undefined) return n;
    if (a.type === TYPE_STRING && a.str !== null && a.str.trim() !== '') return CODENAME_SDK;
    return undefined;
  }

  build(doc: XmlDocument): Manifest {
    const root = doc.root;
    if (root.name !== 'manifest') {
      throw new PledgeError('E_MANIFEST_INVALID', `root element is <${escapeText(root.name, 40)}>, not <manifest>`, { entry: this.entry, offset: root.offset });
    }
    const pkgAttr = findPlainAttr(root, 'package');
    const pkg = (pkgAttr?.raw ?? pkgAttr?.str ?? '').trim();
    if (pkg === '') {
      throw new PledgeError('E_MANIFEST_INVALID', '<manifest> has no package attribute', { entry: this.entry, offset: root.offset });
    }

    const m: Manifest = {
      package: pkg,
      versionCode: this.versionCode(root),
      versionName: this.str(root, A.versionName) ?? null,
      minSdk: null,
      targetSdk: null,
      maxSdk: null,
      effectiveMinSdk: 1,
      effectiveTargetSdk: 1,
      compileSdk: this.int(root, A.compileSdkVersion) ?? attrInt(findPlainAttr(root, 'platformBuildVersionCode')) ?? null,
      usesPermissions: [],
      permissions: [],
      components: [],
      metaData: [],
      queries: { packages: [], providers: [], intents: [] },
      usesFeatures: [],
      usesLibraries: [],
      launcherActivities: [],
    };
    const sharedUserId = this.str(root, A.sharedUserId);
    if (sharedUserId !== undefined) m.sharedUserId = sharedUserId;

    let usesSdkSeen = 0;
    let applicationEl: XmlElement | undefined;
    for (const el of root.children) {
      switch (el.name) {
        case 'uses-sdk': {
          // Android's parser lets a later <uses-sdk> overwrite an earlier one.
          if (usesSdkSeen++ > 0) this.odd('more than one <uses-sdk>; the last one wins, as in Android', el.offset);
          const min = this.sdk(el, A.minSdkVersion);
          const target = this.sdk(el, A.targetSdkVersion);
          const max = this.int(el, A.maxSdkVersion);
          if (min !== undefined) m.minSdk = min;
          if (target !== undefined) m.targetSdk = target;
          if (max !== undefined) m.maxSdk = max;
          break;
        }
        case 'uses-permission':
        case 'uses-permission-sdk-23':
        case 'uses-permission-sdk-m': {
          const name = this.str(el, A.name);
          if (name === undefined || name === '') {
            this.odd(`<${el.name}> without android:name`, el.offset);
            break;
          }
          const up: UsesPermission = { name, sdk23: el.name !== 'uses-permission', path: elementPath('/manifest', el, name) };
          const max = this.int(el, A.maxSdkVersion);
          if (max !== undefined) up.maxSdkVersion = max;
          m.usesPermissions.push(up);
          break;
        }
        case 'permission': {
          const name = this.str(el, A.name);
          if (name === undefined) break;
          const p: DeclaredPermission = { name, path: elementPath('/manifest', el, name) };
          const level = this.int(el, A.protectionLevel);
          if (level !== undefined) p.protectionLevel = formatProtectionLevel(level);
          m.permissions.push(p);
          break;
        }
        case 'application':
          if (applicationEl !== undefined) this.odd('more than one <application>; only the first is read, as in Android', el.offset);
          else applicationEl = el;
          break;
        case 'queries':
          this.queries(el, m.queries);
          break;
        case 'uses-feature': {
          const name = this.str(el, A.name);
          if (name !== undefined) m.usesFeatures.push({ name, required: this.bool(el, A.required) ?? true, path: elementPath('/manifest', el, name) });
          break;
        }
        default:
          if (COMPONENT_TAGS.has(el.name)) this.odd(`<${el.name}> outside <application> is ignored by Android`, el.offset);
      }
    }
    this.reportMisplaced(root);

    m.effectiveMinSdk = m.minSdk ?? 1;
    m.effectiveTargetSdk = m.targetSdk ?? m.effectiveMinSdk;
    if (applicationEl !== undefined) this.application(applicationEl, m);
    return m;
  }

  private versionCode(root: XmlElement): string | null {
    const minor = this.int(root, A.versionCode);
    const major = this.int(root, A.versionCodeMajor);
    if (minor === undefined && major === undefined) return null;
    if (major === undefined || major === 0) return String(minor ?? 0);
    return ((BigInt(major) << 32n) | BigInt((minor ?? 0) >>> 0)).toString();
  }

  /** uses-permission nested anywhere but directly under <manifest> is invisible to Android. */
  private reportMisplaced(root: XmlElement): void {
    const walk = (el: XmlElement, depth: number): void => {
      for (const ch of el.children) {
        if (depth >= 1 && (ch.name === 'uses-permission' || ch.name === 'uses-sdk' || ch.name === 'application')) {
          this.odd(`<${ch.name}> nested inside <${el.name}> is ignored by Android`, ch.offset);
        }
        walk(ch, depth + 1);
      }
    };
    walk(root, 0);
  }

  private application(el: XmlElement, m: Manifest): void {
    const path = '/manifest/application';
    const app: ApplicationInfo = { path };
    const className = this.str(el, A.name);
    if (className !== undefined && className.trim() !== '') app.className = qualifyClassName(m.package, className.trim());
    const set = <K extends keyof ApplicationInfo>(k: K, v: ApplicationInfo[K] | undefined): void => {
      if (v !== undefined) app[k] = v;
    };
    set('label', this.text(el, A.label));
    set('debuggable', this.bool(el, A.debuggable));
    set('testOnly', this.bool(el, A.testOnly));
    set('allowBackup', this.bool(el, A.allowBackup));
    set('fullBackupContent', this.text(el, A.fullBackupContent));
    set('dataExtractionRules', this.text(el, A.dataExtractionRules));
    set('usesCleartextTraffic', this.bool(el, A.usesCleartextTraffic));
    set('networkSecurityConfig', this.text(el, A.networkSecurityConfig));
    set('requestLegacyExternalStorage', this.bool(el, A.requestLegacyExternalStorage));
    set('appComponentFactory', this.str(el, A.appComponentFactory));
    m.application = app;

    for (const ch of el.children) {
      if (COMPONENT_TAGS.has(ch.name)) {
        const c = this.component(ch, ch.name as ComponentKind, m);
        if (c !== undefined) m.components.push(c);
      } else if (ch.name === 'meta-data') {
        const md = this.metaData(ch, path);
        if (md !== undefined) m.metaData.push(md);
      } else if (ch.name === 'uses-library') {
        const name = this.str(ch, A.name);
        if (name !== undefined) m.usesLibraries.push({ name, required: this.bool(ch, A.required) ?? true });
      }
    }
    const launchers: string[] = [];
    const disabled: string[] = [];
    for (const c of m.components) {
      if (c.kind !== 'activity' && c.kind !== 'activity-alias') continue;
      const isLauncher = c.intentFilters.some(
        (f) => f.actions.includes('android.intent.action.MAIN') && f.categories.includes('android.intent.category.LAUNCHER'),
      );
      if (isLauncher) (c.enabled ? launchers : disabled).push(c.name);
    }
    m.launcherActivities = [...launchers, ...disabled];
  }

  private component(el: XmlElement, kind: ComponentKind, m: Manifest): Component | undefined {
    const declared = (this.str(el, A.name) ?? '').trim();
    if (declared === '') {
      this.odd(`<${kind}> without android:name`, el.offset);
      return undefined;
    }
    const name = qualifyClassName(m.package, declared);
    const path = elementPath('/manifest/application', el, name);
    const filters: IntentFilter[] = [];
    const metaData: MetaData[] = [];
    const grantUriPaths: string[] = [];
    let filterIndex = 0;
    for (const ch of el.children) {
      if (ch.name === 'intent-filter') filters.push(this.intentFilter(ch, `${path}/intent-filter[${++filterIndex}]`));
      else if (ch.name === 'meta-data') {
        const md = this.metaData(ch, path);
        if (md !== undefined) metaData.push(md);
      } else if (ch.name === 'grant-uri-permission') {
        for (const id of [A.path, A.pathPrefix, A.pathPattern]) {
          const v = this.str(ch, id);
          if (v !== undefined) grantUriPaths.push(v);
        }
      }
    }
    const explicit = this.bool(el, A.exported);
    let exported: boolean;
    if (explicit !== undefined) {
      exported = explicit;
    } else if (kind === 'provider') {
      // Providers were exported by default until API 17.
      exported = m.effectiveTargetSdk < 17;
    } else {
      exported = filters.length > 0;
      if (filters.length > 0 && m.effectiveTargetSdk >= 31) {
        this.odd(`${kind} ${name} has intent filters but no android:exported; Android 12+ refuses to install it`, el.offset);
      }
    }
    const c: Component = {
      kind,
      name,
      declaredName: declared,
      exported,
      enabled: this.bool(el, A.enabled) ?? true,
      intentFilters: filters,
      metaData,
      foregroundServiceTypes: kind === 'service' ? this.foregroundServiceTypes(el) : [],
      authorities: [],
      grantUriPermissions: false,
      grantUriPaths,
      path,
    };
    if (explicit !== undefined) c.exportedExplicit = explicit;
    for (const [k, id] of [
      ['permission', A.permission],
      ['readPermission', A.readPermission],
      ['writePermission', A.writePermission],
      ['process', A.process],
    ] as const) {
      const v = this.str(el, id);
      if (v !== undefined && v !== '') c[k] = v;
    }
    if (kind === 'provider') {
      c.authorities = (this.str(el, A.authorities) ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      c.grantUriPermissions = this.bool(el, A.grantUriPermissions) ?? false;
    }
    if (kind === 'activity-alias') {
      const t = this.str(el, A.targetActivity);
      if (t !== undefined && t !== '') c.targetActivity = qualifyClassName(m.package, t);
    }
    return c;
  }

  private foregroundServiceTypes(el: XmlElement): string[] {
    const a = findAttr(el, A.foregroundServiceType);
    if (a === undefined) return [];
    if (a.type === TYPE_STRING) {
      return (a.str ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
    const flags = attrInt(a) ?? 0;
    return FGS_TYPES.filter(([bit]) => (flags & bit) !== 0).map(([, n]) => n);
  }

  private intentFilter(el: XmlElement, path: string): IntentFilter {
    const f: IntentFilter = { actions: [], categories: [], data: [], path };
    const priority = this.int(el, A.priority);
    if (priority !== undefined) f.priority = priority;
    for (const ch of el.children) {
      const name = this.str(ch, A.name);
      if (ch.name === 'action' && name !== undefined) f.actions.push(name);
      else if (ch.name === 'category' && name !== undefined) f.categories.push(name);
      else if (ch.name === 'data') {
        const d: Record<string, string> = {};
        for (const [k, id] of DATA_ATTRS) {
          const v = this.str(ch, id);
          if (v !== undefined) d[k] = v;
        }
        f.data.push(d);
      }
    }
    return f;
  }

  private metaData(el: XmlElement, parentPath: string): MetaData | undefined {
    const name = this.str(el, A.name);
    if (name === undefined) return undefined;
    const md: MetaData = { name, path: `${parentPath}/meta-data[@android:name='${name}']` };
    const value = this.text(el, A.value);
    const resource = this.text(el, A.resource);
    if (value !== undefined) md.value = value;
    if (resource !== undefined) md.resource = resource;
    return md;
  }

  private queries(el: XmlElement, q: Queries): void {
    for (const ch of el.children) {
      if (ch.name === 'package') {
        const n = this.str(ch, A.name);
        if (n !== undefined) q.packages.push(n);
      } else if (ch.name === 'provider') {
        const a = this.str(ch, A.authorities);
        if (a !== undefined) q.providers.push(...a.split(';').filter((s) => s !== ''));
      } else if (ch.name === 'intent') {
        const f = this.intentFilter(ch, '/manifest/queries/intent');
        q.intents.push({ actions: f.actions, data: f.data });
      }
    }
  }
}

export function formatProtectionLevel(level: number): string {
  const base = PROTECTION_BASE[level & 0xf] ?? `base${level & 0xf}`;
  const flags = PROTECTION_FLAGS.filter(([bit]) => (level & bit) !== 0).map(([, n]) => n);
  return [base, ...flags].join('|');
}

/** Builds the manifest model from a decoded AndroidManifest.xml (binary or plain text). */
export function buildManifest(doc: XmlDocument, options: BuildManifestOptions = {}): Manifest {
  return new ManifestBuilder(options).build(doc);
}
