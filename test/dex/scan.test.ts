import { describe, expect, it } from 'vitest';
import { type DexFile, parseDex } from '../../src/dex/dex-file.js';
import { makeFieldFilter, makeTypeFilter } from '../../src/dex/filters.js';
import { instructions } from '../../src/dex/method-analysis.js';
import { invokeKind } from '../../src/dex/opcodes.js';
import { type ScanResult, scanDex } from '../../src/dex/scan.js';
import type { SiteTable } from '../../src/dex/site-table.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { findMethod, fixture, setU32, setUnits } from './helpers.js';

const load = (buf = fixture('scan.dex'), diagnostics = new DiagnosticSink()): DexFile => parseDex(buf, { entry: 'classes.dex', diagnostics, verifyChecksums: false });

/** "Scan.serial" for Lcom/example/Scan;->serial */
function shortName(dex: DexFile, m: number): string {
  return `${dex.methodClass(m).replace('Lcom/example/', '').replace(';', '')}.${dex.methodName(m)}`;
}

function rows(dex: DexFile, t: SiteTable, ref: (i: number) => string | number): [string, string | number, number, number][] {
  const out: [string, string | number, number, number][] = [];
  for (let i = 0; i < t.count; i++) out.push([shortName(dex, t.caller[i]!), ref(t.ref[i]!), t.pc[i]!, t.op[i]!]);
  return out;
}

describe('scanDex on the smali fixture', () => {
  const dex = load();
  const r = scanDex(dex);

  it('records every invoke with caller, callee, pc and opcode', () => {
    expect(rows(dex, r.invokes, (m) => dex.methodRefString(m))).toEqual([
      ['Scan.<init>', 'Ljava/lang/Object;-><init>()V', 0x0, 0x70],
      ['Scan.androidId', 'Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;', 0x3, 0x71],
      ['Scan.cipher', 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;', 0x2, 0x71],
      ['Scan.deviceId', 'Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;', 0x0, 0x6e],
      ['Scan.intent', 'Landroid/content/Intent;-><init>()V', 0x4, 0x70],
      ['Scan.intent', 'Lcom/example/Scan;-><init>()V', 0x9, 0x70],
      ['Scan.javaScript', 'Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V', 0x2, 0x6e],
      ['Scan.javaScript', 'Ljava/lang/Math;->max(II)I', 0xc, 0x71],
      ['Scan.openOut', 'Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;', 0x3, 0x6e],
      ['Scan.openOut', 'Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;', 0x8, 0x6e],
      ['Scan.openOut', 'Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;', 0xc, 0x6e],
      ['Scan.serial', 'Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;', 0x4, 0x6e],
      ['Scan.wide', 'Ljava/lang/Math;->max(JJ)J', 0x7, 0x71],
      ['TrustAll.<init>', 'Ljava/lang/Object;-><init>()V', 0x0, 0x70],
    ]);
    expect(Array.from(r.invokes.op, (op) => invokeKind(op))).toContain('static');
  });

  it('records const-string and const-string/jumbo', () => {
    expect(rows(dex, r.constStrings, (s) => dex.string(s))).toEqual([
      ['Scan.androidId', 'android_id', 0x0, 0x1b],
      ['Scan.cipher', 'AES/ECB/PKCS5Padding', 0x0, 0x1a],
      ['Scan.openOut', 'data.txt', 0x0, 0x1a],
      ['Scan.serial', 'serial:', 0x0, 0x1a],
    ]);
  });

  it('records sget of framework fields and new-instance of framework classes by default', () => {
    expect(rows(dex, r.fieldReads, (f) => dex.fieldRefString(f))).toEqual([
      ['Scan.javaScript', 'Landroid/os/Build$VERSION;->SDK_INT:I', 0xa, 0x60],
      ['Scan.serial', 'Landroid/os/Build;->SERIAL:Ljava/lang/String;', 0x2, 0x62],
    ]);
    // iget of PackageInfo.versionName is not an sget; Lcom/example/Scan; is not a framework class
    expect(rows(dex, r.newInstances, (t) => dex.typeDescriptor(t))).toEqual([['Scan.intent', 'Landroid/content/Intent;', 0x2, 0x22]]);
  });

  it('records conditional branches and switches with their targets', () => {
    expect(rows(dex, r.branches, (pc) => pc)).toEqual([
      ['Scan.table', 0x1e, 0x6, 0x2b], // packed-switch -> payload
      ['Scan.table', 0x13, 0xe, 0x38], // if-eqz -> :cond_13
      ['Scan.table', 0x26, 0x10, 0x2c], // sparse-switch -> payload
    ]);
  });

  it('walks every method, payloads included, and agrees with the one-method decoder', () => {
    expect(r.methodsSkipped).toBe(0);
    expect(r.methods.count).toBe(19);
    let decoded = 0;
    for (let i = 0; i < r.methods.count; i++) decoded += [...instructions(dex, r.methods.codeOff[i]!)].length;
    expect(r.instructions).toBe(decoded);
    const table = findMethod(dex, 'Lcom/example/Scan;', 'table');
    expect(r.methods.codeOffOf(table.methodIdx)).toBe(table.codeOff);
    expect(r.methods.codeOffOf(123456)).toBe(-1);
    const names = [...instructions(dex, table.codeOff)].map((i) => `${i.pc.toString(16)}:${i.name}`);
    expect(names.slice(-3)).toEqual(['14:fill-array-data-payload', '1e:packed-switch-payload', '26:sparse-switch-payload']);
  });

  it('takes field and type filters', () => {
    const fields = makeFieldFilter(dex, { fieldRefs: ['Landroid/content/pm/PackageInfo;->versionName:Ljava/lang/String;'], classDescriptors: ['Landroid/os/Build;'] });
    const types = makeTypeFilter(dex, { descriptors: ['Lcom/example/Scan;'] });
    const r2 = scanDex(dex, { fieldFilter: fields, typeFilter: types });
    expect(rows(dex, r2.fieldReads, (f) => dex.fieldRefString(f))).toEqual([
      ['Scan.intent', 'Landroid/content/pm/PackageInfo;->versionName:Ljava/lang/String;', 0x0, 0x54],
      ['Scan.serial', 'Landroid/os/Build;->SERIAL:Ljava/lang/String;', 0x2, 0x62],
    ]);
    expect(rows(dex, r2.newInstances, (t) => dex.typeDescriptor(t))).toEqual([['Scan.intent', 'Lcom/example/Scan;', 0x7, 0x22]]);
    const staticOnly = scanDex(dex, { fieldFilter: fields, instanceFieldReads: false });
    expect(staticOnly.fieldReads.count).toBe(1);
    const prefixes = scanDex(dex, { fieldFilter: makeFieldFilter(dex, { classPrefixes: ['Landroid/content/'] }) });
    expect(rows(dex, prefixes.fieldReads, (f) => dex.fieldRefString(f))).toEqual([
      ['Scan.intent', 'Landroid/content/pm/PackageInfo;->versionName:Ljava/lang/String;', 0x0, 0x54],
    ]);
  });
});

/** The fixture with pad()'s 32 nops (then return-void) replaced by `units`. */
function padded(units: readonly number[], patch?: (buf: Uint8Array, codeOff: number) => void): { dex: DexFile; r: ScanResult; diags: DiagnosticSink; methodIdx: number } {
  const buf = fixture('scan.dex');
  const pad = findMethod(load(buf), 'Lcom/example/Scan;', 'pad');
  expect(units.length).toBeLessThanOrEqual(32);
  setUnits(buf, pad.codeOff + 16, units);
  patch?.(buf, pad.codeOff);
  const diags = new DiagnosticSink();
  const dex = load(buf, diags);
  return { dex, r: scanDex(dex, { diagnostics: diags }), diags, methodIdx: pad.methodIdx };
}

describe('instruction widths', () => {
  it('steps over every format, including 51l, 45cc, 4rcc, invoke-custom and method handles', () => {
    const { dex, r, methodIdx } = padded([
      0x0018, 1, 2, 3, 4, // pc 0: const-wide v0, 51l (5 units)
      0x20fa, 0, 0x0010, 0, // pc 5: invoke-polymorphic {v0, v1}, meth@0, proto@0 (45cc, 4 units)
      0x02fb, 0, 0x0000, 0, // pc 9: invoke-polymorphic/range {v0 .. v1}, meth@0, proto@0 (4rcc)
      0x10fc, 0, 0x0000, // pc 13: invoke-custom {v0}, call_site@0 (35c)
      0x01fd, 0, 0x0000, // pc 16: invoke-custom/range {v0}, call_site@0 (3rc)
      0x00fe, 0, // pc 19: const-method-handle v0, method_handle@0 (21c)
      0x00ff, 0, // pc 21: const-method-type v0, proto@0 (21c)
      0x0017, 0, 0, // pc 23: const-wide/32 (31i)
      0x0003, 0, 0, // pc 26: move/16 (32x)
      0x0028 | (2 << 8), // pc 29: goto +2 (10t) -> 31
      0x0000, // pc 30: nop
      0x000e, // pc 31: return-void
    ]);
    expect(r.methodsSkipped).toBe(0);
    const mine: [number, number][] = [];
    for (let i = 0; i < r.invokes.count; i++) if (r.invokes.caller[i] === methodIdx) mine.push([r.invokes.pc[i]!, r.invokes.op[i]!]);
    expect(mine).toEqual([
      [5, 0xfa],
      [9, 0xfb],
    ]); // invoke-custom names a call site, not a method: not an invoke site
    const pad = findMethod(dex, 'Lcom/example/Scan;', 'pad');
    expect([...instructions(dex, pad.codeOff)].map((i) => i.pc)).toEqual([0, 5, 9, 13, 16, 19, 21, 23, 26, 29, 30, 31, 32]);
  });
});

describe('malformed methods are skipped, the rest still counts', () => {
  const baseline = scanDex(load());

  function expectSkipped(units: readonly number[], reason: RegExp, patch?: (buf: Uint8Array, codeOff: number) => void): ScanResult {
    const { r, diags, methodIdx } = padded(units, patch);
    expect(r.methodsSkipped).toBe(1);
    expect(r.methods.count).toBe(baseline.methods.count - 1);
    expect(r.methods.rowOf(methodIdx)).toBe(-1);
    const d = diags.list().filter((x) => x.code === 'W_DEX_METHOD_SKIPPED');
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toMatch(/Lcom\/example\/Scan;->pad\(\)V/);
    expect(d[0]?.message).toMatch(reason);
    // the other methods' sites are all there, and none of pad's
    expect(r.invokes.count).toBe(baseline.invokes.count);
    expect(r.constStrings.count).toBe(baseline.constStrings.count);
    expect(r.branches.count).toBe(baseline.branches.count);
    return r;
  }

  it('an unused opcode', () => expectSkipped([0x1a, 0, 0x003e], /unused opcode at pc 0x2/));
  it('an unused opcode after recorded sites (which are dropped)', () => expectSkipped([0x0071, 0, 0, 0x001a, 1, 0x0073], /unused opcode at pc 0x5/));
  it('an instruction running off the code item', () => expectSkipped([0x0018, 1, 2, 3, 4], /runs past the end of the code item at pc 0x1e/, (b, off) => setUnits(b, off + 16 + 60, [0x0018, 0, 0])));
  it('a payload at an odd offset', () => expectSkipped([0x0000, 0x0100, 1, 0, 0, 0, 0, 0x000e], /payload pseudo-instruction at an odd code-unit offset at pc 0x1/));
  it('a payload larger than the code item', () => expectSkipped([0x0200, 0x0100], /runs past the end of the code item at pc 0x0/));
  it('a fill-array-data payload header cut off', () => expectSkipped([], /payload header runs past the end at pc 0x20|runs past the end/, (b, off) => setUnits(b, off + 16 + 64, [0x0300])));
  it('a switch pointing at a non-payload', () => expectSkipped([0x002b, 4, 0, 0x000e, 0x0000], /does not point to an aligned payload/));
  it('a fill-array-data pointing at a switch payload', () => expectSkipped([0x0026, 4, 0, 0x000e, 0x0100, 0, 0, 0], /does not point to an aligned payload/));
  it('a method index outside the table', () => expectSkipped([0x0071, 0xffff, 0], /index outside its table at pc 0x0/));
  it('a string index outside the table', () => expectSkipped([0x001b, 0xffff, 0xffff], /index outside its table/));
  it('a branch outside the method', () => expectSkipped([0x0038, 0x7fff], /branch target outside the method/));
  it('an invoke with six argument registers', () => expectSkipped([0x6071, 0, 0], /more than five argument registers/));
  it('instructions past the end of the file', () =>
    expectSkipped([], /run past the end of the file/, (b, off) => setU32(b, off + 12, 0x7fffffff)));

  it('caps skip diagnostics at maxSkipDiagnostics and summarises the rest', () => {
    const buf = fixture('scan.dex');
    const dex0 = load(buf);
    // make every method of Scan start with an unused opcode
    const scanClass = Array.from({ length: dex0.classDefCount }, (_, i) => i).find((i) => dex0.classDescriptor(i) === 'Lcom/example/Scan;')!;
    for (const m of dex0.classMethods(scanClass)) setUnits(buf, m.codeOff + 16, [0x003e]);
    const diags = new DiagnosticSink();
    const r = scanDex(load(buf, diags), { maxSkipDiagnostics: 3 });
    expect(r.methodsSkipped).toBe(14);
    expect(r.methods.count).toBe(5);
    const d = diags.list().filter((x) => x.code === 'W_DEX_METHOD_SKIPPED');
    expect(d).toHaveLength(4);
    expect(d[3]?.message).toBe('11 further methods were skipped');
  });

  it('skips a class whose class_data is malformed', () => {
    const buf = fixture('scan.dex');
    const dex0 = load(buf);
    const cd = Array.from({ length: dex0.classDefCount }, (_, i) => i).find((i) => dex0.classDescriptor(i) === 'Lcom/example/TrustAll;')!;
    const at = dex0.header.classDefsOff + cd * 32 + 0x18;
    setU32(buf, at, dex0.end - 2); // class_data_off at the last bytes
    const diags = new DiagnosticSink();
    const r = scanDex(load(buf, diags));
    expect(r.methods.count).toBe(15);
    expect(diags.list().map((x) => x.message)).toContainEqual(expect.stringMatching(/class_data of class_def \d+ at 0x[0-9a-f]+ is (malformed|cut short)/));
    // a code_off that is not 4-aligned
    const buf2 = fixture('scan.dex');
    const dex2 = load(buf2);
    const allow = Array.from({ length: dex2.classDefCount }, (_, i) => i).find((i) => dex2.classDescriptor(i) === 'Lcom/example/AllowAll;')!;
    const dataOff = dex2.classDataOff(allow);
    // class_data: sizes 0, 0, 0, 1; then method_idx_diff and access_flags (one byte each here), then code_off
    const bytes = buf2.subarray(dataOff, dataOff + 12);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0, 0, 0, 1]);
    expect(bytes[5]).toBe(1); // ACC_PUBLIC
    bytes[6] = (bytes[6]! & 0x80) | ((bytes[6]! + 2) & 0x7f); // code_off's low 7 bits + 2: no longer 4-aligned
    const diags2 = new DiagnosticSink();
    const r2 = scanDex(load(buf2, diags2));
    expect(r2.methodsSkipped).toBe(1);
    expect(diags2.list().map((x) => x.message)).toContainEqual(expect.stringMatching(/AllowAll;->verify.*code_off 0x[0-9a-f]+ is outside the file or misaligned/));
  });
});

describe('hostile sharing', () => {
  it('stops with W_LIMIT_CODE_SCAN when many methods share one large code item', () => {
    const base = fixture('scan.dex');
    const dex0 = load(base);
    const scanClass = Array.from({ length: dex0.classDefCount }, (_, i) => i).find((i) => dex0.classDescriptor(i) === 'Lcom/example/Scan;')!;
    const firstMethod = dex0.classMethods(scanClass)[0]!.methodIdx;
    const K = 1000; // code units of the shared code item
    const N = 200; // methods pointing at it
    const codeOff = (base.length + 3) & ~3;
    const classData = codeOff + 16 + K * 2;
    const uleb = (v: number): number[] => {
      const out: number[] = [];
      do {
        out.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
        v >>>= 7;
      } while (v > 0);
      return out;
    };
    const data = [0, 0, ...uleb(N), 0];
    for (let i = 0; i < N; i++) data.push(...uleb(i === 0 ? firstMethod : 0), 0x09, ...uleb(codeOff));
    const buf = new Uint8Array(classData + data.length);
    buf.set(base);
    setUnits(buf, codeOff, [1, 0, 0, 0, 0, 0, K, 0]); // registers 1, ins 0, outs 0, tries 0, debug_info 0, insns_size K
    setUnits(buf, codeOff + 16 + (K - 1) * 2, [0x000e]); // nops, then return-void
    buf.set(data, classData);
    setU32(buf, 0x20, buf.length);
    setU32(buf, dex0.header.classDefsOff + scanClass * 32 + 0x18, classData);
    const diags = new DiagnosticSink();
    const r = scanDex(load(buf, diags));
    const truncated = diags.list().filter((d) => d.code === 'W_LIMIT_CODE_SCAN');
    expect(truncated).toHaveLength(1);
    expect(truncated[0]?.message).toMatch(/methods share code items/);
    expect(r.methods.count).toBeLessThan(N);
    expect(r.instructions).toBeLessThanOrEqual(buf.length + 1024);
  });
});
