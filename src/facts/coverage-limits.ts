import type { AppCoverageLimit } from '../engine/run.js';
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
  /** Where the app's logic lives instead of the DEX. */
  logic: { en: string; zh: string };
  /** Entry-name tests; any one is enough. */
  files: RegExp[];
}

// File signatures as LibChecker-Rules (native-libs/) and the frameworks' own build outputs name
// them; the runtime library alone is enough, since the app code ships beside it.
const FRAMEWORKS: readonly Framework[] = [
  { id: 'flutter', name: 'Flutter', logic: { en: 'compiled Dart in libapp.so', zh: 'libapp.so 中编译后的 Dart 代码' }, files: [/^lib\/[^/]+\/libflutter\.so$/, /^assets\/flutter_assets\//] },
  { id: 'react-native', name: 'React Native', logic: { en: 'the JavaScript bundle (index.android.bundle)', zh: 'JavaScript 包（index.android.bundle）' }, files: [/^assets\/index\.android\.bundle$/, /^lib\/[^/]+\/libreactnativejni\.so$/] },
  { id: 'uni-app', name: 'uni-app / DCloud 5+', logic: { en: 'JavaScript and H5 under assets/apps/', zh: 'assets/apps/ 下的 JavaScript 与 H5' }, files: [/^assets\/apps\/[^/]+\/www\//, /^assets\/data\/dcloud_control\.xml$/] },
  { id: 'cordova', name: 'Cordova / Ionic / Capacitor', logic: { en: 'H5 and JavaScript under assets/', zh: 'assets/ 下的 H5 与 JavaScript' }, files: [/^assets\/(www|public)\/cordova\.js$/, /^assets\/capacitor\.config\.json$/] },
  { id: 'xamarin', name: 'Xamarin / .NET for Android', logic: { en: '.NET assemblies', zh: '.NET 程序集' }, files: [/^lib\/[^/]+\/libmonodroid\.so$/, /^assemblies\/.+\.dll$/, /^lib\/[^/]+\/libassemblies\.[^/]*\.blob\.so$/] },
  { id: 'unity', name: 'Unity', logic: { en: 'IL2CPP or Mono code (libil2cpp.so, Managed/*.dll)', zh: 'IL2CPP 或 Mono 代码（libil2cpp.so、Managed/*.dll）' }, files: [/^lib\/[^/]+\/libunity\.so$/] },
  { id: 'cocos', name: 'Cocos', logic: { en: 'JavaScript or Lua scripts and native code', zh: 'JavaScript/Lua 脚本与原生代码' }, files: [/^lib\/[^/]+\/libcocos(2djs|2dlua|2dcpp|js|)\.so$/] },
  { id: 'weex', name: 'Weex', logic: { en: 'JavaScript bundles', zh: 'JavaScript 包' }, files: [/^lib\/[^/]+\/libweexcore\.so$/] },
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

function limit(code: string, en: string, zh: string, clauses: readonly number[] = CAPPED): AppCoverageLimit {
  return { code, message: { en, zh }, clauses };
}

export function hybridFrameworks(entries: readonly string[]): { framework: Framework; entry: string }[] {
  const out: { framework: Framework; entry: string }[] = [];
  for (const framework of FRAMEWORKS) {
    const entry = entries.find((e) => framework.files.some((re) => re.test(e)));
    if (entry !== undefined) out.push({ framework, entry });
  }
  return out;
}

export function appCoverageLimits(facts: AppFacts): AppCoverageLimit[] {
  const limits: AppCoverageLimit[] = [];

  for (const p of facts.packers) {
    const where = [...p.files, ...p.classes.map(descriptorToClassName)].slice(0, 3).join(', ');
    limits.push(
      limit(
        `incomplete:packer:${p.packer.id}`,
        `packed by ${p.packer.name.en} (${where}): the real code is encrypted and was not analysed, so clauses 2, 4, 5 and 9 cannot pass`,
        `使用${p.packer.name.zh ?? p.packer.name.en}加固（${where}）：真实代码已加密、未被分析，第 2、4、5、9 条不能判定为通过`,
      ),
    );
  }

  for (const { framework, entry } of hybridFrameworks(facts.entries)) {
    limits.push(
      limit(
        `incomplete:hybrid:${framework.id}`,
        `${framework.name} app (${entry}): its logic lives in ${framework.logic.en}, searched for strings only, so clauses 2, 4, 5 and 9 cannot pass`,
        `${framework.name} 应用（${entry}）：业务逻辑位于${framework.logic.zh}，仅做了字符串检索，第 2、4、5、9 条不能判定为通过`,
      ),
    );
  }

  const code = facts.code;
  if (code !== undefined) {
    const loaders = runtimeCodeLoads(code);
    if (loaders.length > 0) {
      const owners = [...new Set(loaders.map(({ site: s }) => facts.ownerOfClass(descriptorToClassName(code.callerClass(s)))).map((o) => (o.kind === 'sdk' || o.kind === 'library' ? o.name : o.kind === 'app' ? 'first-party code' : 'unattributed code')))].slice(0, 3);
      limits.push(
        limit(
          'incomplete:dynamic-code',
          `code is loaded at runtime (DexClassLoader/InMemoryDexClassLoader/DexFile.loadDex, by ${owners.join(', ')}): that code was not analysed, so clauses 2, 4, 5 and 9 cannot pass`,
          `运行时加载代码（DexClassLoader/InMemoryDexClassLoader/DexFile.loadDex，来自 ${owners.join('、')}）：这些代码未被分析，第 2、4、5、9 条不能判定为通过`,
        ),
      );
    }

    const shell = webViewShell(facts);
    if (shell !== undefined) {
      limits.push(
        limit(
          'incomplete:webview-shell',
          `WebView shell: the launcher ${shell.activity} loads ${shell.url} and the app's own code is ${shell.appClasses} ${shell.appClasses === 1 ? 'class' : 'classes'}: its pages and their data collection are remote, so clauses 2, 4, 5 and 9 cannot pass`,
          `WebView 壳应用：启动页 ${shell.activity} 加载 ${shell.url}，应用自身仅 ${shell.appClasses} 个类：页面及其数据收集在远端，第 2、4、5、9 条不能判定为通过`,
        ),
      );
    }

    const reach = facts.reachability;
    if (reach?.truncated === true) {
      limits.push(
        limit(
          'incomplete:call-graph',
          'the startup call graph reached its size bound (or hit malformed code): before-consent findings may be missing, so clauses 2 and 9 cannot pass',
          '启动调用图达到规模上限（或遇到损坏的代码）：同意前收集的结论可能不完整，第 2、9 条不能判定为通过',
          [2, 9],
        ),
      );
    }
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
