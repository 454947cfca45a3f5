import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineAt, MAX_DEBUG_OPCODES, readLineTable } from '../../src/dex/debug-info.js';
import { loadFacts } from '../../src/facts/load.js';
import { isPledgeError } from '../../src/util/errors.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';
import { fixtureApk } from '../helpers/fixtures.js';

/** A buffer holding one debug_info_item at offset 4 (bytes before it are padding). */
function item(bytes: number[]): { buf: Uint8Array; view: DataView; end: number; entry: string } {
  const buf = new Uint8Array([0, 0, 0, 0, ...bytes]);
  return { buf, view: new DataView(buf.buffer), end: buf.length, entry: 'classes.dex' };
}

/** A special opcode for a line delta in [-4, 10] and an address delta. */
const special = (line: number, addr: number): number => 0x0a + (line + 4) + 15 * addr;

describe('debug_info_item line table', () => {
  // line_start 10, one parameter name (uleb128p1 0 = none), then the state machine.
  const program = [
    10, 1, 0,
    special(0, 0), // pc 0, line 10
    0x01, 3, // advance pc 3
    special(2, 0), // pc 3, line 12
    0x02, 0x7b, // advance line -5
    special(0, 2), // pc 5, line 7
    0x03, 1, 2, 3, // start local v1, name, type
    0x04, 1, 2, 3, 4, // start local extended
    0x05, 1, 0x06, 1, 0x07, 0x08, // end, restart, prologue, epilogue
    0x09, 6, // set file: string 5, not the class's (its source file is string 2)
    special(0, 1), // pc 6, line 7, another file
    0x09, 3, // set file: string 2, the class's own again
    special(1, 1), // pc 7, line 8
    0x00,
  ];

  it('decodes addresses and lines, and marks entries after DBG_SET_FILE to another file', () => {
    const t = readLineTable(item(program), 4, 100, 2);
    expect(t).toEqual([
      { pc: 0, line: 10, ownFile: true },
      { pc: 3, line: 12, ownFile: true },
      { pc: 5, line: 7, ownFile: true },
      { pc: 6, line: 7, ownFile: false },
      { pc: 7, line: 8, ownFile: true },
    ]);
    expect([0, 2, 3, 4, 5, 6, 7, 99].map((pc) => lineAt(t, pc))).toEqual([10, 10, 12, 12, 7, undefined, 8, 8]);
    expect(lineAt(t)).toBe(10);
    expect(lineAt([], 0)).toBeUndefined();
    expect(lineAt([{ pc: 0, line: 0, ownFile: true }], 0)).toBeUndefined();
  });

  it('ends the table at the end of the code, and reads nothing for debug_info_off 0', () => {
    expect(readLineTable(item(program), 4, 5, 2).map((p) => p.pc)).toEqual([0, 3]);
    expect(readLineTable(item(program), 0, 100)).toEqual([]);
  });

  it('refuses a program that runs past the file or declares absurd parameters, with E_DEX_OUT_OF_BOUNDS', () => {
    for (const [bytes, off] of [[program.slice(0, 9), 4], [[10, 0xff, 0xff, 0x7f], 4], [program, 400]] as const) {
      let caught: unknown;
      try {
        readLineTable(item([...bytes]), off, 100, 2);
      } catch (e) {
        caught = e;
      }
      expect(isPledgeError(caught) && caught.code).toBe('E_DEX_OUT_OF_BOUNDS');
    }
  });

  it('stops a program without an end after MAX_DEBUG_OPCODES', () => {
    const t = readLineTable(item([1, 0, ...new Array<number>(MAX_DEBUG_OPCODES + 10).fill(0x07)]), 4, 100);
    expect(t).toEqual([]);
  });
});

describe('CodeFacts.sourceLine', () => {
  it('reads the demo app’s .line directives at a call site, and the first line of a method without a pc', async () => {
    const facts = await loadFacts(fixtureApk('demo-shop'));
    try {
      const code = facts.code;
      expect(code?.sourceLine('Lcom/example/shiguang/ShopApplication;->onCreate()V', 11)).toBe(21);
      expect(code?.sourceLine('Lcom/example/shiguang/ShopApplication;->onCreate()V', 0)).toBe(19);
      expect(code?.sourceLine('Lcom/example/shiguang/WebActivity$LenientClient;->onReceivedSslError(Landroid/webkit/WebView;Landroid/webkit/SslErrorHandler;Landroid/net/http/SslError;)V')).toBe(27);
      expect(code?.sourceFileName('Lcom/example/shiguang/WebActivity$LenientClient;')).toBe('WebActivity.java');
      // SDK code of the fixture has no .line directives; unknown methods and classes have no line.
      expect(code?.sourceLine('Lcom/umeng/commonsdk/statistics/common/DeviceConfig;->getMac(Landroid/content/Context;)Ljava/lang/String;', 12)).toBeUndefined();
      expect(code?.sourceLine('Lcom/example/shiguang/ShopApplication;->gone()V', 0)).toBeUndefined();
      expect(code?.sourceLine('Lno/Such;->x()V', 0)).toBeUndefined();
    } finally {
      facts.close();
    }
  });
});

const DIVA = hasCorpus() ? corpusPath('apk/android-vulnerabilities__diva-beta.apk') : '';
const dexdump = spawnSync('dexdump', ['-h'], { encoding: 'utf8' }).error === undefined;

/** Per method `Lcls;->name(proto)R`: pc → the line of its last position entry, as dexdump prints them. */
function dexdumpPositions(apk: string): Map<string, Map<number, number>> {
  const out = spawnSync('dexdump', [apk], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  const methods = new Map<string, Map<number, number>>();
  let cls = '';
  let name = '';
  let type = '';
  let current: Map<number, number> | undefined;
  for (const line of out.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^\s+Class descriptor\s+: '(.+)'$/.exec(line)) !== null) cls = m[1] as string;
    else if ((m = /^\s+name\s+: '(.+)'$/.exec(line)) !== null) name = m[1] as string;
    else if ((m = /^\s+type\s+: '(.+)'$/.exec(line)) !== null) type = m[1] as string;
    else if (/^\s+positions\s+:/.test(line)) {
      current = new Map();
      methods.set(`${cls}->${name}${type}`, current);
    } else if ((m = /^\s+0x([0-9a-f]+) line=(\d+)$/.exec(line)) !== null && current !== undefined) current.set(parseInt(m[1] as string, 16), Number(m[2]));
    else if (/^\s+locals\s+:/.test(line)) current = undefined;
  }
  return methods;
}

describe.skipIf(!existsSync(DIVA) || !dexdump)(`line tables of a corpus APK against dexdump ${!existsSync(DIVA) ? '(skipped: no ../shared corpus)' : !dexdump ? '(skipped: no dexdump)' : ''}`, () => {
  it('diva-beta: every position entry of every method with debug info gives dexdump’s line', async () => {
    const want = dexdumpPositions(DIVA);
    const facts = await loadFacts(DIVA, { needs: new Set(['dex']) });
    try {
      let checked = 0;
      const wrong: string[] = [];
      // Every third method keeps the test short and still covers thousands of entries.
      for (const [method, positions] of [...want].filter((_, i) => i % 3 === 0)) {
        for (const [pc, line] of positions) {
          const ours = facts.code?.sourceLine(method, pc);
          if (ours !== line) wrong.push(`${method} @${pc}: ${ours} ≠ ${line}`);
          checked++;
        }
      }
      expect(wrong.slice(0, 10)).toEqual([]);
      expect(checked).toBeGreaterThan(5_000);
    } finally {
      facts.close();
    }
  }, 60_000);
});
