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

  it('reads what aapt2 link --proto-format wrote (the fixture bundle) and resolves through resources.pb', () => {
    const zip = openZip(new BufferSource(readFileSync(join(REPO, 'fixtures/bundles/shop-bundle.aab')), 'shop-bundle.aab'));
    const doc = decodeProtoXml(zip.read('base/manifest/AndroidManifest.xml'));
    const table = parseProtoResourceTable(zip.read('base/resources.pb'));
    expect(table.packageName).toBe('com.example.bundleshop');
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
