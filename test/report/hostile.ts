import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAUSES } from '../../rules/index.js';
import type { Location } from '../../src/model/index.js';
import type { ReportEvidence, ReportFinding } from '../../src/report/model.js';
import { audit } from '../../src/index.js';
import type { AuditError, AuditRecord, AuditReport } from '../../src/report/model.js';
import { encodeAxml, type ElementSpec } from '../helpers/axml-writer.js';
import { writeZip } from '../helpers/zip-writer.js';
import { fixtureRecord, pin } from './helpers.js';

/**
 * Hostile app text: what a malicious or broken APK can put in its label, component names and
 * strings, and what every output format must neutralise.
 */
export const SCRIPT = `<script>document.title='PWNED-SCRIPT';document.body.setAttribute('data-pwned','1')</script>`;
export const IMG = `<img src=x onerror="document.title='PWNED-IMG';document.body.setAttribute('data-pwned','2')">`;
export const STYLE_BREAK = `</style><script>document.title='PWNED-STYLE'</script><style>`;
export const ANSI = '\u001b[31mRED\u001b[0m\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007';
export const BIDI = '\u202eevil\u202c\u2066iso\u2069';
export const MARKDOWN = '|`code`|*em*[link](https://evil.example)![img](https://evil.example/p.png)@octocat #1';
export const PAYLOAD = `${ANSI}${SCRIPT}${IMG}${STYLE_BREAK}${BIDI}${MARKDOWN}`;
/** What XML text cannot carry but binary XML and the report model can. */
export const RAW_ONLY = '\u0000nul\u0007bel\u0085nel\ud800lone\udc00';
export const MEGABYTE = 'A'.repeat(1024 * 1024);

function escXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const dir = mkdtempSync(join(tmpdir(), 'pledge-hostile-'));

/** A plain-text manifest whose label is a megabyte of payload; it goes through the real pipeline. */
export async function hostileTextManifest(): Promise<AuditRecord> {
  const p = escXml(PAYLOAD);
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.hostile.text" android:versionCode="1" android:versionName="${p}">
  <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="33"/>
  <application android:label="${p}${MEGABYTE}" android:debuggable="true">
    <provider android:name="org.hostile.P${p}" android:exported="true" android:authorities="org.hostile"/>
    <receiver android:name="org.hostile.R${p}" android:exported="true"><intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter></receiver>
  </application>
</manifest>`;
  const path = join(dir, 'AndroidManifest.xml');
  writeFileSync(path, xml);
  const r = await audit(path, { lang: 'en', clauses: CLAUSES });
  if (r.status !== 'ok') throw new Error(`hostile manifest: ${r.error.code} ${r.error.message}`);
  return pin({ ...r, target: { ...r.target, path: 'hostile/AndroidManifest.xml' } });
}

/** A binary manifest in an APK: NUL, BEL, C1 and lone surrogates survive in a UTF-16 string pool. */
export async function hostileApk(): Promise<AuditRecord> {
  const s = `${PAYLOAD}${RAW_ONLY}`;
  const manifest: ElementSpec = {
    name: 'manifest',
    attrs: [
      { name: 'package', value: 'org.hostile.apk' },
      { name: 'android:versionCode', value: 7 },
      { name: 'android:versionName', value: s },
    ],
    children: [
      { name: 'uses-sdk', attrs: [{ name: 'android:minSdkVersion', value: 21 }, { name: 'android:targetSdkVersion', value: 33 }] },
      {
        name: 'application',
        attrs: [
          { name: 'android:label', value: s },
          { name: 'android:debuggable', value: true },
        ],
        children: [
          { name: 'provider', attrs: [{ name: 'android:name', value: `org.hostile.P${s}` }, { name: 'android:exported', value: true }, { name: 'android:authorities', value: 'org.hostile' }] },
          {
            name: 'receiver',
            attrs: [{ name: 'android:name', value: `org.hostile.R${s}` }, { name: 'android:exported', value: true }],
            children: [{ name: 'intent-filter', children: [{ name: 'action', attrs: [{ name: 'android:name', value: 'android.intent.action.BOOT_COMPLETED' }] }] }],
          },
        ],
      },
    ],
  };
  const path = join(dir, `hostile ${'\u202e'}kpa.apk`);
  writeFileSync(path, writeZip([{ name: 'AndroidManifest.xml', data: encodeAxml(manifest) }]));
  const r = await audit(path, { lang: 'en', clauses: CLAUSES });
  if (r.status !== 'ok') throw new Error(`hostile APK: ${r.error.code} ${r.error.message}`);
  return pin({ ...r, target: { ...r.target, path: `hostile/${r.target.file}` } });
}

/** Appended to every app-controlled string of a real report, bypassing build.ts's own bounds. */
function poison(s: string, big = false): string {
  return `${s}${PAYLOAD}${RAW_ONLY}${big ? MEGABYTE : ''}`;
}

function poisonLocation(l: Location): Location {
  switch (l.kind) {
    case 'manifest':
      return { ...l, path: poison(l.path) };
    case 'dex':
      return { ...l, method: poison(l.method) };
    case 'resource':
      return { ...l, name: poison(l.name) };
    case 'file':
      return { ...l, entry: poison(l.entry) };
    default:
      return l;
  }
}

function poisonEvidence(e: ReportEvidence, big: boolean): ReportEvidence {
  const out: ReportEvidence = { ...e, location: poisonLocation(e.location), detail: poison(e.detail ?? '', big) };
  if (e.owner?.kind === 'sdk' || e.owner?.kind === 'library') out.owner = { ...e.owner, name: poison(e.owner.name) };
  if (e.path !== undefined) out.path = e.path.map((p) => poison(p));
  return out;
}

function poisonFinding(f: ReportFinding, first: boolean): ReportFinding {
  const out: ReportFinding = { ...f, message: { en: poison(f.message.en, first), zh: poison(f.message.zh, first) }, evidence: f.evidence.map((e, i) => poisonEvidence(e, first && i === 0)) };
  if (f.suppressed !== undefined) out.suppressed = { reason: poison(f.suppressed.reason) };
  return out;
}

/**
 * demo-shop's report with every string that can come from an APK (or from a config file)
 * poisoned, a megabyte in the label, the first message and the first evidence detail, one
 * suppressed and one baselined finding, a crashed check, a diagnostic and a coverage note.
 */
export async function hostileReport(): Promise<AuditReport> {
  const r = await fixtureRecord('demo-shop');
  let first = true;
  const clauses = r.clauses.map((c) => ({
    ...c,
    findings: c.findings.map((f, i) => {
      const p = poisonFinding(i === 0 && c.clause === 9 ? { ...f, suppressed: { reason: 'ok' } } : i === 1 && c.clause === 9 ? { ...f, baselined: true } : f, first);
      first = false;
      return p;
    }),
    ...(c.clause === 6 ? { errors: [{ check: 'c06/x', code: 'E_RULE_CRASHED', message: poison('c06/x: boom') }] } : {}),
  }));
  return {
    ...r,
    target: { ...r.target, label: poison('拾光', true), package: poison(r.target.package), file: poison(r.target.file), path: poison('out/demo.apk'), versionName: poison('1.2.0') },
    clauses,
    sdks: r.sdks.map((s) => ({ ...s, components: s.components.map((c) => poison(c)), assets: s.assets.map((a) => poison(a)), consentApis: s.consentApis.map((a) => ({ ...a, api: poison(a.api) })) })),
    personalInformation: r.personalInformation.map((p) => ({ ...p, examples: p.examples.map((e) => poisonEvidence(e, false)) })),
    coverage: { complete: false, notes: [{ code: 'packer', message: { en: poison('packed'), zh: poison('加固') } }] },
    diagnostics: [{ code: 'W_ZIP_SUSPICIOUS_NAME', message: poison('name'), entry: poison('../../etc/passwd') }],
    code: { dexFiles: 1, classes: 1, methods: 1, failed: [{ entry: poison('classes2.dex'), code: 'E_DEX_BAD_MAGIC', message: poison('bad') }] },
    declaredSdks: [{ name: poison('友盟'), package: 'com.umeng', detected: true, matches: ['umeng-common'] }],
    suppressions: [{ check: 'c09/sdk-init-before-consent', reason: poison('ok'), state: 'active', matched: 1 }, { check: 'c10/allow-backup', location: poison('x'), reason: poison('old'), expires: '2020-01-01', state: 'expired', matched: 1 }],
    baseline: { baselined: 1, new: 5, absent: 0 },
  };
}

export function hostileErrorRecord(): AuditError {
  return pin({
    schemaVersion: 1,
    tool: { name: 'pledge-audit', version: '0' },
    status: 'error',
    target: { path: poison('in/bad.apk'), file: poison('bad.apk') },
    error: { code: 'E_ZIP_NO_EOCD', message: poison('not a zip', true), entry: poison('x'), hint: poison('hint') },
  });
}
