#!/usr/bin/env node
// Generates rules/data/permissions.json (permission → protection level, group, label) from the AOSP
// API 36 permission table that androguard extracted (../shared/reference/permissions/
// aosp_permissions_api36.json, Apache-2.0), and cross-checks it against the platform manifest
// inside Debian's framework-res.apk (API 29), decoded by our own binary XML decoder (run
// `npm run build` first). Differences between the two API levels are recorded, not hidden.
import { existsSync, readFileSync } from 'node:fs';
import { done, emit, requires } from './lib/emit.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.PLEDGE_SHARED ?? resolve(here, '../../shared');
const src = join(shared, 'reference/permissions/aosp_permissions_api36.json');
requires([{ path: src, install: '../shared beside the clone' }, { path: join(here, '../dist/src/apk/zip.js'), install: 'npm run build' }]);
const frameworkRes = process.env.FRAMEWORK_RES ?? '/usr/share/android-framework-res/framework-res.apk';

const table = JSON.parse(readFileSync(src, 'utf8'));
const permissions = {};
for (const [name, p] of Object.entries(table.permissions).sort(([a], [b]) => (a < b ? -1 : 1))) {
  const row = { protectionLevel: p.protectionLevel || 'normal' };
  if (p.permissionGroup && p.permissionGroup !== 'android.permission-group.UNDEFINED') row.group = p.permissionGroup;
  if (p.label) row.label = p.label.replace(/\s+/g, ' ').trim();
  permissions[name] = row;
}

let crossCheck = { api: 29, available: false };
if (existsSync(frameworkRes)) {
  const { openZip } = await import('../dist/src/apk/zip.js');
  const { FileSource } = await import('../dist/src/apk/source.js');
  const { decodeAxml } = await import('../dist/src/axml/decode.js');
  const { buildManifest } = await import('../dist/src/manifest/build.js');
  const zip = openZip(new FileSource(frameworkRes));
  const m = buildManifest(decodeAxml(zip.read('AndroidManifest.xml'), { entry: 'AndroidManifest.xml' }));
  const base = (level) => (level ?? 'normal').split('|')[0];
  const differing = [];
  let both = 0;
  for (const p of m.permissions) {
    const newer = permissions[p.name];
    if (newer === undefined) continue;
    both++;
    if (base(p.protectionLevel) !== base(newer.protectionLevel)) differing.push(`${p.name}: API 29 ${p.protectionLevel ?? 'normal'}, API 36 ${newer.protectionLevel}`);
  }
  const dangerous29 = m.permissions.filter((p) => base(p.protectionLevel) === 'dangerous').map((p) => p.name).sort();
  const missingDangerous = dangerous29.filter((n) => permissions[n] === undefined);
  crossCheck = { api: 29, available: true, declaredAtApi29: m.permissions.length, inBoth: both, baseLevelDiffers: differing.sort(), dangerousAtApi29NotInApi36: missingDangerous };
  // Dangerous permissions removed by API 36 still matter for old apps: keep them with their API 29 level.
  for (const p of m.permissions) {
    if (permissions[p.name] === undefined) permissions[p.name] = { protectionLevel: p.protectionLevel ?? 'normal', removedAfterApi: 29 };
  }
} else {
  console.warn(`warning: ${frameworkRes} not found; cross-check skipped (apt-get install android-framework-res)`);
}

const sorted = Object.fromEntries(Object.entries(permissions).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = {
  source: 'AOSP frameworks/base core/res/AndroidManifest.xml, API 36, as extracted by androguard (androguard/androguard androguard/core/api_specific_resources/aosp_permissions/permissions_36.json, Apache-2.0); cross-checked with Debian android-framework-res (API 29)',
  generatedBy: 'scripts/gen-permissions.mjs',
  crossCheck,
  permissions: sorted,
};
emit(join(here, '../rules/data/permissions.json'), `${JSON.stringify(out, null, 1)}\n`);
done(`rules/data/permissions.json: ${Object.keys(sorted).length} permissions; API 29 cross-check: ${crossCheck.available ? `${crossCheck.inBoth} in both, ${crossCheck.baseLevelDiffers.length} base levels differ` : 'skipped'}`);
