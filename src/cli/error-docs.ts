import { DIAGNOSTIC_CODES } from '../util/diagnostics.js';
import { ERROR_CODES } from '../util/errors.js';

/** docs/errors.md, generated from the code tables so that the documented codes are the real ones. */
export function renderErrorDocs(): string {
  const lines = [
    '# Error and diagnostic codes',
    '',
    'Generated from `src/util/errors.ts` and `src/util/diagnostics.ts` by `npm run docs`. Codes are stable: scripts, CI gates and batch stores may key on them.',
    '',
    '## Errors (`E_…`)',
    '',
    'An input that cannot be analysed gets one of these, printed as one line (`pledge-audit: E_CODE entry@0xOFFSET: message`) and recorded in JSON as `{"status":"error","error":{"code":…}}`. `E_USAGE` and `E_CONFIG` exit with status 2; every other code exits with status 3.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...Object.entries(ERROR_CODES).map(([k, v]) => `| \`${k}\` | ${v} |`),
    '',
    '## Diagnostics (`W_…`)',
    '',
    "Anomalies Android tolerates. The app is still audited; the report lists each diagnostic because packers and droppers produce them on purpose.",
    '',
    '| code | meaning |',
    '|---|---|',
    ...Object.entries(DIAGNOSTIC_CODES).map(([k, v]) => `| \`${k}\` | ${v} |`),
    '',
  ];
  return lines.join('\n');
}
