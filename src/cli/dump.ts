import { parseArsc } from '../arsc/index.js';
import { toXml } from '../axml/to-xml.js';
import { TYPE_DYNAMIC_REFERENCE, TYPE_REFERENCE } from '../axml/types.js';
import { formatValue } from '../axml/values.js';
import { openInput } from '../facts/load.js';

/**
 * `dump manifest`: the decoded document as XML, android:* names taken from resource IDs. With
 * `resolve`, every resource reference is replaced by its default-configuration value, the way the
 * package manager reads it (references it cannot resolve stay as `@0x…`).
 */
export function dumpManifest(path: string, options: { resolve?: boolean } = {}): string {
  const opened = openInput(path);
  try {
    if (options.resolve !== true || opened.zip === undefined || !opened.zip.has('resources.arsc')) return toXml(opened.document);
    const table = parseArsc(opened.zip.read('resources.arsc'), { entry: 'resources.arsc', diagnostics: opened.diagnostics });
    return toXml(opened.document, {
      mapValue: (el, i) => {
        const a = el.attrs[i];
        if (a === undefined || (a.type !== TYPE_REFERENCE && a.type !== TYPE_DYNAMIC_REFERENCE)) return undefined;
        const r = table.resolve(a.data);
        if (r === undefined || r.stop !== undefined || r.value === undefined) return undefined;
        return formatValue({ type: r.value.type, data: r.value.data, str: r.value.string ?? null });
      },
    });
  } finally {
    opened.source.close();
  }
}
