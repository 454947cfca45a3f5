import type { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';

export const CODE_ITEM_HEADER_SIZE = 16;

/** code_item (the standard, non-compact layout of every DEX version 035–041). */
export interface CodeItem {
  /** Offset of the code_item in the buffer. */
  offset: number;
  /** 0x00 registers_size: registers the method uses. */
  registersSize: number;
  /** 0x02 ins_size: words of incoming arguments (the last registers). */
  insSize: number;
  /** 0x04 outs_size: words of outgoing argument space for invocations. */
  outsSize: number;
  /** 0x06 tries_size: try_items after the instructions. */
  triesSize: number;
  /** 0x08 debug_info_off: debug_info_item, or 0. */
  debugInfoOff: number;
  /** 0x0c insns_size: length of the instruction stream in 16-bit code units. */
  insnsSize: number;
  /** Byte offset of insns (offset + 0x10); always even, as code items are 4-aligned. */
  insnsOff: number;
}

/**
 * Reads the code_item at `at`. The item must be 4-aligned (the format requires it, and the
 * 16-bit instruction view relies on it) and its instructions must lie inside the cursor's window.
 */
export function readCodeItem(c: ByteCursor, at: number): CodeItem {
  if ((at & 3) !== 0) {
    throw new PledgeError('E_DEX_OUT_OF_BOUNDS', `code_item at 0x${at.toString(16)} is not 4-byte aligned`, { entry: c.entry, offset: at });
  }
  c.need(at, CODE_ITEM_HEADER_SIZE, 'code_item');
  const insnsSize = c.u32At(at + 0x0c);
  const insnsOff = at + CODE_ITEM_HEADER_SIZE;
  if (insnsSize > (c.end - insnsOff) / 2) {
    throw new PledgeError('E_DEX_OUT_OF_BOUNDS', `code_item at 0x${at.toString(16)} declares ${insnsSize} code units, past the end of the file`, {
      entry: c.entry,
      offset: at,
    });
  }
  return {
    offset: at,
    registersSize: c.u16At(at),
    insSize: c.u16At(at + 0x02),
    outsSize: c.u16At(at + 0x04),
    triesSize: c.u16At(at + 0x06),
    debugInfoOff: c.u32At(at + 0x08),
    insnsSize,
    insnsOff,
  };
}
