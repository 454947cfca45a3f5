#!/usr/bin/env node
// Builds fixtures/apk/<name>.apk from fixtures/src/<name>/ with the real Android toolchain from
// Debian (aapt, smali, apksigner; ../shared/docs/FIXTURES.md has the recipe):
//   apt-get install -y aapt apksigner libsmali-java android-framework-res zip
//
// A fixture folder holds AndroidManifest.xml, and optionally res/, assets/, smali/ (→ classes.dex),
// smali-2/ … (→ classes2.dex …), files/ (copied into the APK as is, e.g. files/lib/arm64-v8a/x.so)
// and fixture.json: { "description": "...", "signing": "default" | "v1-only" | "debug" | "none",
// "smaliApi": 15 }.
//
// Signing makes every build byte-different, so an APK is rebuilt only when its sources changed
// (fixtures/apk/index.json keeps a hash of them), or with --force. After a rebuild the script
// checks that the new APK decodes to the same manifest facts as the one it replaces.
//
// Usage: npm run fixtures [-- --force] [-- name…]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'fixtures/src');
const outDir = join(root, 'fixtures/apk');
const buildDir = join(root, 'fixtures/build');
const keys = join(root, 'fixtures/keys');
const FRAMEWORK = process.env.FRAMEWORK_RES ?? '/usr/share/android-framework-res/framework-res.apk';
const KEY_PASS = 'pledge-audit-fixtures';
const RECIPE_VERSION = '1';

const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((a) => !a.startsWith('--'));

/** Runs a tool; returns stdout and stderr together (smali reports syntax errors there and exits 0). */
function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr || r.stdout || r.error?.message}`);
  return `${r.stdout}${r.stderr}`;
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function sourceHash(dir) {
  const h = createHash('sha256');
  h.update(`recipe ${RECIPE_VERSION}\n`);
  for (const f of listFiles(dir)) {
    h.update(relative(dir, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

async function manifestFacts(apk) {
  const { loadFacts } = await import(join(root, 'dist/src/facts/load.js'));
  const facts = await loadFacts(apk, { needs: new Set() });
  const m = facts.manifest;
  const summary = {
    package: m.package,
    versionCode: m.versionCode,
    minSdk: m.minSdk,
    targetSdk: m.targetSdk,
    permissions: m.usesPermissions.map((p) => p.name),
    components: m.components.map((c) => `${c.kind}:${c.name}:${c.exported}`),
    entries: [...facts.entries].filter((e) => !e.startsWith('META-INF/')).sort(),
  };
  facts.close();
  return JSON.stringify(summary);
}

function build(name, dir) {
  const cfg = existsSync(join(dir, 'fixture.json')) ? JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) : {};
  const work = join(buildDir, name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const unsigned = join(work, 'unsigned.apk');
  const aaptArgs = ['package', '-f', '-M', join(dir, 'AndroidManifest.xml'), '-I', FRAMEWORK, '-F', unsigned];
  if (existsSync(join(dir, 'res'))) aaptArgs.push('-S', join(dir, 'res'));
  if (existsSync(join(dir, 'assets'))) aaptArgs.push('-A', join(dir, 'assets'));
  run('aapt', aaptArgs);
  const dexes = [];
  const smaliDirs = readdirSync(dir)
    .filter((n) => n === 'smali' || /^smali-\d+$/.test(n))
    .sort((a, b) => (a === 'smali' ? -1 : b === 'smali' ? 1 : Number(a.slice(6)) - Number(b.slice(6))));
  for (const s of smaliDirs) {
    const dexName = s === 'smali' ? 'classes.dex' : `classes${s.slice(6)}.dex`;
    const out = run('smali', ['assemble', '-a', String(cfg.smaliApi ?? 15), '-o', join(work, dexName), join(dir, s)]);
    // smali reports syntax errors on stderr and still exits 0, writing no DEX.
    if (!existsSync(join(work, dexName))) throw new Error(`smali wrote no ${dexName} for ${name}:\n${out}`);
    dexes.push(dexName);
  }
  if (dexes.length > 0) run('zip', ['-q', '-X', unsigned, ...dexes], work);
  if (existsSync(join(dir, 'files'))) {
    cpSync(join(dir, 'files'), join(work, 'files'), { recursive: true });
    const rel = listFiles(join(work, 'files')).map((f) => relative(join(work, 'files'), f));
    run('zip', ['-q', '-X', unsigned, ...rel], join(work, 'files'));
  }
  const out = join(outDir, `${name}.apk`);
  const signing = cfg.signing ?? 'default';
  if (signing === 'none') {
    cpSync(unsigned, out);
  } else {
    const debug = signing === 'debug';
    const signArgs = ['sign', '--ks', join(keys, debug ? 'debug-key.jks' : 'test-key.jks'), '--ks-key-alias', debug ? 'androiddebugkey' : 'fixture', '--ks-pass', `pass:${KEY_PASS}`, '--key-pass', `pass:${KEY_PASS}`, '--out', out];
    if (signing === 'v1-only') signArgs.push('--v1-signing-enabled', 'true', '--v2-signing-enabled', 'false', '--v3-signing-enabled', 'false');
    run('apksigner', [...signArgs, unsigned]);
    rmSync(`${out}.idsig`, { force: true });
  }
  return { description: cfg.description ?? '', signing };
}

const indexPath = join(outDir, 'index.json');
const index = existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, 'utf8')) : {};
mkdirSync(outDir, { recursive: true });
if (!existsSync(join(root, 'dist/src/facts/load.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
if (!existsSync(FRAMEWORK)) {
  console.error(`missing ${FRAMEWORK}: apt-get install -y aapt apksigner libsmali-java android-framework-res zip`);
  process.exit(2);
}
function writeIndex() {
  writeFileSync(indexPath, `${JSON.stringify(Object.fromEntries(Object.entries(index).sort(([a], [b]) => (a < b ? -1 : 1))), null, 2)}\n`);
}
const names = readdirSync(srcDir).filter((n) => statSync(join(srcDir, n)).isDirectory()).sort();
let built = 0;
for (const name of names) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = join(srcDir, name);
  const hash = sourceHash(dir);
  const out = join(outDir, `${name}.apk`);
  if (!force && existsSync(out) && index[name]?.sourceHash === hash) continue;
  const before = existsSync(out) ? await manifestFacts(out) : undefined;
  const info = build(name, dir);
  const after = await manifestFacts(out);
  if (before !== undefined && index[name]?.sourceHash === hash && before !== after) {
    throw new Error(`${name}: rebuilt APK decodes to different facts than the committed one:\n  before ${before}\n  after  ${after}`);
  }
  index[name] = { sourceHash: hash, ...info };
  writeIndex();
  built++;
  console.log(`built fixtures/apk/${name}.apk`);
}
for (const name of Object.keys(index)) if (!names.includes(name)) delete index[name];
writeIndex();
rmSync(buildDir, { recursive: true, force: true });
console.log(`${built} built, ${names.length - built} up to date`);
