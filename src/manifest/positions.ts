/**
 * Where each element and attribute of a plain-text XML document starts (line and column, both
 * 1-based; columns count UTF-16 code units, as editors and SARIF's default do). fast-xml-parser
 * gives no positions, so this small scanner walks the same text once: start tags in document
 * order, skipping comments, CDATA, processing instructions and the DOCTYPE. It does not validate:
 * it runs on text the parser has accepted, and its results are matched to the parser's tree by
 * element order and name (src/manifest/text.ts), so a disagreement leaves a position out rather
 * than giving a wrong one.
 */

export interface TextPosition {
  line: number;
  column: number;
}

export interface AttributePosition extends TextPosition {
  /** The qualified name as written (`android:name`). */
  name: string;
}

export interface ElementPosition extends TextPosition {
  /** The qualified name as written (`uses-permission`, `dist:module`). */
  name: string;
  /** Nesting depth: 0 for a root. */
  depth: number;
  attrs: AttributePosition[];
}

/** XML name characters, by code unit (non-ASCII letters all count, as the parser accepts them). */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Every start tag of `text` in document order, with its attributes' positions. */
export function elementPositions(text: string): ElementPosition[] {
  const out: ElementPosition[] = [];
  // Line starts, so that an offset becomes a line and a column by binary search.
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const at = (offset: number): TextPosition => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = skipPast(text, lt + 4, '-->');
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      i = skipPast(text, lt + 9, ']]>');
      continue;
    }
    if (text.startsWith('<?', lt)) {
      i = skipPast(text, lt + 2, '?>');
      continue;
    }
    if (text.startsWith('<!', lt)) {
      i = skipDeclaration(text, lt + 2);
      continue;
    }
    if (text[lt + 1] === '/') {
      i = skipPast(text, lt + 2, '>');
      depth = Math.max(0, depth - 1);
      continue;
    }
    // A start tag: its name, then attributes up to `>` or `/>`; quoted values may hold `>`.
    let j = lt + 1;
    if (!isNameStart(text.charCodeAt(j))) {
      i = lt + 1;
      continue;
    }
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    const el: ElementPosition = { name: text.slice(lt + 1, j), depth, ...at(lt), attrs: [] };
    let selfClosing = false;
    for (;;) {
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (j >= text.length) break;
      if (text[j] === '>') {
        j++;
        break;
      }
      if (text.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
      if (j === nameStart) {
        j++;
        continue;
      }
      const name = text.slice(nameStart, j);
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (text[j] === '=') {
        j++;
        while (j < text.length && isSpace(text.charCodeAt(j))) j++;
        const q = text[j];
        if (q === '"' || q === "'") {
          const end = text.indexOf(q, j + 1);
          j = end < 0 ? text.length : end + 1;
        }
      }
      el.attrs.push({ name, ...at(nameStart) });
    }
    out.push(el);
    if (!selfClosing) depth++;
    i = j;
  }
  return out;
}

function skipPast(text: string, from: number, end: string): number {
  const k = text.indexOf(end, from);
  return k < 0 ? text.length : k + end.length;
}

/** `<!DOCTYPE …>` with an optional internal subset in brackets. */
function skipDeclaration(text: string, from: number): number {
  let j = from;
  let inSubset = false;
  while (j < text.length) {
    const ch = text[j];
    if (ch === '[') inSubset = true;
    else if (ch === ']') inSubset = false;
    else if (ch === '>' && !inSubset) return j + 1;
    else if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, j + 1);
      if (end < 0) return text.length;
      j = end;
    }
    j++;
  }
  return text.length;
}
