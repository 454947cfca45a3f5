import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { escapeText, quoteName } from '../../src/util/escape.js';
import { encodeAxml, sampleManifest } from '../helpers/axml-writer.js';
import { writeZip } from '../helpers/zip-writer.js';

const work = mkdtempSync(join(tmpdir(), 'pledge-clean-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** NUL, CR, LF, ESC with a colour sequence, a bidi override, a lone surrogate. */
const NASTY = 'a\u0000b\rc\nd\u001b[31mred\u001b[0m\u202eevil\ud800z';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])/;

async function run(argv: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {}, cwd: work });
  return { out, err, code };
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

const manifest = encodeAxml(sampleManifest());
/** The central directory record of the only entry starts after its local header and data. */
function cdRecordOf(zip: Buffer): number {
  return zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
}

const inputs: { name: string; code: string; bytes: () => Uint8Array }[] = [
  {
    name: 'multi-disk entry',
    code: 'E_ZIP_MULTI_DISK',
    bytes: () => {
      const z = writeZip([{ name: 'AndroidManifest.xml', data: manifest }, { name: `x${NASTY}.bin`, data: new Uint8Array(4) }]);
      z.writeUInt16LE(3, cdRecordOf(z) + 34);
      return z;
    },
  },
  {
    name: 'local header offset past the directory',
    code: 'E_ZIP_BAD_CD',
    bytes: () => writeZip([{ name: 'AndroidManifest.xml', data: manifest }, { name: `y${NASTY}.bin`, data: new Uint8Array(4), cd: { lho: 0x7ffffff0 } }]),
  },
  {
    name: 'a 10 kB name',
    code: 'E_ZIP_BAD_CD',
    bytes: () => writeZip([{ name: 'AndroidManifest.xml', data: manifest }, { name: `${NASTY}${'\u0000'.repeat(10_000)}`, data: new Uint8Array(4), cd: { lho: 0x7ffffff0 } }]),
  },
  {
    name: 'manifest root named with controls',
    code: 'E_MANIFEST_INVALID',
    bytes: () => writeZip([{ name: 'AndroidManifest.xml', data: encodeAxml({ ...sampleManifest(), name: `m${NASTY}` }) }]),
  },
];

describe('one clean line means one clean line', () => {
  for (const input of inputs) {
    it(`${input.name}: ${input.code} on one escaped line, in every format and in sdks`, async () => {
      const path = file(`${input.code}.apk`, input.bytes());
      for (const argv of [[path], [path, '--format', 'json'], [path, '--format', 'sarif'], [path, '--lang', 'zh'], ['sdks', path], ['sdks', path, '--format', 'json']]) {
        const r = await run(argv);
        const what = argv.join(' ');
        expect(r.code, what).toBe(3);
        const lines = r.err.split('\n');
        expect(lines.at(-1), what).toBe('');
        expect(lines, what).toHaveLength(2);
        expect(lines[0], what).toMatch(new RegExp(`^pledge-audit: ${input.code} `));
        expect(lines[0]!.length, what).toBeLessThan(1600);
        expect(RAW_CONTROL.test(r.err), `${what}: ${JSON.stringify(r.err)}`).toBe(false);
        expect(RAW_CONTROL.test(r.out), what).toBe(false);
        if (argv.includes('json') && argv[0] !== 'sdks') {
          const rec = JSON.parse(r.out) as { error: { message: string; entry?: string } };
          expect(RAW_CONTROL.test(rec.error.message), what).toBe(false);
          expect(RAW_CONTROL.test(rec.error.entry ?? ''), what).toBe(false);
        }
      }
    });
  }
});

describe('escaping at the source', () => {
  it('errors and diagnostics escape what they quote and bound it', () => {
    const e = new PledgeError('E_ZIP_BAD_CD', `bad ${quoteName(NASTY)}`, { entry: NASTY });
    expect(e.message).toBe('bad "a\\u{0}b\\u{d}c\\u{a}d\\u{1b}[31mred\\u{1b}[0m\\u{202e}evil\\u{d800}z"');
    expect(e.entry).toBe(escapeText(NASTY));
    expect(new PledgeError('E_ZIP_BAD_CD', 'x'.repeat(50_000)).message.length).toBeLessThanOrEqual(1000);
    expect(quoteName('\u0000'.repeat(10_000)).length).toBeLessThanOrEqual(122);
    expect(quoteName('\u0000'.repeat(10_000))).toMatch(/^"(\\u\{0\})+…"$/);
    const d = new DiagnosticSink();
    d.add('W_ZIP_SUSPICIOUS_NAME', `name ${NASTY}`, NASTY);
    expect(RAW_CONTROL.test(d.list()[0]!.message)).toBe(false);
    expect(RAW_CONTROL.test(d.list()[0]!.entry!)).toBe(false);
  });

  it('leaves ordinary text, Chinese and surrogate pairs alone', () => {
    for (const s of ['classes2.dex', 'res/layout/主页.xml', 'emoji 😀 ok', 'tab\tkept? no']) {
      expect(escapeText(s)).toBe(s.replace('\t', '\\u{9}'));
    }
  });
});
