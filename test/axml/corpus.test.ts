import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAxml } from '../../src/axml/decode.js';
import { ANDROID_NS, type XmlElement } from '../../src/axml/types.js';
import { displayName } from '../../src/axml/values.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError } from '../../src/util/errors.js';
import { corpusFiles, hasCorpus, manifestBytes, REPO } from '../helpers/corpus.js';

type Golden = Record<string, { androguard?: 'failed'; elements?: [string, string[]][] }>;
const golden = JSON.parse(readFileSync(join(REPO, 'test/data/axml-androguard-names.json'), 'utf8')) as Golden;

/**
 * Files where androguard prints the attribute name string from the pool while Android (and we)
 * identify the attribute by its resource ID: the Liapp packer replaces the names of android:
 * attributes with random strings to break tools. For these the test checks both views.
 */
const MASKED_NAMES = new Set(['androguard__AndroidManifestLiapp.xml']);

/** Element and attribute names in document order, attributes qualified as androguard prints them. */
function names(root: XmlElement, pool = false): [string, string[]][] {
  const prefixes = new Map<string, string>([[ANDROID_NS, 'android']]);
  const out: [string, string[]][] = [];
  const walk = (el: XmlElement): void => {
    for (const d of el.nsDecls ?? []) if (!prefixes.has(d.uri)) prefixes.set(d.uri, d.prefix);
    const attrs = el.attrs
      .map((a) => {
        // androguard prefixes names that start with a digit with "_" when it prints them.
        const { ns, name } = pool && a.ns !== ANDROID_NS ? { ns: a.ns, name: /^\d/.test(a.name) ? `_${a.name}` : a.name } : displayName(a);
        return ns === null || ns === '' ? name : `${prefixes.get(ns) ?? ns}:${name}`;
      })
      .sort();
    const tag = el.ns !== null && el.ns !== '' && prefixes.has(el.ns) ? `${prefixes.get(el.ns)}:${el.name}` : el.name;
    out.push([tag, attrs]);
    el.children.forEach(walk);
  };
  walk(root);
  return out;
}

describe.skipIf(!hasCorpus())('binary XML corpus (../shared/corpus/axml)', () => {
  const files = corpusFiles('axml');
  it('covers every file of the corpus in the golden names', () => {
    expect(files.map((f) => basename(f)).sort()).toEqual(Object.keys(golden).sort());
  });

  for (const file of files) {
    const name = basename(file);
    it(name, () => {
      const diagnostics = new DiagnosticSink();
      let doc;
      try {
        doc = decodeAxml(manifestBytes(file), { entry: name, diagnostics });
      } catch (e) {
        // A typed error is acceptable for a document Android would reject; nothing else is.
        expect(isPledgeError(e), String(e)).toBe(true);
        return;
      }
      const g = golden[name];
      if (g?.elements === undefined) return;
      if (MASKED_NAMES.has(name)) {
        expect(names(doc.root, true)).toEqual(g.elements);
        expect(names(doc.root)).not.toEqual(g.elements);
        expect(diagnostics.list().some((d) => d.code === 'W_AXML_NAME_MASKED')).toBe(true);
      } else {
        expect(names(doc.root)).toEqual(g.elements);
      }
    });
  }
});

describe.skipIf(!hasCorpus())('hostile corpus manifests are repaired and recorded, as Android tolerates them', () => {
  const cases: [string, string[]][] = [
    ['androguard__AndroidManifestWrongFilesize.xml', ['W_AXML_SIZE_MISMATCH']],
    ['androguard__AndroidManifest_WrongChunkStart.xml', ['W_AXML_SIZE_MISMATCH']],
    ['androguard__AndroidManifest_StringNotTerminated.xml', ['W_AXML_BAD_STRING']],
    ['androguard__AndroidManifestLiapp.xml', ['W_AXML_NAME_MASKED']],
  ];
  for (const [file, codes] of cases) {
    it(file, () => {
      const diagnostics = new DiagnosticSink();
      const doc = decodeAxml(readFileSync(join(corpusFiles('axml')[0] ?? '', '..', file)), { entry: file, diagnostics });
      expect(doc.root.name).toBe('manifest');
      expect(diagnostics.list().map((d) => d.code)).toEqual(expect.arrayContaining(codes));
    });
  }
});
