import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../helpers/imports.js';
import { REPO } from '../helpers/corpus.js';

describe('module layering', () => {
  const graph = importGraph(REPO, ['src', 'rules']);

  it('has no import cycle over src/ and rules/ (type imports included)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('the cycle finder finds cycles', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cycles(g).map((c) => c.join(','))).toEqual(expect.arrayContaining(['a,b,c', 'd']));
    expect(cycles(g)).toHaveLength(2);
  });

  it('src/model imports nothing of ours; rules/ reads facts and helpers, never decoders, the archive or reporters', () => {
    for (const [file, deps] of graph) {
      if (file.startsWith('src/model/')) for (const d of deps) expect(d.startsWith('src/model/'), `${file} → ${d}`).toBe(true);
      if (file.startsWith('rules/')) for (const d of deps) expect(/^src\/(report|dex|sign|apk|arsc|axml|cli|batch|config|i18n)\//.test(d), `${file} → ${d}`).toBe(false);
    }
  });
});
