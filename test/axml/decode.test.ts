import { describe, expect, it } from 'vitest';
import { decodeAxml } from '../../src/axml/decode.js';
import { toXml } from '../../src/axml/to-xml.js';
import { buildManifest } from '../../src/manifest/build.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError } from '../../src/util/errors.js';
import { withLimits } from '../../src/util/limits.js';
import { encodeAxml, sampleManifest } from '../helpers/axml-writer.js';

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    if (isPledgeError(e)) return e.code;
    throw e;
  }
}

function decodeWith(buf: Buffer) {
  const diagnostics = new DiagnosticSink();
  const doc = decodeAxml(buf, { entry: 'AndroidManifest.xml', diagnostics });
  return { doc, codes: diagnostics.list().map((d) => d.code) };
}

/** Offset of the first chunk of `type` after the document header. */
function chunkAt(buf: Buffer, type: number, nth = 0): number {
  let p = 8;
  let seen = 0;
  while (p + 8 <= buf.length) {
    if (buf.readUInt16LE(p) === type && seen++ === nth) return p;
    p += buf.readUInt32LE(p + 4);
  }
  throw new Error(`no chunk 0x${type.toString(16)}`);
}

describe('binary XML decoder', () => {
  it('round-trips a manifest (UTF-16 and UTF-8 pools, either chunk order)', () => {
    for (const opts of [{}, { utf8: true }, { mapFirst: true }]) {
      const { doc, codes } = decodeWith(encodeAxml(sampleManifest(), opts));
      expect(codes).toEqual([]);
      const m = buildManifest(doc);
      expect(m.package).toBe('org.example.app');
      expect(m.versionCode).toBe('42');
      expect(m.versionName).toBe('4.2');
      expect([m.minSdk, m.targetSdk]).toEqual([21, 33]);
      expect(m.usesPermissions.map((p) => p.name)).toEqual(['android.permission.CAMERA']);
      expect(m.application?.debuggable).toBe(true);
      expect(m.components.map((c) => [c.name, c.exported])).toEqual([['org.example.app.Main', true]]);
    }
  });

  it('prints XML with android names taken from resource IDs', () => {
    const xml = toXml(decodeWith(encodeAxml(sampleManifest())).doc);
    expect(xml).toContain('<manifest xmlns:android="http://schemas.android.com/apk/res/android"');
    expect(xml).toContain('android:debuggable="true"');
    expect(xml).toContain('<activity android:name=".Main" android:exported="true"/>');
  });

  it('tolerates a header size past the data and trailing bytes, recording both', () => {
    const big = encodeAxml(sampleManifest());
    big.writeUInt32LE(0x42424242, 4);
    expect(decodeWith(big).codes).toContain('W_AXML_SIZE_MISMATCH');
    const trailing = Buffer.concat([encodeAxml(sampleManifest()), Buffer.alloc(64, 0xee)]);
    const r = decodeWith(trailing);
    expect(r.doc.root.name).toBe('manifest');
    expect(r.codes).toContain('W_AXML_SIZE_MISMATCH');
  });

  it('skips unknown chunks before the first node, as Android does', () => {
    const buf = encodeAxml(sampleManifest());
    const extra = Buffer.alloc(16);
    extra.writeUInt16LE(0x7777, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeUInt32LE(16, 4);
    const patched = Buffer.concat([buf.subarray(0, 8), extra, buf.subarray(8)]);
    patched.writeUInt32LE(patched.length, 4);
    const r = decodeWith(patched);
    expect(r.doc.root.name).toBe('manifest');
    expect(r.codes).toContain('W_AXML_UNKNOWN_CHUNK');
  });

  it('records a document that ends with elements still open', () => {
    const buf = encodeAxml(sampleManifest());
    const cut = buf.subarray(0, chunkAt(buf, 0x0103, 2));
    const r = decodeWith(Buffer.from(cut));
    expect(r.codes).toContain('W_AXML_SIZE_MISMATCH');
    expect(r.codes).toContain('W_AXML_TRUNCATED');
    expect(r.doc.root.name).toBe('manifest');
  });

  it('records masked attribute names and still reads by resource ID', () => {
    const buf = encodeAxml(sampleManifest());
    // Rename pool string 0 (an android attribute name) in place: same length, different text.
    const pool = chunkAt(buf, 0x0001);
    const first = pool + buf.readUInt32LE(pool + 20) + buf.readUInt32LE(pool + 28);
    const len = buf.readUInt16LE(first);
    buf.write('x'.repeat(len), first + 2, 'utf16le');
    const r = decodeWith(buf);
    expect(r.codes).toContain('W_AXML_NAME_MASKED');
    expect(buildManifest(r.doc).versionCode).toBe('42');
  });

  it('rejects bogus chunk sizes with E_AXML_BAD_CHUNK', () => {
    const buf = encodeAxml(sampleManifest());
    const el = chunkAt(buf, 0x0102);
    buf.writeUInt32LE(0x7ffffff0, el + 4);
    expect(codeOf(() => decodeAxml(buf))).toBe('E_AXML_BAD_CHUNK');
  });

  it('rejects misaligned node sizes with E_AXML_BAD_CHUNK', () => {
    const buf = encodeAxml(sampleManifest());
    buf.writeUInt32LE(buf.readUInt32LE(chunkAt(buf, 0x0102) + 4) + 1, chunkAt(buf, 0x0102) + 4);
    expect(codeOf(() => decodeAxml(buf))).toBe('E_AXML_BAD_CHUNK');
  });

  it('rejects a string pool whose count points past its end', () => {
    const buf = encodeAxml(sampleManifest());
    buf.writeUInt32LE(100_000, chunkAt(buf, 0x0001) + 8);
    expect(codeOf(() => decodeAxml(buf))).toBe('E_AXML_BAD_STRING_POOL');
  });

  it('rejects a string count above the limit before allocating', () => {
    const buf = encodeAxml(sampleManifest());
    buf.writeUInt32LE(0xfffffff0, chunkAt(buf, 0x0001) + 8);
    expect(codeOf(() => decodeAxml(buf, { limits: withLimits({ maxStringPoolEntries: 1000 }) }))).toBe('E_LIMIT_STRING_POOL');
  });

  it('rejects an attribute count the node cannot hold (65535 attributes)', () => {
    const buf = encodeAxml(sampleManifest());
    buf.writeUInt16LE(0xffff, chunkAt(buf, 0x0102) + 16 + 12);
    expect(codeOf(() => decodeAxml(buf))).toBe('E_AXML_BAD_CHUNK');
  });

  it('rejects input that is not binary XML', () => {
    expect(codeOf(() => decodeAxml(Buffer.from('<manifest package="x"/>')))).not.toBe('no error');
    expect(codeOf(() => decodeAxml(Buffer.alloc(4)))).toBe('E_AXML_BAD_HEADER');
    expect(codeOf(() => decodeAxml(Buffer.from([3, 0, 8, 0, 8, 0, 0, 0])))).toBe('E_AXML_NO_ROOT');
  });

  it('stops at its node limit', () => {
    expect(codeOf(() => decodeAxml(encodeAxml(sampleManifest()), { limits: withLimits({ maxXmlNodes: 3 }) }))).toBe('E_LIMIT_XML_NODES');
  });
});
