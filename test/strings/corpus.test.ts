import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { loadFacts } from '../../src/facts/load.js';
import { buildStringIndex, MAX_CHECKED_TOGGLES, MAX_DOCUMENTS, MAX_DOCUMENT_CHARS, MAX_HITS_PER_GROUP, MAX_VALUES_PER_KIND } from '../../src/facts/strings/index.js';
import { lexiconGroups } from '../../src/facts/strings/lexicon.js';
import { inspectNativeLibs } from '../../src/native/index.js';
import { isPledgeError } from '../../src/util/errors.js';
import { corpusFiles, hasCorpus } from '../helpers/corpus.js';

/**
 * Every corpus APK: the index is built or a PledgeError is thrown — nothing else — and what it
 * holds stays within its bounds. The corpus is read in place.
 */
describe.skipIf(!hasCorpus())('string index over the corpus', () => {
  const files = corpusFiles('apk');
  const summary = { apps: 0, loaded: 0, withPolicy: 0, withUrls: 0, truncated: 0, errors: 0 };

  for (const file of files) {
    it(basename(file), async () => {
      summary.apps++;
      let facts: AppFacts;
      try {
        facts = await loadFacts(file, { needs: new Set(['dex']) });
      } catch (e) {
        // Inputs loadFacts refuses are other suites' business.
        expect(isPledgeError(e), String(e)).toBe(true);
        return;
      }
      try {
        summary.loaded++;
        let idx;
        try {
          idx = buildStringIndex(facts);
        } catch (e) {
          expect(isPledgeError(e), `${String(e)}\n${(e as Error).stack ?? ''}`).toBe(true);
          summary.errors++;
          return;
        }
        for (const g of lexiconGroups()) {
          const hits = idx.hits(g);
          expect(hits.length).toBeLessThanOrEqual(MAX_HITS_PER_GROUP);
          expect(idx.has(g)).toBe(hits.length > 0);
          for (const h of hits) {
            expect(h.group).toBe(g);
            expect(h.snippet.length).toBeLessThanOrEqual(124);
          }
        }
        for (const list of [idx.urls(), idx.emails(), idx.phones()]) expect(list.length).toBeLessThanOrEqual(MAX_VALUES_PER_KIND);
        expect(idx.checkedToggles().length).toBeLessThanOrEqual(MAX_CHECKED_TOGGLES);
        expect(idx.bundledDocuments().length).toBeLessThanOrEqual(MAX_DOCUMENTS);
        for (const d of idx.bundledDocuments()) expect(d.text.length).toBeLessThanOrEqual(MAX_DOCUMENT_CHARS);
        if (facts.zip !== undefined) {
          const libs = inspectNativeLibs(facts.zip, facts.diagnostics);
          for (const l of libs) if (l.elf !== undefined) expect([32, 64]).toContain(l.elf.class);
        }
        if (idx.has('POLICY')) summary.withPolicy++;
        if (idx.urls().length > 0) summary.withUrls++;
        if (idx.stats.truncated) summary.truncated++;
      } finally {
        facts.close();
      }
    });
  }

  it('indexed the corpus', () => {
    expect(summary.apps).toBe(files.length);
    expect(summary.loaded).toBeGreaterThan(files.length / 2);
    expect(summary.errors).toBe(0);
    expect(summary.withUrls).toBeGreaterThan(10);
  });
});
