import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { applyBaseline, parseBaselineText, readBaseline, writeBaseline, type Baseline } from '../../src/config/baseline.js';
import { ConfigError } from '../../src/config/config.js';
import { applySuppressions } from '../../src/config/suppressions.js';
import { locationIdentity } from '../../src/engine/fingerprint.js';
import { audit, exitStatus } from '../../src/index.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { writeZip, type RawEntry } from '../helpers/zip-writer.js';
import { DATA } from '../dex/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-baseline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let demo: Map<string, Buffer>;
beforeAll(async () => {
  const zip = await JSZip.loadAsync(readFileSync(fixtureApk('demo-shop')));
  demo = new Map();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) demo.set(name, await f.async('nodebuffer'));
});

function entry(name: string): Buffer {
  const b = demo.get(name);
  if (b === undefined) throw new Error(`demo-shop has no ${name}`);
  return b;
}

/** demo-shop's versionCode is the INT_DEC attribute value 120 (size 8, res0 0, type 0x10, data). */
function withVersionCode(manifest: Buffer, code: number): Buffer {
  const at = manifest.indexOf(Buffer.from([8, 0, 0, 0x10, 120, 0, 0, 0]));
  if (at < 0 || manifest.indexOf(Buffer.from([8, 0, 0, 0x10, 120, 0, 0, 0]), at + 1) >= 0) throw new Error('versionCode attribute not found exactly once');
  const out = Buffer.from(manifest);
  out.writeUInt32LE(code, at + 4);
  return out;
}

/** A rebuilt demo-shop: same resources, the DEX files given in order, extra entries. */
async function build(name: string, o: { dex: Buffer[]; manifest?: Buffer; extra?: RawEntry[]; reverse?: boolean }): Promise<AuditReport> {
  const entries: RawEntry[] = [];
  for (const [n, data] of demo) {
    if (n === 'classes.dex' || n.startsWith('META-INF/')) continue;
    entries.push({ name: n, data: n === 'AndroidManifest.xml' && o.manifest !== undefined ? o.manifest : data });
  }
  o.dex.forEach((d, i) => entries.push({ name: i === 0 ? 'classes.dex' : `classes${i + 1}.dex`, data: d }));
  entries.push(...(o.extra ?? []));
  if (o.reverse === true) entries.reverse();
  const path = join(work, `${name}.apk`);
  writeFileSync(path, writeZip(entries));
  const r = await audit(path, { lang: 'en', clauses: CLAUSES });
  if (r.status !== 'ok') throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r;
}

/** Fingerprints of the findings, or of those with at most `maxPlaces` pieces of evidence. */
function fingerprints(r: AuditReport, maxPlaces = Infinity): string[] {
  return r.clauses.flatMap((c) => c.findings.filter((f) => f.evidence.length <= maxPlaces).map((f) => `${f.check} ${f.fingerprint}`)).sort();
}

/** Each finding (or each with at most `maxPlaces` pieces of evidence) as check, message and its places' identities. */
function places(r: AuditReport, maxPlaces = Infinity): string[] {
  return r.clauses.flatMap((c) => c.findings.filter((f) => f.evidence.length <= maxPlaces).map((f) => `${f.check} ${f.messageId} ${f.evidence.map((e) => locationIdentity(e.location)).sort().join(' | ')}`)).sort();
}

function dexEntries(r: AuditReport, cls: string): string[] {
  return [...new Set(r.clauses.flatMap((c) => c.findings.flatMap((f) => f.evidence.flatMap((e) => (e.location.kind === 'dex' && e.location.method.startsWith(cls) ? [e.location.entry] : [])))))];
}

describe('fingerprints survive unrelated changes', () => {
  it('reordered DEX files: evidence moves from classes.dex to classes2.dex, no location identity changes, a baseline still matches everything', async () => {
    const second = readFileSync(join(DATA, 'scan.dex'));
    const a = await build('dex-order-a', { dex: [entry('classes.dex'), second] });
    const b = await build('dex-order-b', { dex: [second, entry('classes.dex')] });
    // The test only means something if evidence really changed entries.
    expect(dexEntries(a, 'Lcom/example/shiguang/')).toEqual(['classes.dex']);
    expect(dexEntries(b, 'Lcom/example/shiguang/')).toEqual(['classes2.dex']);
    expect(fingerprints(a).length).toBeGreaterThan(10);
    // A finding with one place keeps its fingerprint: the DEX entry is no part of a place's identity.
    expect(places(b, 1)).toEqual(places(a, 1));
    expect(fingerprints(b, 1)).toEqual(fingerprints(a, 1));
    expect(fingerprints(a, 1).length).toBeGreaterThan(10);
    // Findings that gather places (first site of each kind) pick them in DEX scan order, so their
    // primary place can differ; the same findings are there, and the baseline still matches them.
    expect(places(b).map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(places(a).map((p) => p.split(' ').slice(0, 2).join(' ')));
    const [r] = applyBaseline([b], parseBaselineText(writeBaseline([a]), 'baseline.json'), CLAUSES) as AuditReport[];
    expect(r?.baseline).toEqual({ baselined: fingerprints(a).length, new: 0, absent: 0 });
    expect(exitStatus(r === undefined ? [] : [r], 'warn')).toBe(0);
  });

  it('a new versionCode and a different zip entry order change no fingerprint', async () => {
    const a = await build('version-a', { dex: [entry('classes.dex')] });
    const b = await build('version-b', { dex: [entry('classes.dex')], manifest: withVersionCode(entry('AndroidManifest.xml'), 121), reverse: true });
    expect(a.target.versionCode).toBe('120');
    expect(b.target.versionCode).toBe('121');
    expect(b.target.sha256).not.toBe(a.target.sha256);
    expect(fingerprints(b)).toEqual(fingerprints(a));
  });
});

describe('baselines', () => {
  let today: AuditReport;
  let baseline: Baseline;
  beforeAll(async () => {
    today = await build('today', { dex: [entry('classes.dex')] });
    baseline = parseBaselineText(writeBaseline([today]), 'baseline.json');
  });

  it('an unchanged app with its baseline exits 0; every finding is shown as baselined', async () => {
    expect(exitStatus([today], 'fail')).toBe(1);
    const again = await build('today-again', { dex: [entry('classes.dex')], manifest: withVersionCode(entry('AndroidManifest.xml'), 121) });
    const [r] = applyBaseline([again], baseline, CLAUSES) as AuditReport[];
    if (r === undefined) throw new Error('no record');
    expect(exitStatus([r], 'fail')).toBe(0);
    expect(exitStatus([r], 'warn')).toBe(0);
    const all = r.clauses.flatMap((c) => c.findings);
    expect(all.every((f) => f.baselined === true)).toBe(true);
    expect(r.baseline).toEqual({ baselined: all.length, new: 0, absent: 0 });
    expect(r.clauses.every((c) => c.verdict === 'pass' || c.verdict === 'review')).toBe(true);
  });

  it('one new finding exits 1 and is the only one not baselined', async () => {
    const leaked = await build('leaked-key', { dex: [entry('classes.dex')], extra: [{ name: 'assets/release.keystore', data: Buffer.from('not really a keystore') }] });
    const [r] = applyBaseline([leaked], baseline, CLAUSES) as AuditReport[];
    if (r === undefined) throw new Error('no record');
    expect(exitStatus([r], 'fail')).toBe(1);
    const fresh = r.clauses.flatMap((c) => c.findings.filter((f) => f.baselined !== true));
    expect(fresh.map((f) => [f.check, f.evidence[0]?.location])).toEqual([['c10/private-key-in-apk', { kind: 'file', entry: 'assets/release.keystore' }]]);
    expect(r.baseline).toEqual({ baselined: baseline.findings.length, new: 1, absent: 0 });
    expect(r.clauses.find((c) => c.clause === 10)?.verdict).toBe('fail');
  });

  it('falls back from the fingerprint only for findings with several places', () => {
    const single = today.clauses.flatMap((c) => c.findings).find((f) => f.evidence.length === 1);
    const multi = today.clauses.flatMap((c) => c.findings).find((f) => f.evidence.length > 2);
    if (single === undefined || multi === undefined) throw new Error('fixture changed');
    const reordered = { ...multi, fingerprint: 'f'.repeat(32), evidence: [...multi.evidence.slice(1), ...multi.evidence.slice(0, 1)] };
    const moved = { ...single, fingerprint: 'e'.repeat(32) };
    const only = (fs: typeof single[]): AuditReport => ({ ...today, clauses: today.clauses.map((c, i) => ({ ...c, findings: i === 0 ? fs : [] })) });
    const mark = (fs: typeof single[], b: Baseline) => (applyBaseline([only(fs)], b, CLAUSES)[0] as AuditReport).clauses[0]?.findings.map((f) => f.baselined === true);
    // Same check and message, the old primary place still among the evidence: the same finding.
    expect(mark([reordered], baseline)).toEqual([true]);
    // Another primary place, but the only finding of its check and message on both sides.
    const elsewhere = { ...reordered, evidence: reordered.evidence.filter((e) => e !== multi.evidence[0]) };
    expect(mark([elsewhere], baseline)).toEqual([true]);
    // Two candidates for one entry: no guessing.
    expect(mark([elsewhere, { ...elsewhere, fingerprint: 'd'.repeat(32) }], baseline)).toEqual([false, false]);
    // One place that changed is a new place.
    expect(mark([moved], baseline)).toEqual([false]);
  });

  it('a fixed finding is counted as absent', () => {
    const fewer: AuditReport = { ...today, clauses: today.clauses.map((c) => (c.clause === 10 ? { ...c, findings: c.findings.slice(1) } : c)) };
    const [r] = applyBaseline([fewer], baseline, CLAUSES) as AuditReport[];
    expect(r?.baseline?.absent).toBe(1);
  });

  it('is per app, and a multiset: one entry excuses one finding', () => {
    const other: AuditReport = { ...today, target: { ...today.target, package: 'com.example.other' } };
    const [r] = applyBaseline([other], baseline, CLAUSES) as AuditReport[];
    expect(r?.clauses.flatMap((c) => c.findings).some((f) => f.baselined === true)).toBe(false);
    const first = today.clauses.flatMap((c) => c.findings)[0];
    if (first === undefined) throw new Error('no finding');
    const twice: AuditReport = { ...today, clauses: today.clauses.map((c) => (c.clause === first.clause ? { ...c, findings: [first, { ...first }] } : { ...c, findings: [] })) };
    const one: Baseline = { ...baseline, findings: baseline.findings.filter((e) => e.fingerprint === first.fingerprint).slice(0, 1) };
    const [t] = applyBaseline([twice], one, CLAUSES) as AuditReport[];
    expect(t?.clauses.flatMap((c) => c.findings).map((f) => f.baselined === true)).toEqual([true, false]);
  });

  it('leaves suppressed findings out of the baseline, so that they count again when the suppression expires', () => {
    const check = today.clauses.flatMap((c) => c.findings)[0]?.check ?? '';
    const suppressed = applySuppressions(today, { categories: [], suppressions: [{ check, reason: 'r', expires: '2026-01-31' }] }, '2026-01-01', CLAUSES);
    const b = parseBaselineText(writeBaseline([suppressed]), 'b.json');
    expect(b.findings.some((e) => e.check === check)).toBe(false);
    const later = applySuppressions(today, { categories: [], suppressions: [{ check, reason: 'r', expires: '2026-01-31' }] }, '2026-02-01', CLAUSES);
    const [r] = applyBaseline([later], b, CLAUSES) as AuditReport[];
    expect(r?.clauses.flatMap((c) => c.findings).filter((f) => f.check === check).every((f) => f.baselined !== true && f.suppressed === undefined)).toBe(true);
  });

  it('is deterministic, sorted JSON: fingerprint, package, check, messageId, identity, and message and location for people; no timestamp', () => {
    const text = writeBaseline([today]);
    expect(writeBaseline([today])).toBe(text);
    const parsed = JSON.parse(text) as Baseline;
    expect(parsed.baselineVersion).toBe(1);
    expect(Object.keys(parsed)).toEqual(['baselineVersion', 'tool', 'findings']);
    expect(Object.keys(parsed.findings[0] ?? {})).toEqual(['fingerprint', 'package', 'check', 'messageId', 'identity', 'message', 'location']);
    expect(parsed.findings.every((e) => e.package === 'com.example.shiguang')).toBe(true);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const error: AuditRecord = { schemaVersion: 1, tool: today.tool, status: 'error', target: { path: 'x', file: 'x' }, error: { code: 'E_ZIP_NO_EOCD', message: 'm' } };
    expect(applyBaseline([error], baseline, CLAUSES)).toEqual([error]);
  });

  it('a broken baseline file is an E_CONFIG error with the JSON path', () => {
    const bad = (v: unknown) => () => parseBaselineText(JSON.stringify(v), 'b.json');
    expect(bad({ baselineVersion: 2, tool: { version: '1' }, findings: [] })).toThrow(/^\$\.baselineVersion: /);
    expect(bad({ baselineVersion: 1, tool: { version: '1' }, findings: [{ fingerprint: 'xyz', package: 'a' }] })).toThrow(/^\$\.findings\[0\]\.fingerprint: /);
    expect(bad({ baselineVersion: 1, tool: { version: '1' }, findings: [{ fingerprint: 'a'.repeat(32), package: 'a', check: 'c10/x' }] })).toThrow(/^\$\.findings\[0\]\.messageId: /);
    expect(() => parseBaselineText('{', 'b.json')).toThrow(ConfigError);
    expect(() => readBaseline(join(work, 'missing.json'))).toThrow(ConfigError);
    const path = join(work, 'ok.json');
    writeFileSync(path, writeBaseline([today]));
    expect(readBaseline(path).findings).toHaveLength(baseline.findings.length);
  });
});
