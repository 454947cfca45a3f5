import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { parseCertificate } from '../../src/sign/certificate.js';
import { readSigning } from '../../src/sign/index.js';
import { readLineage } from '../../src/sign/lineage.js';
import { readPkcs7SignedData } from '../../src/sign/pkcs7.js';
import { readSchemeBlock } from '../../src/sign/scheme-block.js';
import { findSigningBlock, parseSigningBlock } from '../../src/sign/signing-block.js';
import { identifyV1Signer } from '../../src/sign/v1.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';
import { prng } from '../helpers/prng.js';

/**
 * Seeded mutations of real signing data: the property is "returns, or throws PledgeError — nothing
 * else, and terminates". readSigning itself must not throw at all for damage inside the signing
 * block, since it turns every signing anomaly into a diagnostic.
 */

/** 1–4 edits: a random byte, a random uint32 (length fields are uint32), a zeroed run, or 0xff bytes. */
function mutate(buf: Buffer, from: number, to: number, rnd: () => number): void {
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = from + Math.floor(rnd() * (to - from));
    const kind = Math.floor(rnd() * 4);
    if (kind === 0) buf[at] = Math.floor(rnd() * 256);
    else if (kind === 1 && at + 4 <= to) buf.writeUInt32LE(Math.floor(rnd() * 2 ** 32), at);
    else if (kind === 2) buf.fill(0, at, Math.min(to, at + 1 + Math.floor(rnd() * 16)));
    else buf.fill(0xff, at, Math.min(to, at + 1 + Math.floor(rnd() * 8)));
  }
}

function pledgeOnly(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof PledgeError)) throw e;
  }
}

const SIGNED = [
  'signing/androguard__v1v2v3-with-rsa-2048-lineage-3-signers.apk',
  'signing/androguard__two-signers.apk',
  'signing/androguard__v31-ec-p256-2-tgt-33-1-tgt-28-targetSdk-30.apk',
  'apk/fdroid__duplicate.permisssions_9999999.apk',
];
const RUNS_PER_APK = 250;

describe.skipIf(!hasCorpus())('seeded mutations of corpus signing data', () => {
  it.each(SIGNED)('signing block of %s', (rel) => {
    const original = readFileSync(corpusPath(rel));
    const zip = openZip(new BufferSource(original, rel));
    const block = findSigningBlock(zip.source, zip.layout.cdOffset);
    expect(block).toBeDefined();
    const from = block?.offset ?? 0;
    const to = zip.layout.cdOffset;
    const rnd = prng(0xc0ffee ^ rel.length);
    const outcomes = new Set<string>();
    for (let i = 0; i < RUNS_PER_APK; i++) {
      const buf = Buffer.from(original);
      mutate(buf, from, to, rnd);
      const diags = new DiagnosticSink();
      const info = readSigning(openZip(new BufferSource(buf, rel), { diagnostics: diags }));
      outcomes.add(`${info.schemes.join(',')}|${info.malformedSchemes.join(',')}`);
      // The pure parsers on the mutated block alone, as a second path through the same bytes.
      pledgeOnly(() => {
        const b = parseSigningBlock(buf.subarray(from, to), from);
        for (const p of b.pairs) pledgeOnly(() => readSchemeBlock(b.bytes.subarray(p.valueOffset, p.valueOffset + p.valueLength), 'v3'));
      });
    }
    // The mutations reach past the footer check: some runs still find schemes, some break them.
    expect(outcomes.size).toBeGreaterThan(2);
  });

  it.each(SIGNED.slice(0, 3))('v1 signature block of %s', (rel) => {
    const zip = openZip(new BufferSource(readFileSync(corpusPath(rel)), rel));
    const name = zip.names().find((n) => /^META-INF\/.*\.(RSA|DSA|EC)$/.test(n)) as string;
    const original = zip.read(name);
    const rnd = prng(0xbadc0de ^ rel.length);
    let identified = 0;
    for (let i = 0; i < RUNS_PER_APK; i++) {
      const buf = Buffer.from(original);
      if (rnd() < 0.2) {
        pledgeOnly(() => identifyV1Signer(buf.subarray(0, Math.floor(rnd() * buf.length)), name, new DiagnosticSink()));
        continue;
      }
      mutate(buf, 0, buf.length, rnd);
      pledgeOnly(() => {
        if (identifyV1Signer(buf, name, new DiagnosticSink()) !== undefined) identified++;
      });
    }
    expect(identified).toBeGreaterThan(0);
  });
});

describe('random bytes into each signing parser (fast-check, seeded)', () => {
  const bytes = fc.uint8Array({ maxLength: 1024 });
  const opts = { seed: 20261129, numRuns: 400 };

  it('parseSigningBlock, readSchemeBlock, readLineage', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        pledgeOnly(() => parseSigningBlock(b, 0, new DiagnosticSink()));
        pledgeOnly(() => readSchemeBlock(b, 'v2'));
        pledgeOnly(() => readSchemeBlock(b, 'v3.1'));
        pledgeOnly(() => readLineage(b));
      }),
      opts,
    );
  });

  it('readPkcs7SignedData, identifyV1Signer, parseCertificate', () => {
    // DER-ish prefixes make the walkers go deeper than uniform bytes would.
    const derish = fc.tuple(fc.constantFrom(0x30, 0x31, 0xa0, 0x06, 0x02), bytes).map(([t, b]) => Uint8Array.from([t, ...b]));
    fc.assert(
      fc.property(fc.oneof(bytes, derish), (b) => {
        pledgeOnly(() => readPkcs7SignedData(b));
        pledgeOnly(() => identifyV1Signer(b, 'META-INF/CERT.RSA', new DiagnosticSink()));
        pledgeOnly(() => parseCertificate(b));
      }),
      opts,
    );
  });
});
