import { ownerKey, type AppCoverageLimit, type MessageData } from '../model/index.js';
import type { AppFacts } from './app-facts.js';
import { descriptorToClassName } from './app-facts.js';
import type { CodeFacts, CodeSite } from './code.js';

/**
 * App-wide limits of a static audit (CLAUSES.md §0 "INCOMPLETE" and §5): when the code that
 * collects personal information is not in the DEX we read (packed, loaded at runtime, written in
 * Dart/JS/C#, or served as remote H5), "nothing found" must not read as a pass. Each limit caps
 * clauses 2, 4, 5 and 9 at review: they can no longer pass, and the report says why.
 */

const CAPPED = [2, 4, 5, 9] as const;

interface Framework {
  id: string;
  name: string;
  /** Entry-name tests; any one is enough. */
  files: RegExp[];
}

// File signatures as LibChecker-Rules (native-libs/) and the frameworks' own build outputs name
// them; the runtime library alone is enough, since the app code ships beside it.
const FRAMEWORKS: readonly Framework[] = [
  { id: 'flutter', name: 'Flutter', files: [/^lib\/[^/]+\/libflutter\.so$/, /^assets\/flutter_assets\//] },
  { id: 'react-native', name: 'React Native', files: [/^assets\/index\.android\.bundle$/, /^lib\/[^/]+\/libreactnativejni\.so$/] },
  { id: 'uni-app', name: 'uni-app / DCloud 5+', files: [/^assets\/apps\/[^/]+\/www\//, /^assets\/data\/dcloud_control\.xml$/] },
  { id: 'cordova', name: 'Cordova / Ionic / Capacitor', files: [/^assets\/(www|public)\/cordova\.js$/, /^assets\/capacitor\.config\.json$/] },
  { id: 'xamarin', name: 'Xamarin / .NET for Android', files: [/^lib\/[^/]+\/libmonodroid\.so$/, /^assemblies\/.+\.dll$/, /^lib\/[^/]+\/libassemblies\.[^/]*\.blob\.so$/] },
  { id: 'unity', name: 'Unity', files: [/^lib\/[^/]+\/libunity\.so$/] },
  { id: 'cocos', name: 'Cocos', files: [/^lib\/[^/]+\/libcocos(2djs|2dlua|2dcpp|js|)\.so$/] },
  { id: 'weex', name: 'Weex', files: [/^lib\/[^/]+\/libweexcore\.so$/] },
];

const RUNTIME_LOADERS: readonly [string, string][] = [
  ['Ldalvik/system/DexClassLoader;', '<init>'],
  ['Ldalvik/system/InMemoryDexClassLoader;', '<init>'],
  ['Ldalvik/system/DexFile;', 'loadDex'],
];

/**
 * Loaders that only load code this audit already read: MultiDex installs the APK's own
 * classesN.dex on API < 21, and the AndroidX test runner scans the test APK's class path.
 */
const OWN_CODE_LOADERS = /^L(androidx\/multidex|android\/support\/multidex|androidx\/test|android\/support\/test)\//;

/** Call sites of `loaders` whose loaded code is outside the APK (MultiDex and test runners excluded). */
export function runtimeCodeLoads(code: CodeFacts, loaders: readonly (readonly [string, string])[] = RUNTIME_LOADERS): { site: CodeSite; api: string }[] {
  return loaders.flatMap(([cls, name]) =>
    code
      .invokesOf(cls, name)
      .filter((site) => !OWN_CODE_LOADERS.test(code.callerClass(site)))
      .map((site) => ({ site, api: cls.slice(cls.lastIndexOf('/') + 1, -1) })),
  );
}

/** A launcher whose first-party code is this small and loads a remote page is a WebView shell. */
const SHELL_MAX_APP_CLASSES = 40;

function limit(code: string, data?: MessageData, clauses: readonly number[] = CAPPED): AppCoverageLimit {
  return data === undefined ? { code, clauses } : { code, data, clauses };
}

/**
 * The top-level folders every file signature is anchored in (lib/, assets/, assemblies/), read
 * from the patterns themselves: entries elsewhere (most of a large APK: res/, META-INF/, Java
 * resources) need not be tested against each pattern. Undefined when some pattern is not so
 * anchored, and then every entry is tested.
 */
const FRAMEWORK_FOLDERS: readonly string[] | undefined = (() => {
  const folders = new Set<string>();
  for (const f of FRAMEWORKS) {
    for (const re of f.files) {
      const m = /^\^([A-Za-z_]+)\\\//.exec(re.source);
      if (m === null || re.flags !== '') return undefined;
      folders.add(`${m[1] as string}/`);
    }
  }
  return [...folders];
})();

export function hybridFrameworks(entries: readonly string[]): { framework: Framework; entry: string }[] {
  const out: { framework: Framework; entry: string }[] = [];
  const folders = FRAMEWORK_FOLDERS;
  const candidates = folders === undefined ? entries : entries.filter((e) => folders.some((d) => e.startsWith(d)));
  for (const framework of FRAMEWORKS) {
    const entry = candidates.find((e) => framework.files.some((re) => re.test(e)));
    if (entry !== undefined) out.push({ framework, entry });
  }
  return out;
}

export function appCoverageLimits(facts: AppFacts): AppCoverageLimit[] {
  const limits: AppCoverageLimit[] = [];
  for (const p of facts.packers) {
    limits.push(limit(`incomplete:packer:${p.packer.id}`, { packer: p.packer.id, where: [...p.files, ...p.classes.map(descriptorToClassName)].slice(0, 3) }));
  }
  for (const { framework, entry } of hybridFrameworks(facts.entries)) {
    limits.push(limit(`incomplete:hybrid:${framework.id}`, { framework: framework.name, entry, logic: `logic:${framework.id}` }));
  }
  const code = facts.code;
  if (code !== undefined) {
    const loaders = runtimeCodeLoads(code);
    if (loaders.length > 0) {
      const owners = [...new Set(loaders.map(({ site: s }) => ownerKey(facts.ownerOfClass(descriptorToClassName(code.callerClass(s))))))].slice(0, 3);
      limits.push(limit('incomplete:dynamic-code', { owners }));
    }
    const shell = webViewShell(facts);
    if (shell !== undefined) limits.push(limit('incomplete:webview-shell', { activity: shell.activity, url: shell.url, classes: shell.appClasses }));
    if (facts.reachability?.truncated === true) limits.push(limit('incomplete:call-graph', undefined, [2, 9]));
  }
  return limits;
}

/**
 * A launcher activity that calls WebView.loadUrl with a remote URL it holds as a constant, in an
 * app whose own code is a handful of classes: the UI, its consent flow and its collection are
 * served from that site.
 */
export function webViewShell(facts: AppFacts): { activity: string; url: string; appClasses: number } | undefined {
  const code = facts.code;
  const launcher = facts.manifest.launcherActivities[0];
  if (code === undefined || launcher === undefined) return undefined;
  const alias = facts.manifest.components.find((c) => c.kind === 'activity-alias' && c.name === launcher);
  const activity = alias?.targetActivity ?? launcher;
  const desc = `L${activity.replace(/\./g, '/')};`;
  let url: string | undefined;
  for (const site of code.invokesOf('Landroid/webkit/WebView;', 'loadUrl')) {
    if (code.callerClass(site) !== desc) continue;
    url = code.stringsInMethod(site).find((s) => /^https?:\/\/[^/\s]+/i.test(s));
    if (url !== undefined) break;
  }
  if (url === undefined) return undefined;
  let appClasses = 0;
  for (const c of code.hierarchy.all()) {
    const name = descriptorToClassName(c.descriptor);
    if (/\.(R|BuildConfig)(\$|$)/.test(name)) continue;
    if (facts.ownerOfClass(name).kind === 'app' && ++appClasses > SHELL_MAX_APP_CLASSES) return undefined;
  }
  return { activity, url, appClasses };
}
