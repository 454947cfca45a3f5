import { parseArsc } from '../arsc/index.js';
import { toXml } from '../axml/to-xml.js';
import { TYPE_DYNAMIC_REFERENCE, TYPE_REFERENCE } from '../axml/types.js';
import { formatValue } from '../axml/values.js';
import { listClassDescriptors, listMethodRefs } from '../dex/listing.js';
import { loadFacts, openInput } from '../facts/load.js';
import { formatSigningLines, readSigning } from '../sign/index.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';

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

/** `dump classes` / `dump method-refs`: every class (method reference) of the app's DEX files, deduplicated, sorted. */
export async function dumpCode(path: string, what: 'classes' | 'method-refs'): Promise<string> {
  const facts = await loadFacts(path, { needs: new Set(['dex']) });
  try {
    const dexes = (facts.code?.units ?? []).map((u) => u.dex);
    const lines = what === 'classes' ? listClassDescriptors(dexes) : listMethodRefs(dexes);
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  } finally {
    facts.close();
  }
}

/** `dump signing`: one line per scheme and signer, `<scheme> <sha256 of the signer certificate>`. */
export function dumpSigning(path: string): string {
  const opened = openInput(path);
  try {
    if (opened.zip === undefined) throw new PledgeError('E_INPUT_UNSUPPORTED', 'a manifest has no signatures; give an APK', { entry: path });
    const lines = formatSigningLines(readSigning(opened.zip, { diagnostics: new DiagnosticSink() }));
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  } finally {
    opened.source.close();
  }
}
