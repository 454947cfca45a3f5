import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { REPO } from '../helpers/corpus.js';

/**
 * The official SARIF 2.1.0 schema (test/data, vendored verbatim) compiled with ajv. The file is
 * draft-04, which ajv 8 reads once its top-level `id` is given as `$id` and the draft-04
 * meta-schema reference is dropped; nothing else in it is draft-04 specific. Its three formats
 * are checked for real rather than ignored.
 */
export function sarifValidator(): (doc: unknown) => ErrorObject[] {
  const raw = JSON.parse(readFileSync(join(REPO, 'test/data/sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = raw;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexes accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\u0000-\u001f\u007f-\uffff]/.test(s) && URL.canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  const validate = ajv.compile({ $id: id as string, ...rest });
  return (doc) => (validate(doc) ? [] : [...(validate.errors ?? [])]);
}

interface SarifLocation {
  physicalLocation?: { artifactLocation?: { uri?: string } };
  logicalLocations?: { fullyQualifiedName?: string; kind?: string }[];
}

export interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription: { text: string }; defaultConfiguration?: { level: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; descriptor?: { id: string }; message: { text: string } }[] }[];
    artifacts: { location: { uri: string } }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: SarifLocation[];
      partialFingerprints: Record<string, string>;
      codeFlows?: { threadFlows: { locations: { location: SarifLocation }[] }[] }[];
      suppressions?: { kind: string; justification?: string }[];
      baselineState?: string;
      properties: { clause: number; verdict: string };
    }[];
  }[];
}

/** What GitHub code scanning additionally requires of an upload. */
export function githubProblems(log: SarifLog): string[] {
  const problems: string[] = [];
  if (log.runs.length !== 1) problems.push(`${log.runs.length} runs of one tool in one file`);
  for (const run of log.runs) {
    for (const [i, r] of run.results.entries()) {
      const locations = (r.locations as SarifLocation[] | undefined) ?? [];
      if (!locations.some((l) => typeof l.physicalLocation?.artifactLocation?.uri === 'string' && l.physicalLocation.artifactLocation.uri !== '')) problems.push(`result ${i} has no physical location`);
      if (locations.length > 10) problems.push(`result ${i} has ${locations.length} locations`);
      if (run.tool.driver.rules[r.ruleIndex]?.id !== r.ruleId) problems.push(`result ${i}: ruleIndex ${r.ruleIndex} is not ${r.ruleId}`);
      if (Object.keys(r.partialFingerprints).length === 0) problems.push(`result ${i} has no partialFingerprints`);
    }
  }
  return problems;
}
