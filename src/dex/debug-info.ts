import { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';
import type { DexFile } from './dex-file.js';
import { NO_INDEX } from './header.js';

/**
 * debug_info_item's line table (the DEX format's state machine): which source line each
 * instruction address starts, decoded for one method when a finding asks for it. The locals
 * (start/end/restart) are read past, not kept.
 */

/** One position entry: from `pc` (code units) on, the code is on `line` of the class's source file, or of another one. */
export interface LinePosition {
  pc: number;
  line: number;
  /** False after DBG_SET_FILE named a file other than the class's own (inlined code, say). */
  ownFile: boolean;
}

const DBG_END_SEQUENCE = 0x00;
const DBG_ADVANCE_PC = 0x01;
const DBG_ADVANCE_LINE = 0x02;
const DBG_START_LOCAL = 0x03;
const DBG_START_LOCAL_EXTENDED = 0x04;
const DBG_END_LOCAL = 0x05;
const DBG_RESTART_LOCAL = 0x06;
const DBG_SET_PROLOGUE_END = 0x07;
const DBG_SET_EPILOGUE_BEGIN = 0x08;
const DBG_SET_FILE = 0x09;
const DBG_FIRST_SPECIAL = 0x0a;
const DBG_LINE_BASE = -4;
const DBG_LINE_RANGE = 15;

/** A line program longer than this is not one a compiler wrote. */
export const MAX_DEBUG_OPCODES = 1 << 16;
const MAX_PARAMETERS = 1 << 16;

/**
 * Decodes the debug_info_item at `off` of a method whose code is `insnsSize` code units long.
 * Every read is bounds-checked by the cursor (E_DEX_OUT_OF_BOUNDS); a program that runs past
 * MAX_DEBUG_OPCODES, or an address past the code, ends the table there. `sourceFileIdx` is the
 * class's source_file_idx, to tell DBG_SET_FILE back to the class's own file from another one.
 */
export function readLineTable(dex: Pick<DexFile, 'buf' | 'view' | 'end' | 'entry'>, off: number, insnsSize: number, sourceFileIdx = NO_INDEX): LinePosition[] {
  if (off === 0) return [];
  const c = new ByteCursor(dex.buf, 'E_DEX_OUT_OF_BOUNDS', dex.entry, 0, dex.end, dex.view);
  c.seek(off);
  let line = c.uleb128();
  const params = c.uleb128();
  if (params > MAX_PARAMETERS) throw new PledgeError('E_DEX_OUT_OF_BOUNDS', `debug_info_item at 0x${off.toString(16)} declares ${params} parameters`, { entry: dex.entry, offset: off });
  for (let i = 0; i < params; i++) c.uleb128();
  const out: LinePosition[] = [];
  let pc = 0;
  let ownFile = true;
  for (let n = 0; n < MAX_DEBUG_OPCODES; n++) {
    const op = c.u8();
    switch (op) {
      case DBG_END_SEQUENCE:
        return out;
      case DBG_ADVANCE_PC:
        pc += c.uleb128();
        break;
      case DBG_ADVANCE_LINE:
        line += c.sleb128();
        break;
      case DBG_START_LOCAL:
        c.uleb128();
        c.uleb128();
        c.uleb128();
        break;
      case DBG_START_LOCAL_EXTENDED:
        c.uleb128();
        c.uleb128();
        c.uleb128();
        c.uleb128();
        break;
      case DBG_END_LOCAL:
      case DBG_RESTART_LOCAL:
        c.uleb128();
        break;
      case DBG_SET_PROLOGUE_END:
      case DBG_SET_EPILOGUE_BEGIN:
        break;
      case DBG_SET_FILE: {
        // uleb128p1: the string index plus one; 0 is NO_INDEX, which means "the class's file".
        const p1 = c.uleb128();
        ownFile = p1 === 0 || p1 - 1 === sourceFileIdx;
        break;
      }
      default: {
        const adjusted = op - DBG_FIRST_SPECIAL;
        line += DBG_LINE_BASE + (adjusted % DBG_LINE_RANGE);
        pc += Math.floor(adjusted / DBG_LINE_RANGE);
        if (pc >= insnsSize) return out;
        out.push({ pc, line, ownFile });
      }
    }
    if (pc >= insnsSize) return out;
  }
  return out;
}

/**
 * The source line of the instruction at `pc` (the last position entry at or before it), or the
 * method's first line when `pc` is not given. Undefined when the table has no entry for it, the
 * entry is in another file, or the line is not a line (0 or negative).
 */
export function lineAt(table: readonly LinePosition[], pc?: number): number | undefined {
  let hit: LinePosition | undefined;
  if (pc === undefined) hit = table[0];
  else {
    for (const p of table) {
      if (p.pc > pc) break;
      hit = p;
    }
  }
  if (hit === undefined || !hit.ownFile || !(hit.line > 0)) return undefined;
  return hit.line;
}
