import { describe, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import type { Lang } from '../../src/model/index.js';
import { REPORT_FORMATS, renderRecords, type ReportFormat } from '../../src/report/render.js';
import { REPO } from '../helpers/corpus.js';
import { expectGolden, fixtureRecord } from './helpers.js';

const EXT: Record<ReportFormat, string> = { text: 'txt', json: 'json', sarif: 'sarif', junit: 'junit.xml', markdown: 'md', html: 'html', codequality: 'codequality.json', 'gitlab-sast': 'gl-sast.json', sonarqube: 'sonarqube.json' };
/** GitLab SAST reports say when the scan ran; goldens pin it. */
const SCAN_TIME = { start: new Date('2026-01-02T03:04:05Z'), end: new Date('2026-01-02T03:04:06Z') };
const FIXTURES = ['demo-shop', 'manifest-risky'];

function render(format: ReportFormat, lang: Lang, record: Awaited<ReturnType<typeof fixtureRecord>>): string {
  return renderRecords([record], format, { lang, color: false, verbose: false, clauses: CLAUSES, cwd: REPO, docsBaseUrl: null, scanTime: SCAN_TIME });
}

describe('golden reports (UPDATE_GOLDEN=1 to accept a change)', () => {
  for (const name of FIXTURES) {
    for (const format of REPORT_FORMATS) {
      it(`${name} as ${format}`, async () => {
        expectGolden(`${name}.${EXT[format]}`, render(format, 'en', await fixtureRecord(name)));
      });
    }
  }
  // The Chinese report (messages, labels and titles) for the formats people read.
  for (const format of ['markdown', 'html', 'junit'] as const) {
    it(`demo-shop as ${format}, in Chinese`, async () => {
      expectGolden(`demo-shop.zh.${EXT[format]}`, render(format, 'zh', await fixtureRecord('demo-shop', { lang: 'zh' })));
    });
  }
});
