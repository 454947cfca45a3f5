import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDex, parseDexContainer, UNREADABLE, UNREADABLE_PROTO, UNREADABLE_TYPE } from '../../src/dex/dex-file.js';
import { listClassDescriptors, listMethodRefs } from '../../src/dex/listing.js';
import { scanDex } from '../../src/dex/scan.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError, type ErrorCode, PledgeError } from '../../src/util/errors.js';
import { withLimits } from '../../src/util/limits.js';
import { corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { findMethod, fixChecksums, fixture, setU16, setU32, u32 } from './helpers.js';

function codeOf(fn: () => unknown): ErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    return e.code;
  }
}

function errorOf(fn: () => unknown): PledgeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PledgeError) return e;
    throw e;
  }
  throw new Error('expected a PledgeError');
}

const parse = (buf: Uint8Array, diagnostics = new DiagnosticSink()) => parseDex(buf, { entry: 'classes.dex', diagnostics });

/** Per corpus DEX: diagnostics we expect, with the reason. Every other file must parse without any. */
const EXPECTED_DIAGNOSTICS: Record<string, { messages: RegExp[]; why: string }> = {
  'apktool__classes__LocalTest.dex': {
    messages: [/4 bytes after file_size are ignored/, /checksum mismatch/, /SHA-1 signature/],
    why: 'Apktool test file whose file_size (828) was edited below its real size (832); checksum and signature cover all 832 bytes',
  },
};

describe.runIf(hasCorpus())('corpus DEX files', () => {
  const files = corpusFiles('dex');
  it('has the DEX files', () => expect(files.length).toBeGreaterThanOrEqual(20));

  it.each(files.map((f) => [basename(f), f]))('%s parses, lists and scans', (name, path) => {
    const diagnostics = new DiagnosticSink();
    const dexes = parseDexContainer(new Uint8Array(readFileSync(path)), { entry: name, diagnostics });
    expect(dexes).toHaveLength(1);
    const classes = listClassDescriptors(dexes);
    expect(classes.length).toBeGreaterThan(0);
    expect(listMethodRefs(dexes).length).toBeGreaterThan(0);
    const r = scanDex(dexes[0]!);
    expect(r.methodsSkipped).toBe(0);
    const expected = EXPECTED_DIAGNOSTICS[name];
    const messages = diagnostics.list().map((d) => d.message);
    if (expected === undefined) expect(messages).toEqual([]);
    else {
      expect(messages).toHaveLength(expected.messages.length);
      expected.messages.forEach((re, i) => expect(messages[i]).toMatch(re));
    }
  });
});

describe('the smali-built fixture', () => {
  const dex = parse(fixture('scan.dex'));

  it('reads the header and tables', () => {
    expect(dex.version).toBe(35);
    expect(dex.header.headerSize).toBe(0x70);
    expect(dex.header.fileSize).toBe(fixture('scan.dex').length);
    expect(dex.classDefCount).toBe(3);
    expect(dex.mapList.length).toBeGreaterThan(5);
    expect(dex.diagnostics.list()).toEqual([]);
  });

  it('resolves descriptors, protos and refs', () => {
    const classes = listClassDescriptors([dex]);
    expect(classes).toEqual(['Lcom/example/AllowAll;', 'Lcom/example/Scan;', 'Lcom/example/TrustAll;']);
    const refs = listMethodRefs([dex]);
    expect(refs).toContain('Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;');
    expect(refs).toContain('Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;');
    expect(listMethodRefs([dex], { parameterSeparator: ' ' })).toContain(
      'Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver; Ljava/lang/String;)Ljava/lang/String;',
    );
    const fields = Array.from({ length: dex.fieldCount }, (_, i) => dex.fieldRefString(i));
    expect(fields).toContain('Landroid/os/Build;->SERIAL:Ljava/lang/String;');
    const m = findMethod(dex, 'Lcom/example/Scan;', 'table');
    expect(dex.methodRefString(m.methodIdx)).toBe('Lcom/example/Scan;->table(II)[I');
    expect(dex.methodProto(m.methodIdx)).toBe('(II)[I');
    expect(dex.string(dex.protoShortyIdx(dex.methodProtoIdx(m.methodIdx)))).toBe('LII');
  });

  it('reads class defs, class data and code items', () => {
    const trust = listClassDescriptors([dex]).indexOf('Lcom/example/TrustAll;');
    const cd = Array.from({ length: dex.classDefCount }, (_, i) => i).find((i) => dex.classDescriptor(i) === 'Lcom/example/TrustAll;')!;
    expect(trust).toBeGreaterThanOrEqual(0);
    expect(dex.superclassDescriptor(cd)).toBe('Ljava/lang/Object;');
    expect(dex.interfaceDescriptors(cd)).toEqual(['Ljavax/net/ssl/X509TrustManager;']);
    expect(dex.classAccessFlags(cd) & 0x1).toBe(1);
    const def = dex.classDef(cd);
    expect(def.classDataOff).toBe(dex.classDataOff(cd));
    const data = dex.classData(cd)!;
    expect(data.directMethods.map((m) => dex.methodName(m.methodIdx))).toEqual(['<init>']);
    expect(data.virtualMethods.map((m) => dex.methodName(m.methodIdx))).toEqual(['checkClientTrusted', 'checkServerTrusted', 'getAcceptedIssuers']);
    const table = findMethod(dex, 'Lcom/example/Scan;', 'table');
    const ci = dex.codeItem(table.codeOff);
    expect(ci).toMatchObject({ registersSize: 4, insSize: 2, outsSize: 0, triesSize: 0, insnsSize: 0x30, insnsOff: table.codeOff + 16 });
  });
});

describe('header checks', () => {
  it('rejects a bad magic or version with E_DEX_BAD_MAGIC', () => {
    const cases: [string, (b: Uint8Array) => Uint8Array][] = [
      ['not dex', (b) => (b.set([0x50, 0x4b, 0x03, 0x04]), b)],
      ['version 042', (b) => (b.set([0x30, 0x34, 0x32], 4), b)],
      ['version 034', (b) => (b.set([0x30, 0x33, 0x34], 4), b)],
      ['non-digit version', (b) => (b.set([0x30, 0x33, 0x78], 4), b)],
      ['magic not terminated', (b) => ((b[7] = 0x20), b)],
      ['shorter than a magic', (b) => b.subarray(0, 6)],
      ['empty', () => new Uint8Array(0)],
    ];
    for (const [what, patch] of cases) expect(codeOf(() => parse(patch(fixture('scan.dex')))), what).toBe('E_DEX_BAD_MAGIC');
  });

  it('accepts versions 035 to 041 (036 with a diagnostic)', () => {
    for (const v of ['035', '037', '038', '039', '040']) {
      const b = fixture('scan.dex');
      b.set([...v].map((c) => c.charCodeAt(0)), 4);
      const d = new DiagnosticSink();
      expect(parse(b, d).version).toBe(Number(v));
    }
    const b = fixture('scan.dex');
    b.set([0x30, 0x33, 0x36], 4);
    const d = new DiagnosticSink();
    parse(b, d);
    expect(d.list().map((x) => x.message)).toContainEqual(expect.stringMatching(/036/));
  });

  it('rejects reverse-endian and unknown endian tags with E_DEX_BAD_HEADER', () => {
    const b = fixture('scan.dex');
    setU32(b, 0x28, 0x78563412);
    const e = errorOf(() => parse(b));
    expect(e.code).toBe('E_DEX_BAD_HEADER');
    expect(e.message).toMatch(/reverse-endian/);
    setU32(b, 0x28, 0xdeadbeef);
    expect(codeOf(() => parse(b))).toBe('E_DEX_BAD_HEADER');
  });

  it('rejects sizes past the end with E_DEX_BAD_HEADER', () => {
    const len = fixture('scan.dex').length;
    const patch = (at: number, v: number) => {
      const b = fixture('scan.dex');
      setU32(b, at, v);
      return b;
    };
    expect(codeOf(() => parse(patch(0x20, len + 1)))).toBe('E_DEX_BAD_HEADER'); // file_size
    expect(codeOf(() => parse(patch(0x20, 0xffffffff)))).toBe('E_DEX_BAD_HEADER');
    expect(codeOf(() => parse(patch(0x24, 0x6c)))).toBe('E_DEX_BAD_HEADER'); // header_size below 0x70
    expect(codeOf(() => parse(patch(0x24, len + 4)))).toBe('E_DEX_BAD_HEADER'); // header_size past file_size
    expect(codeOf(() => parse(fixture('scan.dex').subarray(0, 0x60)))).toBe('E_DEX_BAD_HEADER'); // truncated header
    expect(codeOf(() => parse(fixture('scan.dex').subarray(0, len - 4)))).toBe('E_DEX_BAD_HEADER'); // truncated file
  });

  it('rejects id tables outside the file with E_DEX_OUT_OF_BOUNDS', () => {
    for (const [sizeAt, offAt] of [
      [0x38, 0x3c],
      [0x40, 0x44],
      [0x48, 0x4c],
      [0x50, 0x54],
      [0x58, 0x5c],
      [0x60, 0x64],
    ] as const) {
      const big = fixture('scan.dex');
      setU32(big, sizeAt, 0x00fff000);
      expect(codeOf(() => parse(big)), `size at 0x${sizeAt.toString(16)}`).toMatch(/E_DEX_OUT_OF_BOUNDS|E_LIMIT_STRING_POOL|E_LIMIT_DEX_TABLE/);
      const far = fixture('scan.dex');
      setU32(far, offAt, far.length - 2);
      expect(codeOf(() => parse(far)), `offset at 0x${offAt.toString(16)}`).toBe('E_DEX_OUT_OF_BOUNDS');
      const inHeader = fixture('scan.dex');
      setU32(inHeader, offAt, 0x10);
      expect(codeOf(() => parse(inHeader))).toBe('E_DEX_OUT_OF_BOUNDS');
    }
  });

  it('applies the string-count limit with E_LIMIT_STRING_POOL', () => {
    const b = fixture('scan.dex');
    const count = u32(b, 0x38);
    expect(codeOf(() => parseDex(b, { entry: 'x', limits: withLimits({ maxStringPoolEntries: count }) }))).toBe('ok');
    expect(codeOf(() => parseDex(b, { entry: 'x', limits: withLimits({ maxStringPoolEntries: count - 1 }) }))).toBe('E_LIMIT_STRING_POOL');
  });

  it('records checksum and signature mismatches as diagnostics only', () => {
    const b = fixture('scan.dex');
    b[0x0c] = b[0x0c]! ^ 0xff; // a signature byte: both sums fail, everything else reads
    const d = new DiagnosticSink();
    parse(b, d);
    expect(d.list().map((x) => x.message)).toEqual([expect.stringMatching(/checksum mismatch/), expect.stringMatching(/SHA-1 signature/)]);
    fixChecksums(b);
    const d2 = new DiagnosticSink();
    parseDex(b, { entry: 'x', diagnostics: d2 });
    expect(d2.list().filter((x) => /checksum|signature/.test(x.message))).toEqual([]);
    const d3 = new DiagnosticSink();
    b[0x40] = b[0x40]! ^ 1; // type_ids_size: checksums fail, and the map disagrees
    parseDex(b, { entry: 'x', diagnostics: d3, verifyChecksums: false });
    expect(d3.list().filter((x) => /checksum|signature/.test(x.message))).toEqual([]);
  });

  it('records map list anomalies as W_DEX_ODD', () => {
    const noMap = fixture('scan.dex');
    setU32(noMap, 0x34, 0);
    fixChecksums(noMap);
    const d1 = new DiagnosticSink();
    parse(noMap, d1);
    expect(d1.list()).toEqual([expect.objectContaining({ code: 'W_DEX_ODD', message: expect.stringMatching(/no map list/) })]);

    const farMap = fixture('scan.dex');
    setU32(farMap, 0x34, farMap.length - 8);
    fixChecksums(farMap);
    const d2 = new DiagnosticSink();
    parse(farMap, d2);
    expect(d2.list().map((x) => x.message)).toContainEqual(expect.stringMatching(/map list unreadable/));

    const disagree = fixture('scan.dex');
    const mapOff = u32(disagree, 0x34);
    // first item after the header item: string_ids; claim one more string than the header.
    setU32(disagree, mapOff + 4 + 12 + 4, u32(disagree, 0x38) + 1);
    setU16(disagree, mapOff + 4 + 24, 0x7777); // an unknown section type
    fixChecksums(disagree);
    const d3 = new DiagnosticSink();
    parse(disagree, d3);
    const msgs = d3.list().map((x) => x.message);
    expect(msgs).toContainEqual(expect.stringMatching(/string_ids: map says/));
    expect(msgs).toContainEqual(expect.stringMatching(/unknown section type 0x7777/));
    expect(d3.list().every((x) => x.code === 'W_DEX_ODD')).toBe(true);
  });
});

describe('string data', () => {
  it('marks a string whose offset is outside the file unreadable at open, reported once', () => {
    const b = fixture('scan.dex');
    const sidOff = u32(b, 0x3c);
    setU32(b, sidOff + 4 * 3, b.length + 100);
    fixChecksums(b);
    const d = new DiagnosticSink();
    const dex = parse(b, d);
    expect(dex.unreadableEntries).toBeGreaterThan(0);
    const failed = d.list().filter((x) => x.code === 'W_DEX_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(/string 3 data at 0x[0-9a-f]+ is outside the file/);
    expect(dex.string(3)).toBe(UNREADABLE);
    expect(dex.stringBytes(3)).toHaveLength(0);
    expect(dex.string(2)).toEqual(expect.any(String));
    expect(dex.string(2)).not.toBe(UNREADABLE);
    // the scan decodes no strings: it still covers every method
    expect(scanDex(dex).methodsSkipped).toBe(0);
    // listing reads every descriptor: values, the unreadable ones as placeholders
    expect(codeOf(() => listMethodRefs([dex]))).toBe('ok');
    expect(codeOf(() => listClassDescriptors([dex]))).toBe('ok');
    // later reads report nothing more
    expect(d.list().filter((x) => x.code === 'W_DEX_FAILED')).toHaveLength(1);
  });

  it('marks a malformed length prefix, a bad type index and a code item past the end unreadable', () => {
    const b = fixture('scan.dex');
    const sidOff = u32(b, 0x3c);
    const s1 = u32(b, sidOff + 4);
    b.fill(0xff, s1, s1 + 5); // five continuation bytes: no uleb128 ends there
    const typeOff = u32(b, 0x44);
    setU32(b, typeOff, 0x7fffffff); // type 0 names a string that does not exist
    fixChecksums(b);
    const d = new DiagnosticSink();
    const dex = parse(b, d);
    expect(dex.string(1)).toBe(UNREADABLE);
    expect(dex.typeDescriptor(0)).toBe(UNREADABLE_TYPE);
    expect(d.list().filter((x) => x.code === 'W_DEX_FAILED')).toHaveLength(1);
    expect(codeOf(() => listMethodRefs([dex]))).toBe('ok');

    // a code item whose instructions run past the end: the class's data reads as absent
    const c = fixture('scan.dex');
    const cdOff = u32(c, 0x64);
    const cdCount = u32(c, 0x60);
    let cls = -1;
    for (let i = 0; i < cdCount && cls < 0; i++) if (u32(c, cdOff + i * 32 + 0x18) !== 0) cls = i;
    const dex0 = parse(fixture('scan.dex'));
    const m = dex0.classMethods(cls).find((x) => x.codeOff !== 0);
    expect(m).toBeDefined();
    setU32(c, m!.codeOff + 0x0c, 0x7fffffff);
    fixChecksums(c);
    const d2 = new DiagnosticSink();
    const dex2 = parse(c, d2);
    expect(dex2.classData(cls)).toBeNull();
    expect(d2.list().find((x) => x.code === 'W_DEX_FAILED')?.message).toMatch(/class_data of class_def \d+ .*code units, past the end/);
  });

  it('validates past the budget on first read, with the same outcome', () => {
    const b = fixture('scan.dex');
    const sidOff = u32(b, 0x3c);
    const n = u32(b, 0x38);
    setU32(b, sidOff + 4 * (n - 1), b.length + 100);
    fixChecksums(b);
    const d = new DiagnosticSink();
    const dex = parseDex(b, { entry: 'x', diagnostics: d, limits: withLimits({ dexValidationBudget: 2 }) });
    expect(dex.unreadableEntries).toBe(0);
    expect(dex.string(n - 1)).toBe(UNREADABLE);
    expect(dex.unreadableEntries).toBe(1);
    expect(d.list().filter((x) => x.code === 'W_DEX_FAILED')).toHaveLength(1);
  });

  it('decodes a string whose data lies outside the data section, with a diagnostic', () => {
    const b = fixture('scan.dex');
    const sidOff = u32(b, 0x3c);
    setU32(b, sidOff, 0x70 - 8); // into the header (data_off..data_off+data_size excludes it)
    fixChecksums(b);
    const d = new DiagnosticSink();
    const dex = parse(b, d);
    expect(typeof dex.string(0)).toBe('string');
    expect(d.list().map((x) => x.message)).toContainEqual(expect.stringMatching(/outside the data section/));
  });

  it('checks indices given to accessors', () => {
    const dex = parse(fixture('scan.dex'));
    // ids and descriptors outside their table read as unreadable
    expect(dex.string(dex.stringCount)).toBe(UNREADABLE);
    expect(dex.string(-1)).toBe(UNREADABLE);
    expect(dex.typeDescriptor(dex.typeCount)).toBe(UNREADABLE_TYPE);
    expect(dex.protoDescriptor(dex.protoCount)).toBe(UNREADABLE_PROTO);
    // rows of the member and class tables are only read at indices the scan checked
    for (const fn of [
      () => dex.fieldRefString(dex.fieldCount),
      () => dex.methodRefString(dex.methodCount),
      () => dex.classDef(dex.classDefCount),
      () => dex.codeItem(2),
      () => dex.codeItem(dex.end - 8),
    ]) {
      expect(codeOf(fn)).toBe('E_DEX_OUT_OF_BOUNDS');
    }
  });

  it('bounds the work of strings whose data overlaps', () => {
    // every string id points at the same long run without a terminator
    const b = new Uint8Array(fixture('scan.dex').length + 0x40000);
    b.set(fixture('scan.dex'));
    const run = fixture('scan.dex').length;
    b.fill(0x61, run + 1);
    b[run] = 0x7f; // utf16_size (ignored), then 'a' * 256K
    setU32(b, 0x20, b.length);
    const sidOff = u32(b, 0x3c);
    const n = u32(b, 0x38);
    for (let i = 0; i < n; i++) setU32(b, sidOff + 4 * i, run);
    const dex = parseDex(b, { entry: 'x', verifyChecksums: false });
    let failures = 0;
    for (let i = 0; i < n; i++) failures += dex.string(i) === UNREADABLE ? 1 : 0;
    expect(failures).toBeGreaterThan(0);
    expect(n - failures).toBeLessThanOrEqual(10);
  });
});

/**
 * Builds a version 041 container of two DEX files from the fixture: DEX 1 is the fixture with its
 * string_ids moved behind its data (so that the 8 bytes after 0x70 can hold container_size and
 * header_offset), DEX 2 is a bare header after it whose tables point into DEX 1's part (offsets
 * are absolute in the container, and sharing is what containers are for).
 */
function container(): { buf: Uint8Array; second: number } {
  const base = fixture('scan.dex');
  const sidOff = u32(base, 0x3c);
  const sids = u32(base, 0x38);
  const movedSids = (base.length + 3) & ~3;
  const second = movedSids + sids * 4;
  const total = second + 0x78;
  const buf = new Uint8Array(total);
  buf.set(base);
  buf.set(base.subarray(sidOff, sidOff + sids * 4), movedSids);
  buf.set([0x30, 0x34, 0x31], 4);
  setU32(buf, 0x20, second); // file_size: this DEX's part
  setU32(buf, 0x24, 0x78);
  setU32(buf, 0x3c, movedSids);
  setU32(buf, 0x68, 0); // data_size, data_off: 0 in containers
  setU32(buf, 0x6c, 0);
  setU32(buf, 0x70, total); // container_size
  setU32(buf, 0x74, 0); // header_offset
  const mapOff = u32(buf, 0x34);
  setU32(buf, mapOff + 4 + 12 + 8, movedSids); // the map's string_ids item
  buf.copyWithin(second, 0, 0x78);
  setU32(buf, second + 0x20, 0x78);
  setU32(buf, second + 0x74, second);
  fixChecksums(buf, 0);
  fixChecksums(buf, second);
  return { buf, second };
}

describe('version 041 containers', () => {
  it('parses every DEX of the container', () => {
    const { buf, second } = container();
    const d = new DiagnosticSink();
    const dexes = parseDexContainer(buf, { entry: 'classes.dex', diagnostics: d });
    expect(dexes.map((x) => x.header.start)).toEqual([0, second]);
    expect(dexes.map((x) => x.version)).toEqual([41, 41]);
    const one = listClassDescriptors([parse(fixture('scan.dex'))]);
    expect(listClassDescriptors([dexes[0]!])).toEqual(one);
    expect(listClassDescriptors([dexes[1]!])).toEqual(one);
    expect(listClassDescriptors(dexes)).toEqual(one);
    for (const x of dexes) expect(scanDex(x).methodsSkipped).toBe(0);
    expect(d.list().filter((x) => /checksum|signature/.test(x.message))).toEqual([]);
    expect(d.list().every((x) => x.code === 'W_DEX_ODD')).toBe(true);
    // parseDex reads one header of the container
    expect(parseDex(buf, { entry: 'x', headerOffset: second }).header.start).toBe(second);
  });

  it('rejects inconsistent container headers with E_DEX_BAD_HEADER', () => {
    const cases: [string, (b: Uint8Array, second: number) => void][] = [
      ['header_size 0x70', (b) => setU32(b, 0x24, 0x70)],
      ['header_offset wrong', (b) => setU32(b, 0x74, 8)],
      ['container_size past the end', (b) => setU32(b, 0x70, b.length + 4)],
      ['file_size past the container', (b) => setU32(b, 0x20, b.length + 4)],
      ['second header_offset wrong', (b, s) => setU32(b, s + 0x74, 0)],
      ['second file_size zero', (b, s) => setU32(b, s + 0x20, 0)],
    ];
    for (const [what, patch] of cases) {
      const { buf, second } = container();
      patch(buf, second);
      expect(codeOf(() => parseDexContainer(buf, { entry: 'x' })), what).toBe('E_DEX_BAD_HEADER');
    }
    // a pre-041 file has no second header: there is no magic there
    expect(codeOf(() => parseDex(fixture('scan.dex'), { entry: 'x', headerOffset: 0x70 }))).toBe('E_DEX_BAD_MAGIC');
  });

  it('reads a lone container header past the first part when it is misaligned as a typed error', () => {
    const { buf } = container();
    setU32(buf, 0x20, u32(buf, 0x20) - 2);
    expect(codeOf(() => parseDexContainer(buf, { entry: 'x' }))).toMatch(/E_DEX_BAD_HEADER|E_DEX_BAD_MAGIC/);
  });
});
