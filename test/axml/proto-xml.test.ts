import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { parseProtoResourceTable } from '../../src/arsc/proto-table.js';
import { decodeProtoXml } from '../../src/axml/proto-xml.js';
import { ANDROID_NS, TYPE_INT_BOOLEAN, TYPE_INT_DEC, TYPE_REFERENCE, TYPE_STRING } from '../../src/axml/types.js';
import { buildManifest } from '../../src/manifest/build.js';
import { ProtoWriter } from '../../src/util/protobuf.js';
import { CORPUS, REPO } from '../helpers/corpus.js';

/**
 * Messages written by field number, as aapt2's Resources.proto (frameworks/base/tools/aapt2)
 * defines them: XmlNode{1 element, 2 text}, XmlElement{1 namespace_declaration, 2 namespace_uri,
 * 3 name, 4 attribute, 5 child}, XmlNamespace{1 prefix, 2 uri}, XmlAttribute{1 namespace_uri,
 * 2 name, 3 value, 5 resource_id, 6 compiled_item}, Item{1 ref, 2 str, 7 prim}, Reference{1 type,
 * 2 id}, Primitive{6 int_decimal_value, 8 boolean_value}.
 */
const attr = (name: string, value: string, resId: number, item?: ProtoWriter): ProtoWriter => {
  const w = new ProtoWriter().string(1, ANDROID_NS).string(2, name).string(3, value).uint(5, resId);
  return item === undefined ? w : w.message(6, item);
};
const element = (name: string, attrs: ProtoWriter[], children: ProtoWriter[] = [], ns?: { prefix: string; uri: string }): ProtoWriter => {
  const w = new ProtoWriter();
  if (ns !== undefined) w.message(1, new ProtoWriter().string(1, ns.prefix).string(2, ns.uri));
  w.string(3, name);
  for (const a of attrs) w.message(4, a);
  for (const c of children) w.message(5, new ProtoWriter().message(1, c));
  return w;
};

function sampleManifest(): Uint8Array {
  const app = element('application', [
    attr('label', '@string/app_name', 0x01010001, new ProtoWriter().message(1, new ProtoWriter().uint(2, 0x7f010000))),
    attr('allowBackup', 'true', 0x01010280, new ProtoWriter().message(7, new ProtoWriter().bool(8, true))),
  ]);
  const root = element(
    'manifest',
    [
      new ProtoWriter().string(2, 'package').string(3, 'com.example.proto'),
      attr('versionCode', '42', 0x0101021b, new ProtoWriter().message(7, new ProtoWriter().uint(6, 42))),
      attr('versionName', '4.2', 0x0101021c, new ProtoWriter().message(2, new ProtoWriter().string(1, '4.2'))),
    ],
    [element('uses-permission', [attr('name', 'android.permission.CAMERA', 0x01010003)]), app],
    { prefix: 'android', uri: ANDROID_NS },
  );
  return new ProtoWriter().message(1, root).finish();
}

describe('aapt2 protobuf XML', () => {
  it('decodes elements, namespaces and compiled attribute values by Resources.proto field numbers', () => {
    const doc = decodeProtoXml(sampleManifest(), { entry: 'base/manifest/AndroidManifest.xml' });
    expect(doc.root.name).toBe('manifest');
    expect(doc.root.nsDecls).toEqual([{ prefix: 'android', uri: ANDROID_NS }]);
    const vc = doc.root.attrs.find((a) => a.name === 'versionCode');
    expect(vc).toMatchObject({ ns: ANDROID_NS, resId: 0x0101021b, type: TYPE_INT_DEC, data: 42, raw: '42' });
    expect(doc.root.attrs.find((a) => a.name === 'versionName')).toMatchObject({ type: TYPE_STRING, str: '4.2' });
    const app = doc.root.children[1];
    expect(app?.attrs.find((a) => a.name === 'label')).toMatchObject({ type: TYPE_REFERENCE, data: 0x7f010000 });
    expect(app?.attrs.find((a) => a.name === 'allowBackup')).toMatchObject({ type: TYPE_INT_BOOLEAN, data: 0xffffffff });
    const m = buildManifest(doc, { entry: 'AndroidManifest.xml', resolve: (id) => (id === 0x7f010000 ? { type: TYPE_STRING, data: 0, str: '原型' } : undefined) });
    expect(m.package).toBe('com.example.proto');
    expect(m.versionCode).toBe('42');
    expect(m.usesPermissions.map((p) => p.name)).toEqual(['android.permission.CAMERA']);
    expect(m.application?.label?.text).toBe('原型');
  });

  it('refuses a document without a root element and truncated messages', () => {
    expect(() => decodeProtoXml(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'E_AXML_NO_ROOT' }));
    const bytes = sampleManifest();
    expect(() => decodeProtoXml(bytes.subarray(0, bytes.length - 3))).toThrow(expect.objectContaining({ code: 'E_PROTO_MALFORMED' }));
  });

  it('reads resources.pb by Resources.proto field numbers: ids, configurations, references, arrays and plurals', () => {
    // ResourceTable{2 package}; Package{1 PackageId{1 id}, 2 package_name, 3 type}; Type{1 TypeId{1 id}, 2 name, 3 entry};
    // Entry{1 EntryId{1 id}, 2 name, 6 config_value}; ConfigValue{1 Configuration{3 locale}, 2 Value{4 item, 5 compound_value}}.
    const id = (n: number): ProtoWriter => new ProtoWriter().uint(1, n);
    const str = (v: string): ProtoWriter => new ProtoWriter().message(2, new ProtoWriter().string(1, v));
    const cv = (value: ProtoWriter, locale?: string, compound = false): ProtoWriter => {
      const w = new ProtoWriter();
      if (locale !== undefined) w.message(1, new ProtoWriter().string(3, locale));
      return w.message(2, new ProtoWriter().message(compound ? 5 : 4, value));
    };
    const entry = (n: number, name: string, ...values: ProtoWriter[]): ProtoWriter => {
      const w = new ProtoWriter().message(1, id(n)).string(2, name);
      for (const v of values) w.message(6, v);
      return w;
    };
    const strings = new ProtoWriter()
      .message(1, id(2))
      .string(2, 'string')
      .message(3, entry(0, 'title', cv(str('Privacy'), 'en'), cv(str('隐私'))))
      .message(3, entry(1, 'alias', cv(new ProtoWriter().message(1, new ProtoWriter().uint(2, 0x7f020000)))));
    const array = new ProtoWriter().message(4, new ProtoWriter().message(1, new ProtoWriter().message(3, str('设备标识符'))).message(1, new ProtoWriter().message(3, str('位置'))));
    const plural = new ProtoWriter().message(5, new ProtoWriter().message(1, new ProtoWriter().uint(3, 1).message(4, str('1 项'))));
    const arrays = new ProtoWriter().message(1, id(3)).string(2, 'array').message(3, entry(0, 'kinds', cv(array, undefined, true)));
    const plurals = new ProtoWriter().message(1, id(4)).string(2, 'plurals').message(3, entry(0, 'items', cv(plural, undefined, true)));
    const layout = new ProtoWriter().message(1, id(5)).string(2, 'layout').message(3, entry(0, 'main', cv(new ProtoWriter().message(5, new ProtoWriter().string(1, 'res/layout/main.xml')))));
    const pkg = new ProtoWriter().message(1, id(0x7f)).string(2, 'com.example.pb').message(3, strings).message(3, arrays).message(3, plurals).message(3, layout);
    const table = parseProtoResourceTable(new ProtoWriter().message(2, pkg).finish());
    expect(table.packageName).toBe('com.example.pb');
    // The default configuration wins over the first listed; a reference is followed.
    expect(table.resolve(0x7f020000)).toMatchObject({ type: TYPE_STRING, str: '隐私' });
    expect(table.resolve(0x7f020001)).toMatchObject({ type: TYPE_STRING, str: '隐私' });
    expect(table.resolve(0x7f050000)).toMatchObject({ type: TYPE_STRING, str: 'res/layout/main.xml' });
    expect(table.resolve(0x7f099999)).toBeUndefined();
    expect(table.strings).toEqual([
      { resId: 0x7f020000, name: 'string/title', locale: 'en', value: 'Privacy' },
      { resId: 0x7f020000, name: 'string/title', locale: '', value: '隐私' },
      { resId: 0x7f030000, name: 'array/kinds', locale: '', index: 0, value: '设备标识符' },
      { resId: 0x7f030000, name: 'array/kinds', locale: '', index: 1, value: '位置' },
      { resId: 0x7f040000, name: 'plurals/items', locale: '', quantity: 'one', value: '1 项' },
    ]);
  });

  it('reads what aapt2 link --proto-format wrote (the fixture bundle) and resolves through resources.pb', () => {
    const zip = openZip(new BufferSource(readFileSync(join(REPO, 'fixtures/bundles/shop-bundle.aab')), 'shop-bundle.aab'));
    const doc = decodeProtoXml(zip.read('base/manifest/AndroidManifest.xml'));
    const table = parseProtoResourceTable(zip.read('base/resources.pb'));
    expect(table.packageName).toBe('com.example.bundleshop');
    expect(table.strings.map((x) => [x.name, x.value])).toEqual([
      ['string/app_name', '分包小铺'],
      ['string/policy_title', '隐私政策'],
    ]);
    const m = buildManifest(doc, {
      entry: 'AndroidManifest.xml',
      resolve: (id) => {
        const v = table.resolve(id);
        return v === undefined ? undefined : { type: v.type, data: v.data, str: v.str };
      },
    });
    expect(m).toMatchObject({ package: 'com.example.bundleshop', versionCode: '7', versionName: '1.0.7' });
    expect(m.application?.label?.text).toBe('分包小铺');
    expect(m.application?.allowBackup).toBe(false);
    const feature = decodeProtoXml(zip.read('scan/manifest/AndroidManifest.xml'));
    expect(feature.root.attrs.find((a) => a.name === 'split')?.str).toBe('scan');
  });

  it.skipIf(!existsSync(join(CORPUS, 'aab')))('decodes the corpus bundle built by bundletool', () => {
    const zip = openZip(new BufferSource(readFileSync(join(CORPUS, 'aab/bundletool__install-time-permanent-modules.aab')), 'x.aab'));
    const table = parseProtoResourceTable(zip.read('base/resources.pb'));
    const m = buildManifest(decodeProtoXml(zip.read('base/manifest/AndroidManifest.xml')), {
      entry: 'AndroidManifest.xml',
      resolve: (id) => {
        const v = table.resolve(id);
        return v === undefined ? undefined : { type: v.type, data: v.data, str: v.str };
      },
    });
    expect(m).toMatchObject({ package: 'com.google.android.samples.dynamicfeatures.ondemand', versionCode: '1', versionName: '1.0', minSdk: 24, targetSdk: 28 });
    expect(m.application?.label?.text).toBe('On Demand Sample');
  });
});
