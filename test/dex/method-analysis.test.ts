import { describe, expect, it } from 'vitest';
import { type DexFile, parseDex } from '../../src/dex/dex-file.js';
import { hasNoBranch, instructions, invokeArguments, isReturnVoidOnly, returnsConstantTrue } from '../../src/dex/method-analysis.js';
import { isPledgeError } from '../../src/util/errors.js';
import { findMethod, fixture, setUnits } from './helpers.js';

const dex = parseDex(fixture('scan.dex'), { entry: 'classes.dex' });
const code = (name: string, cls = 'Lcom/example/Scan;'): number => findMethod(dex, cls, name).codeOff;

function sites(d: DexFile, codeOff: number) {
  return invokeArguments(d, codeOff).map((s) => ({ pc: s.pc, kind: s.kind, callee: d.methodRefString(s.methodIdx), args: s.args }));
}

describe('invokeArguments', () => {
  it('sees the transformation string of Cipher.getInstance', () => {
    expect(sites(dex, code('cipher'))).toEqual([
      { pc: 2, kind: 'static', callee: 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;', args: ['AES/ECB/PKCS5Padding'] },
    ]);
  });

  it('sees the const-string/jumbo key of Settings$Secure.getString; parameters are unknown', () => {
    expect(sites(dex, code('androidId'))).toEqual([
      {
        pc: 3,
        kind: 'static',
        callee: 'Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;',
        args: [undefined, 'android_id'],
      },
    ]);
  });

  it('tracks int constants and clears a register when something else writes it', () => {
    const ref = 'Landroid/content/Context;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;';
    expect(sites(dex, code('openOut'))).toEqual([
      { pc: 3, kind: 'virtual', callee: ref, args: [undefined, 'data.txt', 1] },
      { pc: 8, kind: 'virtual', callee: ref, args: [undefined, 'data.txt', 0x7fff] },
      { pc: 0xc, kind: 'virtual', callee: ref, args: [undefined, undefined, 0x7fff] }, // move-result-object v0 in between
    ]);
  });

  it('follows move, const and const/high16, and static field reads', () => {
    expect(sites(dex, code('javaScript'))).toEqual([
      { pc: 2, kind: 'virtual', callee: 'Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V', args: [undefined, 1] },
      { pc: 0xc, kind: 'static', callee: 'Ljava/lang/Math;->max(II)I', args: [0x12345678, { field: 'Landroid/os/Build$VERSION;->SDK_INT:I' }] },
    ]);
    expect(sites(dex, code('serial'))).toEqual([
      {
        pc: 4,
        kind: 'virtual',
        callee: 'Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;',
        args: ['serial:', { field: 'Landroid/os/Build;->SERIAL:Ljava/lang/String;' }],
      },
    ]);
  });

  it('gives each register of a wide argument its own slot; unsafe 64-bit constants are unknown', () => {
    const [s] = invokeArguments(dex, code('wide'));
    expect(s?.registers).toEqual([0, 1, 2, 3]);
    expect(s?.args).toEqual([undefined, undefined, -1, undefined]); // 0x0123456789abcdef > 2^53
  });

  it('filters by callee', () => {
    const target = findMethod(dex, 'Lcom/example/Scan;', 'openOut');
    const callees = invokeArguments(dex, target.codeOff, { callee: () => false });
    expect(callees).toEqual([]);
    const all = invokeArguments(dex, code('intent'));
    expect(all.map((s) => dex.methodRefString(s.methodIdx))).toEqual(['Landroid/content/Intent;-><init>()V', 'Lcom/example/Scan;-><init>()V']);
  });
});

describe('instructions', () => {
  it('decodes operands per format', () => {
    const js = [...instructions(dex, code('javaScript'))];
    expect(js.map((i) => [i.pc, i.name, i.registers, i.literal])).toEqual([
      [0, 'const/4', [0], 1],
      [1, 'move', [1, 0], undefined],
      [2, 'invoke-virtual', [2, 1], undefined],
      [5, 'const', [0], 0x12345678],
      [8, 'const/high16', [1], 0x7f010000],
      [0xa, 'sget', [1], undefined],
      [0xc, 'invoke-static', [0, 1], undefined],
      [0xf, 'return-void', [], undefined],
    ]);
    const wide = [...instructions(dex, code('wide'))];
    expect(wide[0]).toMatchObject({ name: 'const-wide', format: '51l', units: 5, literal: 0x0123456789abcdefn });
    expect(wide[1]).toMatchObject({ name: 'const-wide/16', literal: -1 });
    expect(wide[2]).toMatchObject({ name: 'invoke-static', format: '35c', registers: [0, 1, 2, 3] });
  });

  it('decodes register ranges (3rc) and their constants', () => {
    const buf = fixture('scan.dex');
    const pad = findMethod(parseDex(buf, { entry: 'x' }), 'Lcom/example/Scan;', 'pad');
    // const/4 v2, -3; const-string v5, string@1; invoke-static/range {v0 .. v5}, meth@0
    setUnits(buf, pad.codeOff + 16, [0xd212, 0x051a, 1, 0x0677, 0, 0]);
    const d = parseDex(buf, { entry: 'x', verifyChecksums: false });
    const insn = [...instructions(d, pad.codeOff)][2];
    expect(insn).toMatchObject({ name: 'invoke-static/range', format: '3rc', index: 0, registers: [0, 1, 2, 3, 4, 5] });
    const [s] = invokeArguments(d, pad.codeOff);
    expect(s?.args).toEqual([undefined, undefined, -3, undefined, undefined, d.string(1)]);
  });

  it('decodes branch and payload targets', () => {
    const t = [...instructions(dex, code('table'))];
    const at = (pc: number) => t.find((i) => i.pc === pc);
    expect(at(3)).toMatchObject({ name: 'fill-array-data', target: 0x14, registers: [0] });
    expect(at(6)).toMatchObject({ name: 'packed-switch', target: 0x1e, registers: [2] });
    expect(at(0xb)).toMatchObject({ name: 'aput', registers: [3, 0, 1] });
    expect(at(0xe)).toMatchObject({ name: 'if-eqz', target: 0x13, registers: [3] });
    expect(at(0x10)).toMatchObject({ name: 'sparse-switch', target: 0x26 });
    expect(at(0x14)).toMatchObject({ name: 'fill-array-data-payload', format: 'payload', units: 10 });
  });

  it('throws E_DEX_OUT_OF_BOUNDS on malformed code', () => {
    const buf = fixture('scan.dex');
    const pad = findMethod(parseDex(buf, { entry: 'x' }), 'Lcom/example/Scan;', 'pad');
    setUnits(buf, pad.codeOff + 16, [0x0000, 0x003e]);
    const bad = parseDex(buf, { entry: 'x', verifyChecksums: false });
    for (const fn of [() => [...instructions(bad, pad.codeOff)], () => invokeArguments(bad, pad.codeOff), () => isReturnVoidOnly(bad, pad.codeOff)]) {
      let code: string | undefined;
      try {
        fn();
      } catch (e) {
        if (!isPledgeError(e)) throw e;
        code = e.code;
      }
      expect(code).toBe('E_DEX_OUT_OF_BOUNDS');
    }
  });
});

describe('method predicates', () => {
  it('recognises an empty body', () => {
    expect(isReturnVoidOnly(dex, code('nothing'))).toBe(true);
    expect(isReturnVoidOnly(dex, code('pad'))).toBe(true); // nops aside
    expect(isReturnVoidOnly(dex, code('checkServerTrusted', 'Lcom/example/TrustAll;'))).toBe(true);
    expect(isReturnVoidOnly(dex, code('<init>'))).toBe(false);
  });

  it('recognises a method that returns constant true', () => {
    expect(returnsConstantTrue(dex, code('yes'))).toBe(true);
    expect(returnsConstantTrue(dex, code('verify', 'Lcom/example/AllowAll;'))).toBe(true);
    expect(returnsConstantTrue(dex, code('no'))).toBe(false);
    expect(returnsConstantTrue(dex, code('nothing'))).toBe(false);
  });

  it('tells whether a method branches', () => {
    expect(hasNoBranch(dex, code('cipher'))).toBe(true);
    expect(hasNoBranch(dex, code('table'))).toBe(false);
  });
});
