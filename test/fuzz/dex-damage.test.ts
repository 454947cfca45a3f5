import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { audit, type AuditRecord } from '../../src/index.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { writeZip, type RawEntry } from '../helpers/zip-writer.js';

/**
 * The two outcomes of one corrupt DEX index that the mutation campaign of issue 16 found (a rule
 * crash, or a whole-app E_DEX_OUT_OF_BOUNDS, depending on which caller read it first) are now one:
 * a report in which that DEX is W_DEX_FAILED, the other DEX analysed, and the clauses that read
 * code capped at review naming it.
 */
const work = mkdtempSync(join(tmpdir(), 'pledge-dex-damage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const u32 = (b: Buffer, at: number): number => b.readUInt32LE(at);

/** Damage to a DEX: patches `dex` in place. */
const DAMAGE: Record<string, (dex: Buffer) => void> = {
  // every third string's data offset points past the end of the file
  'string offsets outside the file': (d) => {
    const n = u32(d, 0x38);
    for (let i = 0; i < n; i += 3) d.writeUInt32LE(d.length + 16 * i, u32(d, 0x3c) + 4 * i);
  },
  // every third string's uleb128 length never ends
  'malformed string lengths': (d) => {
    const n = u32(d, 0x38);
    for (let i = 1; i < n; i += 3) d.fill(0xff, u32(d, u32(d, 0x3c) + 4 * i), u32(d, u32(d, 0x3c) + 4 * i) + 5);
  },
  // type and method ids that name entries outside their tables
  'type indices outside the table': (d) => {
    const types = u32(d, 0x40);
    for (let i = 0; i < types; i += 4) d.writeUInt32LE(0x7fffffff, u32(d, 0x44) + 4 * i);
    const methods = u32(d, 0x58);
    for (let i = 0; i < methods; i += 5) d.writeUInt16LE(0xffff, u32(d, 0x5c) + 8 * i);
  },
  // code items whose instructions run past the end of the file
  'code items past the end': (d) => {
    const mapOff = u32(d, 0x34);
    const n = u32(d, mapOff);
    for (let k = 0; k < n; k++) {
      const item = mapOff + 4 + 12 * k;
      if (d.readUInt16LE(item) !== 0x2001) continue;
      d.writeUInt32LE(0x7fffffff, u32(d, item + 8) + 0x0c); // the first code item
    }
    for (let cd = 0; cd < u32(d, 0x60); cd++) d.writeUInt32LE(d.length - 4, u32(d, 0x64) + 32 * cd + 0x18);
  },
};

/** demo-shop with its classes.dex intact and a damaged copy of it as classes2.dex. */
function damagedApk(name: string, damage: (dex: Buffer) => void): string {
  const zip = openZip(new BufferSource(readFileSync(fixtureApk('demo-shop'))));
  const entries: RawEntry[] = zip.names().map((n) => ({ name: n, data: zip.read(n) }));
  const dex = Buffer.from(zip.read('classes.dex'));
  damage(dex);
  entries.push({ name: 'classes2.dex', data: dex });
  const path = join(work, `${name.replace(/\W+/g, '-')}.apk`);
  writeFileSync(path, writeZip(entries));
  return path;
}

function check(r: AuditRecord, name: string): void {
  expect(r.status, `${name}: ${r.status === 'error' ? `${r.error.code} ${r.error.message}` : ''}`).toBe('ok');
  if (r.status !== 'ok') return;
  const crashed = r.clauses.flatMap((c) => c.errors ?? []);
  expect(crashed, name).toEqual([]);
  const failed = r.diagnostics.filter((d) => d.code === 'W_DEX_FAILED');
  expect(failed.length, name).toBeGreaterThan(0);
  expect(failed.every((d) => d.entry === 'classes2.dex'), `${name}: ${JSON.stringify(failed)}`).toBe(true);
  expect(r.code?.dexFiles, name).toBe(2);
  const capped = r.clauses.filter((c) => c.coverage.some((n) => n.code === 'incomplete:dex-failed'));
  expect(capped.length, name).toBeGreaterThan(0);
  for (const c of capped) {
    expect(c.verdict, `${name}: clause ${c.clause}`).not.toBe('pass');
    const note = c.coverage.find((n) => n.code === 'incomplete:dex-failed');
    expect(note?.message.en, name).toContain('classes2.dex');
    expect(note?.message.zh, name).toContain('classes2.dex');
  }
}

describe('a damaged DEX fails alone', () => {
  for (const [name, damage] of Object.entries(DAMAGE)) {
    it(`${name}: a report, W_DEX_FAILED for that DEX only, no crashed check`, async () => {
      check(await audit(damagedApk(name, damage)), name);
    });
  }

  it('the intact app has no such note', async () => {
    const r = await audit(fixtureApk('demo-shop'));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.diagnostics.filter((d) => d.code === 'W_DEX_FAILED')).toEqual([]);
    expect(r.clauses.some((c) => c.coverage.some((n) => n.code === 'incomplete:dex-failed'))).toBe(false);
  });
});
