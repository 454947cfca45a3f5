import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { writeZip, type RawEntry } from '../helpers/zip-writer.js';

/** Temporary APKs derived from a fixture: its entries (signature files dropped), some replaced or added. */
export class ApkVariants {
  private readonly dir = mkdtempSync(join(tmpdir(), 'pledge-strings-'));
  private n = 0;

  /** Writes `<fixture>` with `changes` applied (a Buffer replaces or adds an entry, null removes it). */
  make(fixture: string, changes: Record<string, Buffer | RawEntry | null>, extra: RawEntry[] = []): string {
    const zip = openZip(new FileSource(fixtureApk(fixture)));
    const entries: RawEntry[] = [];
    try {
      for (const name of zip.names()) {
        if (name.startsWith('META-INF/') || name in changes) continue;
        entries.push({ name, data: zip.read(name) });
      }
    } finally {
      zip.source.close();
    }
    for (const [name, v] of Object.entries(changes)) {
      if (v === null) continue;
      entries.push(Buffer.isBuffer(v) ? { name, data: v } : v);
    }
    const path = join(this.dir, `v${this.n++}.apk`);
    writeFileSync(path, writeZip([...entries, ...extra]));
    return path;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
