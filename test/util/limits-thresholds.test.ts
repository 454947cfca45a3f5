import { describe, expect, it } from 'vitest';
import { decodeAxml } from '../../src/axml/decode.js';
import { parseDex } from '../../src/dex/dex-file.js';
import { parseTextXml } from '../../src/manifest/text.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError } from '../../src/util/errors.js';
import { DEFAULT_LIMITS, LIMITS, withLimits } from '../../src/util/limits.js';
import { encodeAxml, type ElementSpec } from '../helpers/axml-writer.js';
import { fixture, u32 } from '../dex/helpers.js';

/** Each overridable limit of src/util/limits.ts at its value (passes) and one below (its own code). */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (isPledgeError(e)) return e.code;
    throw e;
  }
}

function nested(depth: number): ElementSpec {
  let el: ElementSpec = { name: 'leaf' };
  for (let i = 1; i < depth; i++) el = { name: `n${i}`, children: [el] };
  return el;
}

function nestedText(depth: number): string {
  return `<manifest package="a.b">${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</manifest>`;
}

describe('limits fire at their threshold with their own code', () => {
  it('maxXmlDepth: binary XML nested exactly that deep is read, one level deeper is E_LIMIT_XML_DEPTH', () => {
    const doc = encodeAxml(nested(10));
    expect(codeOf(() => decodeAxml(doc, { limits: withLimits({ maxXmlDepth: 10 }) }))).toBe('ok');
    expect(codeOf(() => decodeAxml(doc, { limits: withLimits({ maxXmlDepth: 9 }) }))).toBe('E_LIMIT_XML_DEPTH');
    // The default passes deep real layouts and stops a hostile nesting.
    expect(codeOf(() => decodeAxml(encodeAxml(nested(LIMITS.maxXmlDepth.value))))).toBe('ok');
    expect(codeOf(() => decodeAxml(encodeAxml(nested(LIMITS.maxXmlDepth.value + 1))))).toBe('E_LIMIT_XML_DEPTH');
  });

  it('maxXmlDepth: plain-text XML too', () => {
    // <manifest> is depth 0, the innermost <x> is depth n.
    expect(codeOf(() => parseTextXml(nestedText(10), 'AndroidManifest.xml', withLimits({ maxXmlDepth: 10 })))).toBe('ok');
    expect(codeOf(() => parseTextXml(nestedText(10), 'AndroidManifest.xml', withLimits({ maxXmlDepth: 9 })))).toBe('E_LIMIT_XML_DEPTH');
  });

  it('maxTextXmlChars: a plain-text manifest of that many characters is read, one more is E_INPUT_TOO_LARGE', () => {
    const text = nestedText(2);
    expect(codeOf(() => parseTextXml(text, 'AndroidManifest.xml', withLimits({ maxTextXmlChars: text.length })))).toBe('ok');
    expect(codeOf(() => parseTextXml(text, 'AndroidManifest.xml', withLimits({ maxTextXmlChars: text.length - 1 })))).toBe('E_INPUT_TOO_LARGE');
  });

  it('maxDexTableEntries: field_ids, method_ids and class_defs up to that size are read, one more is E_LIMIT_DEX_TABLE', () => {
    const b = fixture('scan.dex');
    const largest = Math.max(u32(b, 0x50), u32(b, 0x58), u32(b, 0x60));
    expect(largest).toBeGreaterThan(1);
    expect(codeOf(() => parseDex(b, { entry: 'x', limits: withLimits({ maxDexTableEntries: largest }) }))).toBe('ok');
    expect(codeOf(() => parseDex(b, { entry: 'x', limits: withLimits({ maxDexTableEntries: largest - 1 }) }))).toBe('E_LIMIT_DEX_TABLE');
  });

  it('maxDiagnostics: that many are listed, the rest counted in one W_LIMIT_DIAGNOSTICS', () => {
    const sink = new DiagnosticSink(3);
    for (let i = 0; i < 3; i++) sink.add('W_DEX_ODD', `odd ${i}`);
    expect(sink.list().map((d) => d.code)).toEqual(['W_DEX_ODD', 'W_DEX_ODD', 'W_DEX_ODD']);
    sink.add('W_DEX_ODD', 'odd 3');
    sink.add('W_DEX_ODD', 'odd 4');
    const list = sink.list();
    expect(list).toHaveLength(4);
    expect(list[3]).toEqual({ code: 'W_LIMIT_DIAGNOSTICS', message: '2 further diagnostics omitted (maxDiagnostics 3)' });
    expect(new DiagnosticSink()['max' as keyof DiagnosticSink]).toBe(DEFAULT_LIMITS.maxDiagnostics);
  });

  it('dexValidationBudget loses nothing: the same DEX gives the same tables with a budget of 1', () => {
    const b = fixture('scan.dex');
    const full = parseDex(b, { entry: 'x' });
    const lazy = parseDex(b, { entry: 'x', limits: withLimits({ dexValidationBudget: 1 }) });
    const strings = (d: typeof full): string[] => Array.from({ length: d.stringCount }, (_, i) => d.string(i));
    expect(strings(lazy)).toEqual(strings(full));
  });

  it('--max-entry-size above the total raises the total with it', () => {
    const big = 2 * DEFAULT_LIMITS.maxTotalInflatedBytes;
    expect(withLimits({ maxEntryBytes: big }).maxTotalInflatedBytes).toBe(big);
    expect(withLimits({ maxEntryBytes: 1024 }).maxTotalInflatedBytes).toBe(DEFAULT_LIMITS.maxTotalInflatedBytes);
    expect(withLimits({ maxEntryBytes: big, maxTotalInflatedBytes: 10 }).maxTotalInflatedBytes).toBe(10);
  });
});
