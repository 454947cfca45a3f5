import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/apk/zip.js';
import { FileSource } from '../../src/apk/source.js';
import { parseArsc, type ResourceTable } from '../../src/arsc/index.js';
import { decodeAxml } from '../../src/axml/decode.js';
import { TYPE_DYNAMIC_REFERENCE, TYPE_REFERENCE, TYPE_STRING } from '../../src/axml/types.js';
import { findAttr, formatValue } from '../../src/axml/values.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { corpusFiles, corpusPath, hasCorpus, oracleRows } from '../helpers/corpus.js';

const LABEL = 0x01010001;

interface AppLabel {
  /** The label as shown: the literal, or the reference resolved in the default configuration. */
  label: string | undefined;
  table: ResourceTable | undefined;
  diagnostics: DiagnosticSink;
}

/** `<application android:label>`, the way Android's PackageParser reads it. */
function appLabel(path: string): AppLabel {
  const zip = openZip(new FileSource(path));
  const diagnostics = new DiagnosticSink();
  const doc = decodeAxml(zip.read('AndroidManifest.xml'), { entry: 'AndroidManifest.xml', diagnostics });
  const table = zip.has('resources.arsc') ? parseArsc(zip.read('resources.arsc'), { entry: 'resources.arsc', diagnostics }) : undefined;
  const app = doc.root.children.find((e) => e.name === 'application');
  const attr = app === undefined ? undefined : findAttr(app, LABEL);
  let label: string | undefined;
  if (attr === undefined) label = undefined;
  else if (attr.type === TYPE_STRING) label = attr.str ?? '';
  else if (attr.type === TYPE_REFERENCE || attr.type === TYPE_DYNAMIC_REFERENCE) label = table?.resolveString(attr.data);
  else label = formatValue(attr);
  return { label, table, diagnostics };
}

/**
 * Files where our label and androguard's differ, and why. Every row is checked: if the
 * difference goes away, the test says so.
 */
const EXPECTED_DIFFERENCES: Record<string, { ours: string | undefined; reason: string }> = {
  'apk/apktool__client.apk': {
    ours: 'SharedLibrary client',
    reason: 'androguard fails on the file (versionCode is a resource reference); its arsc uses 16-bit offsets, compact entries and a library chunk',
  },
  'apk/apktool__library.apk': { ours: 'SharedLibrary', reason: 'androguard fails on the file (versionCode is a resource reference); the label is a literal' },
  'apk/apktool__framework.apk': { ours: 'Framework', reason: 'androguard fails on the file (versionCode is a resource reference); the label is a literal' },
  'signing/androguard__v2-only-garbage-between-cd-and-eocd.apk': {
    ours: 'Tiny App for CTS',
    reason: "androguard's zipfile rejects bytes between central directory and end record; Android (and our zip reader) accept them",
  },
};

describe.skipIf(!hasCorpus())('application labels against the androguard oracle', () => {
  const rows = hasCorpus() ? oracleRows() : [];
  const labelled = rows.filter((r) => r.appName !== null && r.appName !== undefined && EXPECTED_DIFFERENCES[r.file] === undefined);

  it('covers the corpus', () => {
    expect(labelled.length).toBeGreaterThan(140);
  });

  it.each(labelled.map((r) => [r.file, r.appName!] as const))('%s', (file, appName) => {
    const { label, diagnostics } = appLabel(corpusPath(file));
    // androguard reports a missing label as "" (after trying the launcher activity's label)
    expect(label ?? '').toBe(appName);
    expect(diagnostics.items.filter((d) => d.code === 'W_ARSC_ODD')).toEqual([]);
  });

  it.each(Object.entries(EXPECTED_DIFFERENCES))('%s differs from androguard: %o', (file, { ours }) => {
    const row = rows.find((r) => r.file === file);
    expect(row).toBeDefined();
    expect(row!.appName ?? null).toBeNull();
    expect(appLabel(corpusPath(file)).label).toBe(ours);
  });
});

function arscOf(path: string): Uint8Array {
  return path.endsWith('.arsc') ? readFileSync(path) : openZip(new FileSource(path)).read('resources.arsc');
}

/** name → every configuration's value, for comparing tables written in different layouts. */
function valueMap(t: ResourceTable): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const id of t.resourceIds()) {
    const n = t.nameOf(id);
    out.set(n === undefined ? `0x${id.toString(16)}` : `${n.type}/${n.key}`, t.entries(id).map((e) => [e.qualifiers, e.value, e.bag]));
  }
  return out;
}

describe.skipIf(!hasCorpus())('entry layouts in real tables', () => {
  it('sparse and not-sparse builds of one app give the same name → value map', () => {
    const sparse = parseArsc(arscOf(corpusPath('apk/apktool__sparse.apk')));
    const dense = parseArsc(arscOf(corpusPath('apk/apktool__not_sparse.apk')));
    const a = valueMap(sparse);
    expect(a.size).toBe(1010);
    expect(a).toEqual(valueMap(dense));
    expect(sparse.entries(0x7f010004).map((e) => [e.qualifiers, e.value?.data])).toEqual([
      ['default', 4],
      ['v26', 400],
    ]);
    expect(sparse.resolveInteger(0x7f010004)).toBe(4);
  });

  it('reads compact entries (androguard compact-entry.apk)', () => {
    const { label } = appLabel(corpusPath('axml/androguard__compact-entry.apk'));
    expect(label).toBe('erev0s.com-CompactEntry');
  });

  it('reads a shared library (package 0x00, 16-bit offsets, compact entries, library chunk)', () => {
    const t = parseArsc(arscOf(corpusPath('apk/apktool__library.apk')));
    expect(t.packages.map((p) => [p.id, p.name, p.libraries])).toEqual([
      [0, 'com.google.android.test.shared_library', [{ packageId: 0, packageName: 'com.google.android.test.shared_library' }]],
    ]);
    expect(t.nameOf(0x00020003)).toEqual({ package: 'com.google.android.test.shared_library', type: 'string', key: 'shared_string' });
    expect(t.resolveString(0x00020003)).toBe('Shared string!');
    expect(t.resolveFileName(0x00080000)).toBe('res/layout/address.xml');
    // the array's items are dynamic references to the library's own strings (package 0x00)
    const animals = t.entries(0x00050000)[0]!.bag!;
    expect(animals.items[0]!.value).toEqual({ type: TYPE_DYNAMIC_REFERENCE, data: 0x00020000 });
    expect(t.resolveString(animals.items[0]!.value.data)).toBe('Racoon');
  });

  it('reads an app that uses a shared library: references into the library stop as external', () => {
    const client = parseArsc(arscOf(corpusPath('apk/apktool__client.apk')));
    expect(client.packages[0]!.libraries).toEqual([{ packageId: 2, packageName: 'com.google.android.test.shared_library' }]);
    expect(client.nameOf(0x7f030001)).toMatchObject({ type: 'string', key: 'changes' });
    expect(client.resolve(0x7f030001)).toMatchObject({ stop: 'external', value: { type: TYPE_DYNAMIC_REFERENCE, data: 0x02020003 } });
    // pseudo-locales with grammatical-gender variants (Android 14 qualifiers)
    expect(client.entries(0x7f030000).map((e) => e.qualifiers)).toEqual([
      'default',
      'en-rXA',
      'en-rXA-neuter',
      'en-rXA-feminine',
      'en-rXA-masculine',
      'ar-rXB',
      'ar-rXB-neuter',
      'ar-rXB-feminine',
      'ar-rXB-masculine',
    ]);
    expect(client.resolveString(0x7f030000, { locale: 'en-XA' })).toBe('[ŠĥåŕéðĻîɓŕåŕý çļîéñţ one two three]');
  });

  it('reads the framework table (package 0x01)', () => {
    const t = parseArsc(arscOf(corpusPath('arsc/apktool__resources.arsc')));
    expect(t.packages.map((p) => [p.id, p.name])).toEqual([[1, 'android']]);
    expect(t.nameOf(LABEL)).toEqual({ package: 'android', type: 'attr', key: 'label' });
    expect(t.resolveString(0x0104000a)).toBe('OK');
    expect(t.resolveString(0x0104000a, { locale: 'zh-CN' })).toBe('确定');
    expect(t.resolveString(0x0104000a, { locale: 'zh-TW' })).toBe('確定');
    expect(t.locales()).toContain('zh-CN');
    expect([...t.resourceIds()]).toHaveLength(3329);
  });
});

describe.skipIf(!hasCorpus())('every corpus table', () => {
  const files = [...corpusFiles('apk'), ...corpusFiles('signing'), ...corpusFiles('axml').filter((f) => f.endsWith('.apk')), ...corpusFiles('arsc')];
  const tables = files.flatMap((f) => {
    try {
      return [[basename(f), f] as const].filter(() => f.endsWith('.arsc') || openZip(new FileSource(f)).has('resources.arsc'));
    } catch {
      return []; // broken zips are the zip reader's concern
    }
  });

  it('has enough tables to mean something', () => {
    expect(tables.length).toBeGreaterThan(150);
  });

  it.each(tables)('%s parses, names and resolves every resource without anomalies', (_name, f) => {
    const diagnostics = new DiagnosticSink();
    const t = parseArsc(arscOf(f), { entry: 'resources.arsc', diagnostics });
    for (const id of t.resourceIds()) {
      t.resolve(id);
      t.entries(id);
    }
    let strings = 0;
    for (const s of t.allStrings()) {
      expect(typeof s.value).toBe('string');
      strings++;
    }
    expect(strings).toBeGreaterThanOrEqual(0);
    expect(diagnostics.items).toEqual([]);
  });
});
