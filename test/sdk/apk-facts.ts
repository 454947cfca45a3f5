/**
 * Test-only: the facts detectSdks needs, read from a real APK without the project's DEX parser
 * (src/dex is being written in parallel). Reads just class_defs → type_ids → string_ids of each
 * classes*.dex, the string table for const-string lookups, and the manifest's components and
 * meta-data keys through decodeAxml.
 */
import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { decodeAxml } from '../../src/axml/decode.js';
import { findAttr } from '../../src/axml/values.js';
import type { XmlElement } from '../../src/axml/types.js';
import type { SdkInput } from '../../src/sdk/index.js';

const ANDROID_NAME = 0x01010003;
const ACC_INTERFACE = 0x200;
const COMPONENTS = new Set(['activity', 'activity-alias', 'service', 'receiver', 'provider', 'application']);

export interface ApkFacts extends SdkInput {
  classDescriptors: string[];
  interfaces: Set<string>;
  strings: Set<string>;
  entries: string[];
  packageName: string | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function uleb128(b: Uint8Array, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[at++] ?? 0;
    result |= (byte & 0x7f) << shift;
    shift += 7;
    if (byte < 0x80 || shift > 28) return [result >>> 0, at];
  }
}

/** The string at string_ids[i] (MUTF-8 read as UTF-8: close enough for ASCII names). */
function dexString(b: Uint8Array, v: DataView, stringIdsOff: number, i: number): string {
  const off = v.getUint32(stringIdsOff + i * 4, true);
  const [, start] = uleb128(b, off);
  let end = start;
  while (end < b.length && b[end] !== 0) end++;
  return utf8.decode(b.subarray(start, end));
}

export function readDexFacts(b: Uint8Array, classes: string[], interfaces: Set<string>, strings: Set<string>): void {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const stringIdsSize = v.getUint32(0x38, true); // 0x38 string_ids_size
  const stringIdsOff = v.getUint32(0x3c, true); // 0x3c string_ids_off
  const typeIdsOff = v.getUint32(0x44, true); // 0x44 type_ids_off
  const classDefsSize = v.getUint32(0x60, true); // 0x60 class_defs_size
  const classDefsOff = v.getUint32(0x64, true); // 0x64 class_defs_off
  for (let i = 0; i < classDefsSize; i++) {
    const def = classDefsOff + i * 32; // class_def_item: class_idx, access_flags, …
    const typeIdx = v.getUint32(def, true);
    const flags = v.getUint32(def + 4, true);
    const descriptor = dexString(b, v, stringIdsOff, v.getUint32(typeIdsOff + typeIdx * 4, true));
    classes.push(descriptor);
    if ((flags & ACC_INTERFACE) !== 0) interfaces.add(descriptor);
  }
  for (let i = 0; i < stringIdsSize; i++) strings.add(dexString(b, v, stringIdsOff, i));
}

function qualify(pkg: string | undefined, name: string): string {
  if (pkg === undefined) return name;
  if (name.startsWith('.')) return pkg + name;
  return name.includes('.') ? name : `${pkg}.${name}`;
}

export function readApkFacts(path: string): ApkFacts {
  const source = new FileSource(path);
  try {
    const zip = openZip(source);
    const entries = zip.names();
    const classDescriptors: string[] = [];
    const interfaces = new Set<string>();
    const strings = new Set<string>();
    for (const name of entries.filter((n) => /^classes\d*\.dex$/.test(n)).sort()) readDexFacts(zip.read(name), classDescriptors, interfaces, strings);

    const components: string[] = [];
    const metaDataKeys: string[] = [];
    let packageName: string | undefined;
    if (zip.has('AndroidManifest.xml')) {
      const doc = decodeAxml(zip.read('AndroidManifest.xml'), { entry: 'AndroidManifest.xml' });
      packageName = doc.root.attrs.find((a) => a.name === 'package')?.str ?? undefined;
      const walk = (el: XmlElement): void => {
        const name = findAttr(el, ANDROID_NAME)?.str;
        if (name !== undefined && name !== null) {
          if (COMPONENTS.has(el.name)) components.push(qualify(packageName, name));
          else if (el.name === 'meta-data') metaDataKeys.push(name);
        }
        for (const c of el.children) walk(c);
      };
      walk(doc.root);
    }
    return {
      classDescriptors,
      interfaces,
      strings,
      entries,
      packageName,
      components: [...new Set(components)].sort(),
      metaDataKeys: [...new Set(metaDataKeys)].sort(),
      nativeLibs: entries.filter((n) => n.startsWith('lib/') && n.endsWith('.so')),
      assets: entries.filter((n) => n.startsWith('assets/')),
      hasString: (s) => strings.has(s),
      isInterface: (d) => interfaces.has(d),
      ...(packageName === undefined ? {} : { appPackage: packageName }),
    };
  } finally {
    source.close();
  }
}
