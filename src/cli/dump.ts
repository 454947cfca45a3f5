import { toXml } from '../axml/to-xml.js';
import { openInput } from '../facts/load.js';

/** `dump manifest`: the decoded document as XML, android:* names taken from resource IDs. */
export function dumpManifest(path: string): string {
  const opened = openInput(path);
  try {
    return toXml(opened.document);
  } finally {
    opened.source.close();
  }
}
