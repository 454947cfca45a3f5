import { describe, expect, it } from 'vitest';
import { parseArsc, type ResourceTable } from '../../src/arsc/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import {
  buildArsc,
  TYPE_DYNAMIC_REFERENCE,
  TYPE_INT_BOOLEAN,
  TYPE_INT_DEC,
  TYPE_REFERENCE,
  TYPE_STRING,
  type ConfigSpec,
  type EntrySpec,
  type PackageSpec,
  type TypeChunkSpec,
} from './arsc-builder.js';

const STRING = 1;
const ID = (entry: number, type = STRING, pkg = 0x7f): number => ((pkg << 24) | (type << 16) | entry) >>> 0;

function table(pkg: Partial<PackageSpec> & { chunks: TypeChunkSpec[] }, extra: PackageSpec[] = []): { t: ResourceTable; diags: DiagnosticSink } {
  const diags = new DiagnosticSink();
  const { bytes } = buildArsc({ packages: [{ id: 0x7f, name: 'com.example', types: ['string', 'bool', 'integer', 'xml', 'array', 'plurals'], ...pkg }, ...extra] });
  return { t: parseArsc(bytes, { entry: 'resources.arsc', diagnostics: diags }), diags };
}

/** One string resource (string/label, index 0) with a value per configuration. */
function labelIn(configs: [ConfigSpec, string][]): ResourceTable {
  return table({ chunks: configs.map(([config, s]) => ({ id: STRING, config, entries: [{ index: 0, key: 'label', value: { string: s } }] })) }).t;
}

describe('default configuration', () => {
  it('picks the default value whatever other configurations exist', () => {
    const t = labelIn([
      [{ language: 'zh', region: 'CN' }, '中文'],
      [{ sdkVersion: 21 }, 'v21'],
      [{}, 'Default'],
      [{ uiMode: 0x20 }, 'night'],
    ]);
    expect(t.resolveString(ID(0))).toBe('Default');
    expect(t.resolve(ID(0))).toMatchObject({ qualifiers: 'default', chain: [ID(0)] });
  });

  it('without a default, takes the best match for the neutral device (newest -vNN)', () => {
    const t = labelIn([
      [{ sdkVersion: 21 }, 'v21'],
      [{ sdkVersion: 26 }, 'v26'],
      [{ sdkVersion: 23 }, 'v23'],
    ]);
    expect(t.resolveString(ID(0))).toBe('v26');
  });

  it('without a default, skips qualifiers a phone does not match (night, car, large, land)', () => {
    const t = labelIn([
      [{ uiMode: 0x20 }, 'night'],
      [{ uiMode: 0x03 }, 'car'],
      [{ screenLayout: 0x03 }, 'large'],
      [{ orientation: 2 }, 'land'],
      [{ uiMode: 0x10 }, 'notnight'],
    ]);
    expect(t.resolveString(ID(0))).toBe('notnight');
  });

  it('without a default, prefers the density closest from above to mdpi', () => {
    const t = labelIn([
      [{ density: 480 }, 'xxhdpi'],
      [{ density: 240 }, 'hdpi'],
      [{ density: 320 }, 'xhdpi'],
    ]);
    expect(t.resolveString(ID(0))).toBe('hdpi');
  });

  it('without a default or a locale-free value, falls back to en-US, then to table order', () => {
    expect(labelIn([[{ language: 'zh', region: 'CN' }, '中文'], [{ language: 'en' }, 'English'], [{ language: 'en', region: 'GB' }, 'British']]).resolveString(ID(0))).toBe('English');
    expect(labelIn([[{ language: 'zh', region: 'CN' }, '中文'], [{ language: 'fr' }, 'Français']]).resolveString(ID(0))).toBe('中文');
  });
});

describe('locale resolution', () => {
  const t = labelIn([
    [{}, 'Default'],
    [{ language: 'zh' }, '中文'],
    [{ language: 'zh', region: 'CN' }, '简体'],
    [{ language: 'zh', region: 'TW' }, '繁體'],
    [{ language: 'en', region: 'GB' }, 'British'],
    [{ language: 'sr', localeScript: 'Latn' }, 'Srpski'],
    [{ language: 'fil' }, 'Filipino'],
  ]);

  it.each([
    ['zh-CN', '简体'],
    ['zh_CN', '简体'],
    ['zh-rCN', '简体'],
    ['zh', '中文'],
    ['zh-SG', '中文'], // Hans like zh: values-zh applies, values-zh-rCN does not beat it
    ['zh-TW', '繁體'],
    ['zh-HK', '繁體'], // Hant like zh-TW; values-zh and values-zh-rCN are Hans and do not match
    ['zh-Hant-TW', '繁體'],
    ['en', 'Default'],
    ['en-US', 'Default'],
    ['en-GB', 'British'],
    ['fr-FR', 'Default'],
    ['b+sr+Latn', 'Srpski'],
    ['sr-Cyrl', 'Default'],
    ['tl', 'Filipino'], // Tagalog and Filipino are one language to Android
  ])('%s → %s', (locale, expected) => {
    expect(t.resolveString(ID(0), { locale })).toBe(expected);
  });

  it('falls back to the default rules when no configuration matches the locale', () => {
    // aapt sorts configurations (v21 before de); androidfw's linear best-match scan relies on it
    const noDefault = labelIn([[{ sdkVersion: 21 }, 'v21'], [{ language: 'de' }, 'Deutsch']]);
    expect(noDefault.resolveString(ID(0), { locale: 'ja' })).toBe('v21');
    expect(noDefault.resolveString(ID(0), { locale: 'de-AT' })).toBe('Deutsch');
  });

  it('rejects a locale that is not a language tag with E_USAGE', () => {
    expect(() => t.resolve(ID(0), { locale: '12-x' })).toThrowError(expect.objectContaining({ code: 'E_USAGE' }) as Error);
    expect(() => t.resolve(ID(0), { locale: '12-x' })).toThrow(PledgeError);
  });

  it('lists the locales it has values for', () => {
    expect(t.locales()).toEqual(['en-GB', 'fil', 'sr-Latn', 'zh', 'zh-CN', 'zh-TW']);
  });
});

describe('references', () => {
  const ref = (entry: number, type = STRING, pkg = 0x7f): { type: number; data: number } => ({ type: TYPE_REFERENCE, data: ID(entry, type, pkg) });
  const entries: EntrySpec[] = [
    { index: 0, key: 'a', value: ref(1) },
    { index: 1, key: 'b', value: ref(2) },
    { index: 2, key: 'c', value: { string: 'C' } },
    { index: 3, key: 'loop1', value: ref(4) },
    { index: 4, key: 'loop2', value: ref(3) },
    { index: 5, key: 'self', value: ref(5) },
    { index: 6, key: 'android', value: { type: TYPE_REFERENCE, data: 0x0104000a } },
    { index: 7, key: 'dangling', value: ref(0x99) },
    { index: 8, key: 'null', value: { type: TYPE_REFERENCE, data: 0 } },
    // a chain of 30 hops: s9 → s10 → … → s38 → "end"
    ...Array.from({ length: 30 }, (_, i): EntrySpec => ({ index: 9 + i, key: `s${9 + i}`, value: ref(10 + i) })),
    { index: 39, key: 'end', value: { string: 'end' } },
  ];
  const { t } = table({ chunks: [{ id: STRING, entries }, { id: STRING, config: { language: 'zh' }, entries: [{ index: 2, key: 'c', value: { string: '丙' } }] }] });

  it('follows a chain to its value, with the configuration applied at every hop', () => {
    expect(t.resolve(ID(0))).toMatchObject({ resId: ID(2), chain: [ID(0), ID(1), ID(2)], value: { type: TYPE_STRING, string: 'C' } });
    expect(t.resolveString(ID(0), { locale: 'zh' })).toBe('丙');
    expect(t.resolve(ID(0))!.stop).toBeUndefined();
  });

  it('stops on cycles, external and dangling references, and at the depth bound', () => {
    expect(t.resolve(ID(3))).toMatchObject({ stop: 'cycle', chain: [ID(3), ID(4)] });
    expect(t.resolve(ID(5))).toMatchObject({ stop: 'cycle', chain: [ID(5)] });
    expect(t.resolve(ID(6))).toMatchObject({ stop: 'external', value: { type: TYPE_REFERENCE, data: 0x0104000a } });
    expect(t.resolve(ID(7))).toMatchObject({ stop: 'missing', resId: ID(7) });
    const deep = t.resolve(ID(9))!;
    expect(deep.stop).toBe('depth');
    expect(deep.chain).toHaveLength(21);
    for (const id of [3, 5, 6, 7, 9]) expect(t.resolveString(ID(id))).toBeUndefined();
  });

  it('treats @null as a value and unknown IDs as absent', () => {
    expect(t.resolve(ID(8))).toMatchObject({ value: { type: TYPE_REFERENCE, data: 0 } });
    expect(t.resolve(ID(8))!.stop).toBeUndefined();
    expect(t.resolveString(ID(8))).toBeUndefined();
    expect(t.resolve(ID(200))).toBeUndefined();
    expect(t.resolve(0x01040000)).toBeUndefined();
    expect(t.resolve(ID(0, 0x33))).toBeUndefined();
  });
});

describe('shared libraries and dynamic references', () => {
  it('resolves package 0x00 IDs inside a shared library to the library itself', () => {
    const { t } = table({
      id: 0x00,
      name: 'com.lib',
      chunks: [{ id: STRING, entries: [{ index: 0, key: 'a', value: { type: TYPE_REFERENCE, data: 0x00010001 } }, { index: 1, key: 'b', value: { string: 'lib value' } }] }],
    });
    expect(t.resolveString(0x00010000)).toBe('lib value');
    expect(t.nameOf(0x00010001)).toEqual({ package: 'com.lib', type: 'string', key: 'b' });
  });

  it('maps a build-time package ID through the library table to a package of this table', () => {
    const lib: PackageSpec = { id: 0x03, name: 'com.lib', types: ['string'], chunks: [{ id: 1, entries: [{ index: 0, key: 'libname', value: { string: 'From lib' } }] }] };
    const { t } = table(
      {
        libraries: [{ id: 0x02, name: 'com.lib' }, { id: 0x05, name: 'com.absent' }],
        chunks: [
          {
            id: STRING,
            entries: [
              { index: 0, key: 'viaLib', value: { type: TYPE_DYNAMIC_REFERENCE, data: 0x02010000 } },
              { index: 1, key: 'absent', value: { type: TYPE_DYNAMIC_REFERENCE, data: 0x05010000 } },
            ],
          },
        ],
      },
      [lib],
    );
    expect(t.resolve(ID(0))).toMatchObject({ chain: [ID(0), 0x03010000], value: { string: 'From lib' } });
    expect(t.resolve(ID(1))).toMatchObject({ stop: 'external' });
    expect(t.packages.map((p) => [p.id, p.name])).toEqual([
      [0x7f, 'com.example'],
      [0x03, 'com.lib'],
    ]);
    expect(t.packages[0]!.libraries).toEqual([
      { packageId: 2, packageName: 'com.lib' },
      { packageId: 5, packageName: 'com.absent' },
    ]);
  });
});

describe('entry layouts', () => {
  const entries: EntrySpec[] = [
    { index: 0, key: 'zero', value: { string: 'Zero' } },
    { index: 3, key: 'three', value: { type: TYPE_INT_DEC, data: 3 } },
    { index: 7, key: 'seven', value: { string: 'Seven' } },
    { index: 300, key: 'far', value: { type: TYPE_INT_BOOLEAN, data: 1 } },
  ];
  const variants: [string, Partial<TypeChunkSpec>, boolean][] = [
    ['dense', { layout: 'dense' }, false],
    ['sparse', { layout: 'sparse' }, false],
    ['offset16', { layout: 'offset16' }, false],
    ['compact entries', { layout: 'offset16' }, true],
    ['sparse compact entries', { layout: 'sparse' }, true],
  ];
  const dump = (t: ResourceTable): unknown[] =>
    [0, 1, 3, 7, 8, 300, 301].map((i) => ({ name: t.nameOf(ID(i)), entries: t.entries(ID(i)).map((e) => [e.qualifiers, e.value, e.bag]) }));
  const reference = dump(table({ chunks: [{ id: STRING, entries }, { id: STRING, config: { language: 'de' }, entries: entries.slice(1, 3) }] }).t);

  it.each(variants)('%s read the same as dense', (_name, layout, compact) => {
    const es = entries.map((e) => ({ ...e, compact }));
    const { t, diags } = table({ chunks: [{ id: STRING, ...layout, entries: es }, { id: STRING, config: { language: 'de' }, ...layout, entries: es.slice(1, 3) }] });
    expect(dump(t)).toEqual(reference);
    expect(diags.items).toEqual([]);
    expect(t.resolveString(ID(7), { locale: 'de' })).toBe('Seven');
    expect(t.resolveBoolean(ID(300))).toBe(true);
  });

  it('reads the value type of a compact entry from the high byte of its flags', () => {
    const { t } = table({ chunks: [{ id: STRING, layout: 'offset16', entries: [{ index: 0, key: 'n', compact: true, value: { type: TYPE_INT_DEC, data: 0xfffffffe } }] }] });
    expect(t.entries(ID(0))[0]!.value).toEqual({ type: TYPE_INT_DEC, data: 0xfffffffe });
    expect(t.resolveInteger(ID(0))).toBe(-2);
  });

  it('honours typeIdOffset when forming resource IDs', () => {
    const { t } = table({ typeIdOffset: 4, chunks: [{ id: STRING, entries: [{ index: 0, key: 'shifted', value: { string: 'S' } }] }] });
    expect(t.nameOf(ID(0, 5))).toEqual({ package: 'com.example', type: 'string', key: 'shifted' });
    expect(t.resolveString(ID(0, 5))).toBe('S');
    expect(t.resolve(ID(0, 1))).toBeUndefined();
  });
});

describe('conveniences and iteration', () => {
  const BOOL = 2;
  const INTEGER = 3;
  const XML = 4;
  const ARRAY = 5;
  const PLURALS = 6;
  const { t } = table({
    chunks: [
      { id: STRING, entries: [{ index: 0, key: 'app_name', value: { string: 'App' } }, { index: 1, key: 'num', value: { type: TYPE_INT_DEC, data: 42 } }] },
      { id: STRING, config: { language: 'zh', region: 'CN' }, entries: [{ index: 0, key: 'app_name', value: { string: '应用' } }] },
      { id: BOOL, entries: [{ index: 0, key: 'yes', value: { type: TYPE_INT_BOOLEAN, data: 0xffffffff } }, { index: 1, key: 'ref', value: { type: TYPE_REFERENCE, data: ID(0, BOOL) } }] },
      { id: INTEGER, entries: [{ index: 0, key: 'n', value: { type: TYPE_INT_DEC, data: -7 >>> 0 } }] },
      { id: XML, entries: [{ index: 0, key: 'network_security_config', value: { string: 'res/xml/network_security_config.xml' } }] },
      { id: XML, config: { sdkVersion: 24 }, entries: [{ index: 0, key: 'network_security_config', value: { string: 'res/xml-v24/network_security_config.xml' } }] },
      {
        id: ARRAY,
        entries: [
          // aapt names array items Res_MAKEARRAY(i) = 0x02000000+i …
          { index: 0, key: 'planets', bag: { items: [{ name: 0x02000000, value: { string: 'Mercury' } }, { name: 0x02000001, value: { type: TYPE_INT_DEC, data: 1 } }, { name: 0x02000002, value: { string: 'Venus' } }] } },
          // … aapt2 ATTR_MIN+i = 0x01000001+i, which overlaps the plural quantity names
          { index: 1, key: 'digits', bag: { items: ['0', '1', '2', '3', '4'].map((d, i) => ({ name: 0x01000001 + i, value: { string: d } })) } },
        ],
      },
      {
        id: PLURALS,
        config: { language: 'en' },
        entries: [{ index: 0, key: 'items', bag: { items: [{ name: 0x01000006, value: { string: 'one item' } }, { name: 0x01000004, value: { string: '%d items' } }] } }],
      },
    ],
  });

  it('resolves booleans, integers, file names and coerced strings', () => {
    expect(t.resolveBoolean(ID(0, BOOL))).toBe(true);
    expect(t.resolveBoolean(ID(1, BOOL))).toBe(true);
    expect(t.resolveBoolean(ID(0))).toBeUndefined();
    expect(t.resolveInteger(ID(0, INTEGER))).toBe(-7);
    expect(t.resolveInteger(ID(0))).toBeUndefined();
    expect(t.resolveFileName(ID(0, XML))).toBe('res/xml/network_security_config.xml');
    expect(t.resolveString(ID(1))).toBe('42');
    expect(t.resolveString(ID(0, BOOL))).toBe('true');
    expect(t.resolveString(ID(0, ARRAY))).toBeUndefined();
  });

  it('names resources and lists every configuration of one', () => {
    expect(t.nameOf(ID(0))).toEqual({ package: 'com.example', type: 'string', key: 'app_name' });
    expect(t.nameOf(ID(5))).toBeUndefined();
    expect(t.entries(ID(0, XML)).map((e) => [e.qualifiers, e.value?.string])).toEqual([
      ['default', 'res/xml/network_security_config.xml'],
      ['v24', 'res/xml-v24/network_security_config.xml'],
    ]);
    const bag = t.entries(ID(0, ARRAY))[0]!;
    expect(bag.value).toBeUndefined();
    expect(bag.bag!.items.map((i) => i.value.string ?? i.value.data)).toEqual(['Mercury', 1, 'Venus']);
  });

  it('yields every text string, with array indices and plural quantities, and no file paths', () => {
    expect([...t.allStrings()]).toEqual([
      { resId: ID(0), name: 'string/app_name', config: 'default', value: 'App' },
      { resId: ID(0), name: 'string/app_name', config: 'zh-rCN', value: '应用' },
      { resId: ID(0, ARRAY), name: 'array/planets', config: 'default', value: 'Mercury', index: 0 },
      { resId: ID(0, ARRAY), name: 'array/planets', config: 'default', value: 'Venus', index: 2 },
      ...['0', '1', '2', '3', '4'].map((d, i) => ({ resId: ID(1, ARRAY), name: 'array/digits', config: 'default', value: d, index: i })),
      { resId: ID(0, PLURALS), name: 'plurals/items', config: 'en', value: 'one item', quantity: 'one' },
      { resId: ID(0, PLURALS), name: 'plurals/items', config: 'en', value: '%d items', quantity: 'other' },
    ]);
  });
});
