import { describe, expect, it } from 'vitest';
import {
  F_IF,
  F_INVOKE,
  F_SWITCH,
  F_WRITES_A,
  F_WRITES_WIDE,
  formatUnits,
  invokeKind,
  OPCODE_FLAGS,
  OPCODE_UNITS,
  OPCODES,
  payloadUnits,
} from '../../src/dex/opcodes.js';

/**
 * Formats of opcodes 0x00–0xff, one row per high nibble, copied by hand from AOSP
 * libdexfile/dex/dex_instruction_list.h (current ART, where 0x73 and 0xe3–0xf9 are unused and
 * listed as 10x) and checked against the format table of source.android.com
 * /docs/core/runtime/dalvik-bytecode.
 */
const FORMAT_GRID = `
10x 12x 22x 32x 12x 22x 32x 12x 22x 32x 11x 11x 11x 11x 10x 11x
11x 11x 11n 21s 31i 21h 21s 31i 51l 21h 21c 31c 21c 11x 11x 21c
22c 12x 21c 22c 35c 3rc 31t 11x 10t 20t 30t 31t 31t 23x 23x 23x
23x 23x 22t 22t 22t 22t 22t 22t 21t 21t 21t 21t 21t 21t 10x 10x
10x 10x 10x 10x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x
23x 23x 22c 22c 22c 22c 22c 22c 22c 22c 22c 22c 22c 22c 22c 22c
21c 21c 21c 21c 21c 21c 21c 21c 21c 21c 21c 21c 21c 21c 35c 35c
35c 35c 35c 10x 3rc 3rc 3rc 3rc 3rc 10x 10x 12x 12x 12x 12x 12x
12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x
23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x
23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x 23x
12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x
12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x 12x
22s 22s 22s 22s 22s 22s 22s 22s 22b 22b 22b 22b 22b 22b 22b 22b
22b 22b 22b 10x 10x 10x 10x 10x 10x 10x 10x 10x 10x 10x 10x 10x
10x 10x 10x 10x 10x 10x 10x 10x 10x 10x 45cc 4rcc 35c 3rc 21c 21c
`
  .trim()
  .split(/\s+/);

const UNUSED = [0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x73, 0x79, 0x7a, ...Array.from({ length: 0xf9 - 0xe3 + 1 }, (_, i) => 0xe3 + i)];

/** Hand-checked names (smali/dexdump mnemonics). */
const NAMES: Record<number, string> = {
  0x00: 'nop',
  0x0e: 'return-void',
  0x12: 'const/4',
  0x18: 'const-wide',
  0x1a: 'const-string',
  0x1b: 'const-string/jumbo',
  0x22: 'new-instance',
  0x26: 'fill-array-data',
  0x2b: 'packed-switch',
  0x2c: 'sparse-switch',
  0x31: 'cmp-long',
  0x32: 'if-eq',
  0x3d: 'if-lez',
  0x44: 'aget',
  0x4a: 'aget-short',
  0x52: 'iget',
  0x54: 'iget-object',
  0x62: 'sget-object',
  0x6d: 'sput-short',
  0x6e: 'invoke-virtual',
  0x72: 'invoke-interface',
  0x74: 'invoke-virtual/range',
  0x78: 'invoke-interface/range',
  0x7b: 'neg-int',
  0x8f: 'int-to-short',
  0x90: 'add-int',
  0x9a: 'ushr-int',
  0x9b: 'add-long',
  0xa5: 'ushr-long',
  0xa6: 'add-float',
  0xaf: 'rem-double',
  0xb0: 'add-int/2addr',
  0xcf: 'rem-double/2addr',
  0xd0: 'add-int/lit16',
  0xd1: 'rsub-int',
  0xd7: 'xor-int/lit16',
  0xd8: 'add-int/lit8',
  0xd9: 'rsub-int/lit8',
  0xe2: 'ushr-int/lit8',
  0xfa: 'invoke-polymorphic',
  0xfb: 'invoke-polymorphic/range',
  0xfc: 'invoke-custom',
  0xfd: 'invoke-custom/range',
  0xfe: 'const-method-handle',
  0xff: 'const-method-type',
};

describe('opcode table', () => {
  it('covers 0x00–0xff with the hand-checked formats', () => {
    expect(FORMAT_GRID).toHaveLength(256);
    expect(OPCODES).toHaveLength(256);
    OPCODES.forEach((o, op) => {
      expect(o.opcode).toBe(op);
      expect(o.format, `opcode 0x${op.toString(16)} ${o.name}`).toBe(FORMAT_GRID[op]);
      expect(o.units).toBe(formatUnits(o.format));
    });
  });

  it('marks exactly the unused opcodes, whose scan width is 0', () => {
    const unused = OPCODES.filter((o) => o.unused).map((o) => o.opcode);
    expect(unused).toEqual(UNUSED);
    for (let op = 0; op < 256; op++) expect(OPCODE_UNITS[op]).toBe(UNUSED.includes(op) ? 0 : OPCODES[op]?.units);
  });

  it('has the hand-checked names', () => {
    for (const [op, name] of Object.entries(NAMES)) expect(OPCODES[Number(op)]?.name).toBe(name);
    expect(new Set(OPCODES.map((o) => o.name)).size).toBe(256);
  });

  it('gives the widths of the formats the brief singles out', () => {
    expect(OPCODES[0x18]?.units).toBe(5); // const-wide 51l
    expect(OPCODES[0xfa]?.units).toBe(4); // invoke-polymorphic 45cc
    expect(OPCODES[0xfb]?.units).toBe(4); // invoke-polymorphic/range 4rcc
    expect(OPCODES[0xfc]?.units).toBe(3); // invoke-custom 35c
    expect(OPCODES[0xfd]?.units).toBe(3); // invoke-custom/range 3rc
    expect(OPCODES[0xfe]?.units).toBe(2); // const-method-handle 21c
    expect(OPCODES[0xff]?.units).toBe(2); // const-method-type 21c
  });

  it('sizes payload pseudo-instructions from their headers', () => {
    // packed-switch-payload: ident, size, first_key (2 units), targets (2 units each)
    expect(payloadUnits(Uint16Array.of(0x0100, 3, 0, 0), 0, 100)).toBe(3 * 2 + 4);
    // sparse-switch-payload: ident, size, keys and targets (2 units each)
    expect(payloadUnits(Uint16Array.of(0x0200, 3), 0, 100)).toBe(3 * 4 + 2);
    // fill-array-data-payload: ident, element_width, size (2 units), data padded to units
    expect(payloadUnits(Uint16Array.of(0x0300, 1, 5, 0), 0, 100)).toBe(3 + 4);
    expect(payloadUnits(Uint16Array.of(0x0300, 4, 3, 0), 0, 100)).toBe(6 + 4);
    expect(payloadUnits(Uint16Array.of(0x0300, 8, 0, 1), 0, 100)).toBe(0x10000 * 4 + 4);
    // cut-off headers and non-payload units
    expect(payloadUnits(Uint16Array.of(0x0100), 0, 1)).toBe(0);
    expect(payloadUnits(Uint16Array.of(0x0300, 1, 5), 0, 3)).toBe(0);
    expect(payloadUnits(Uint16Array.of(0x0400, 1), 0, 2)).toBe(0);
  });

  it('flags invokes, branches and register writes', () => {
    const has = (op: number, f: number): boolean => ((OPCODE_FLAGS[op] as number) & f) !== 0;
    for (let op = 0x6e; op <= 0x78; op++) expect(has(op, F_INVOKE)).toBe(op !== 0x73);
    expect(has(0xfa, F_INVOKE) && has(0xfb, F_INVOKE) && has(0xfc, F_INVOKE)).toBe(true);
    for (let op = 0x32; op <= 0x3d; op++) expect(has(op, F_IF)).toBe(true);
    expect(has(0x2b, F_SWITCH) && has(0x2c, F_SWITCH)).toBe(true);
    expect(has(0x28, F_IF)).toBe(false);
    for (const op of [0x01, 0x0a, 0x12, 0x1a, 0x22, 0x44, 0x52, 0x60, 0x7b, 0x90, 0xb0, 0xd0, 0xe2, 0xfe]) expect(has(op, F_WRITES_A)).toBe(true);
    for (const op of [0x0e, 0x27, 0x4b, 0x59, 0x67, 0x6e, 0x32]) expect(has(op, F_WRITES_A)).toBe(false);
    for (const op of [0x04, 0x0b, 0x16, 0x18, 0x45, 0x53, 0x61, 0x7d, 0x81, 0x9b, 0xab, 0xbb, 0xcb]) expect(has(op, F_WRITES_WIDE)).toBe(true);
    for (const op of [0x01, 0x84, 0x90, 0x31, 0xa6]) expect(has(op, F_WRITES_WIDE)).toBe(false);
  });

  it('names invoke kinds', () => {
    expect([0x6e, 0x6f, 0x70, 0x71, 0x72].map(invokeKind)).toEqual(['virtual', 'super', 'direct', 'static', 'interface']);
    expect([0x74, 0x75, 0x76, 0x77, 0x78].map(invokeKind)).toEqual(['virtual', 'super', 'direct', 'static', 'interface']);
    expect([0xfa, 0xfb, 0xfc, 0xfd].map(invokeKind)).toEqual(['polymorphic', 'polymorphic', 'custom', 'custom']);
    expect(invokeKind(0x73)).toBeUndefined();
    expect(invokeKind(0x1a)).toBeUndefined();
  });
});
