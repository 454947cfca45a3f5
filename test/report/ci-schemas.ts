import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { REPO } from '../helpers/corpus.js';

/**
 * Validators for the CI formats, from the schema files in test/data (origin and licence in
 * test/data/README.md): GitLab's published SAST schema verbatim, and for Code Quality and
 * SonarQube (whose owners publish no JSON schema) schemas written from their documentation and,
 * for SonarQube, the scanner's own validator, whose cross-reference rules are checked here too.
 */
function compile(file: string): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(join(REPO, 'test/data', file), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ''}`));
}

export const validateSast = compile('gitlab-sast-report-format-15.2.1.json');
export const validateCodeQuality = compile('gitlab-codequality.schema.json');
const sonarSchema = compile('sonarqube-generic-issues.schema.json');

/** The schema, then what SonarQube's ExternalIssueReportValidator adds: unique rule ids, every issue's rule present. */
export function validateSonar(doc: unknown): string[] {
  const errors = sonarSchema(doc);
  if (errors.length > 0) return errors;
  const { rules, issues } = doc as { rules: { id: string }[]; issues: { ruleId: string }[] };
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) errors.push(`duplicate rule ID '${r.id}'`);
    ids.add(r.id);
  }
  for (const i of issues) if (!ids.has(i.ruleId)) errors.push(`rule with '${i.ruleId}' not present`);
  return errors;
}
