import { ANDROID_NS, TYPE_INT_BOOLEAN, TYPE_INT_DEC, TYPE_STRING } from '../../src/axml/types.js';
import { androidAttrId } from '../../src/axml/android-attrs.js';

/** A test-only binary XML encoder: enough of aapt's output to build valid and broken documents. */
export interface AttrSpec {
  /** `android:name` or `package`. */
  name: string;
  value: string | number | boolean;
}
export interface ElementSpec {
  name: string;
  attrs?: AttrSpec[];
  children?: ElementSpec[];
}

export interface EncodeOptions {
  utf8?: boolean;
  /** Put the resource map before the string pool (an order Android accepts). */
  mapFirst?: boolean;
}

class Buf {
  parts: Buffer[] = [];
  u16(n: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(n);
    this.parts.push(b);
    return this;
  }
  u32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    this.parts.push(b);
    return this;
  }
  bytes(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function stringPool(strings: string[], utf8: boolean): Buffer {
  const data: Buffer[] = [];
  const offsets: number[] = [];
  let off = 0;
  for (const s of strings) {
    offsets.push(off);
    let b: Buffer;
    if (utf8) {
      const enc = Buffer.from(s, 'utf8');
      const len16 = s.length;
      const head = [len16 > 0x7f ? [0x80 | (len16 >> 8), len16 & 0xff] : [len16], enc.length > 0x7f ? [0x80 | (enc.length >> 8), enc.length & 0xff] : [enc.length]].flat();
      b = Buffer.concat([Buffer.from(head), enc, Buffer.from([0])]);
    } else {
      const enc = Buffer.from(s, 'utf16le');
      const h = Buffer.alloc(2);
      h.writeUInt16LE(s.length);
      b = Buffer.concat([h, enc, Buffer.alloc(2)]);
    }
    data.push(b);
    off += b.length;
  }
  let body = Buffer.concat(data);
  if (body.length % 4 !== 0) body = Buffer.concat([body, Buffer.alloc(4 - (body.length % 4))]);
  const headerSize = 28;
  const stringsStart = headerSize + strings.length * 4;
  const size = stringsStart + body.length;
  const w = new Buf().u16(0x0001).u16(headerSize).u32(size).u32(strings.length).u32(0).u32(utf8 ? 0x100 : 0).u32(stringsStart).u32(0);
  for (const o of offsets) w.u32(o);
  return w.bytes(body).done();
}

export function encodeAxml(root: ElementSpec, opts: EncodeOptions = {}): Buffer {
  // Attribute names with resource IDs come first in the pool, in resource-map order.
  const attrNames: string[] = [];
  const resIds: number[] = [];
  const others: string[] = [];
  const intern = (s: string): void => {
    if (!others.includes(s)) others.push(s);
  };
  const walk = (e: ElementSpec): void => {
    intern(e.name);
    for (const a of e.attrs ?? []) {
      if (a.name.startsWith('android:')) {
        const local = a.name.slice(8);
        const id = androidAttrId(local);
        if (id === undefined) throw new Error(`unknown android attribute ${local}`);
        if (!attrNames.includes(local)) {
          attrNames.push(local);
          resIds.push(id);
        }
      } else intern(a.name);
      if (typeof a.value === 'string') intern(a.value);
    }
    (e.children ?? []).forEach(walk);
  };
  walk(root);
  intern('android');
  intern(ANDROID_NS);
  const strings = [...attrNames, ...others.filter((s) => !attrNames.includes(s))];
  const idx = (s: string): number => strings.indexOf(s);
  const pool = stringPool(strings, opts.utf8 === true);
  const map = new Buf().u16(0x0180).u16(8).u32(8 + resIds.length * 4);
  for (const id of resIds) map.u32(id);
  const nodes: Buffer[] = [];
  nodes.push(new Buf().u16(0x0100).u16(16).u32(24).u32(1).u32(0xffffffff).u32(idx('android')).u32(idx(ANDROID_NS)).done());
  const emit = (e: ElementSpec): void => {
    const attrs = e.attrs ?? [];
    const a = new Buf();
    for (const at of attrs) {
      const isAndroid = at.name.startsWith('android:');
      const nameIdx = isAndroid ? idx(at.name.slice(8)) : idx(at.name);
      let type = TYPE_STRING;
      let data = 0;
      let raw = 0xffffffff;
      if (typeof at.value === 'string') {
        data = idx(at.value);
        raw = data;
      } else if (typeof at.value === 'boolean') {
        type = TYPE_INT_BOOLEAN;
        data = at.value ? 0xffffffff : 0;
      } else {
        type = TYPE_INT_DEC;
        data = at.value;
      }
      a.u32(isAndroid ? idx(ANDROID_NS) : 0xffffffff).u32(nameIdx).u32(raw).u16(8).bytes(Buffer.from([0, type])).u32(data);
    }
    const attrBytes = a.done();
    nodes.push(
      new Buf()
        .u16(0x0102)
        .u16(16)
        .u32(16 + 20 + attrBytes.length)
        .u32(1)
        .u32(0xffffffff)
        .u32(0xffffffff)
        .u32(idx(e.name))
        .u16(20)
        .u16(20)
        .u16(attrs.length)
        .u16(0)
        .u16(0)
        .u16(0)
        .bytes(attrBytes)
        .done(),
    );
    (e.children ?? []).forEach(emit);
    nodes.push(new Buf().u16(0x0103).u16(16).u32(24).u32(1).u32(0xffffffff).u32(0xffffffff).u32(idx(e.name)).done());
  };
  emit(root);
  nodes.push(new Buf().u16(0x0101).u16(16).u32(24).u32(1).u32(0xffffffff).u32(idx('android')).u32(idx(ANDROID_NS)).done());
  const mapBytes = map.done();
  const body = Buffer.concat(opts.mapFirst === true ? [mapBytes, pool, ...nodes] : [pool, mapBytes, ...nodes]);
  return Buffer.concat([new Buf().u16(0x0003).u16(8).u32(8 + body.length).done(), body]);
}

/** A minimal valid manifest for tests. */
export function sampleManifest(): ElementSpec {
  return {
    name: 'manifest',
    attrs: [
      { name: 'package', value: 'org.example.app' },
      { name: 'android:versionCode', value: 42 },
      { name: 'android:versionName', value: '4.2' },
    ],
    children: [
      { name: 'uses-sdk', attrs: [{ name: 'android:minSdkVersion', value: 21 }, { name: 'android:targetSdkVersion', value: 33 }] },
      { name: 'uses-permission', attrs: [{ name: 'android:name', value: 'android.permission.CAMERA' }] },
      {
        name: 'application',
        attrs: [
          { name: 'android:label', value: 'Example' },
          { name: 'android:debuggable', value: true },
        ],
        children: [{ name: 'activity', attrs: [{ name: 'android:name', value: '.Main' }, { name: 'android:exported', value: true }] }],
      },
    ],
  };
}
