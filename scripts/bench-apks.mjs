#!/usr/bin/env node
// The benchmark's large real APKs, fetched on demand instead of installed with the dev
// dependencies (21.5 MB that every `npm ci` paid for). `npm pack` downloads each package's tarball
// through npm's own cache and registry settings; its apks/ folder is unpacked into a cache folder
// that survives `npm ci`: $PLEDGE_BENCH_CACHE, else $XDG_CACHE_HOME/pledge-audit/bench-apks, else
// ~/.cache/pledge-audit/bench-apks.
//
// Usage: node scripts/bench-apks.mjs          fetch (if needed) and print the APK paths
//        import { benchApks } from './bench-apks.mjs'; benchApks({ fetch: false }) → paths present
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages and versions the README's benchmark figures were measured on. */
export const BENCH_PACKAGES = [
  { name: 'appium-uiautomator2-server', version: '10.6.6', apk: /^appium-uiautomator2-server-v.*\.apk$/ },
  { name: 'io.appium.settings', version: '8.0.10', apk: /\.apk$/ },
];

export function benchCacheDir(env = process.env) {
  if (env.PLEDGE_BENCH_CACHE) return env.PLEDGE_BENCH_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'pledge-audit', 'bench-apks');
}

function findApk(dir, pattern) {
  if (!existsSync(dir)) return undefined;
  const f = readdirSync(dir).find((n) => pattern.test(n));
  return f === undefined ? undefined : join(dir, f);
}

/** Unpacks package/apks/ of `name@version` into `dest` (whole, or not at all). */
function fetchPackage(name, version, dest) {
  const parent = join(dest, '..');
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, '.fetch-'));
  try {
    const out = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', tmp, '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = join(tmp, out.trim().split('\n').pop());
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, 'package/apks']);
    rmSync(dest, { recursive: true, force: true });
    renameSync(join(tmp, 'package', 'apks'), dest);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * [label, path] of each benchmark APK. With fetch, a missing one is downloaded first; without, only
 * those already in the cache are returned (tests that want a big real APK use this and skip).
 */
export function benchApks({ fetch = true, env = process.env } = {}) {
  const cache = benchCacheDir(env);
  const found = [];
  for (const p of BENCH_PACKAGES) {
    const dir = join(cache, `${p.name}@${p.version}`);
    let apk = findApk(dir, p.apk);
    if (apk === undefined && fetch) {
      console.error(`bench: fetching ${p.name}@${p.version} into ${dir}`);
      fetchPackage(p.name, p.version, dir);
      apk = findApk(dir, p.apk);
    }
    if (apk !== undefined) found.push([p.name, apk]);
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [, path] of benchApks()) console.log(path);
}
