import { DIAGNOSTIC_CODES_ZH, ERROR_CODES_ZH } from '../i18n/errors.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../util/diagnostics.js';
import { ERROR_CODES, type ErrorCode } from '../util/errors.js';

/** docs/errors.md, generated from the code tables so that the documented codes are the real ones. */
export function renderErrorDocs(): string {
  const lines = [
    '# Error and diagnostic codes',
    '',
    'Generated from `src/util/errors.ts` and `src/util/diagnostics.ts` by `npm run docs`. Codes are stable: scripts, CI gates and batch stores may key on them.',
    '',
    'Every limit (`E_LIMIT_…`, `W_LIMIT_…`, `E_TIMEOUT`, `E_MEMORY` and the others), with its default, unit, override and reason, is in [limits.md](limits.md). 每个上限的默认值、单位、调整方式和原因见 [limits.md](limits.md)。',
    '',
    '## Errors (`E_…`)',
    '',
    'An input that cannot be analysed gets one of these, printed on stderr as one line (`pledge-audit: E_CODE file entry@0xOFFSET: message`; under `--lang zh` the message is the Chinese meaning followed by the technical detail) and recorded in JSON as `{"status":"error","error":{"code":…}}`. `E_USAGE`, `E_CONFIG`, the `E_POLICY_…` codes of `--policy`, `E_OUTPUT_UNWRITABLE`, `E_BATCH_UNAVAILABLE` and `E_INPUT_NOT_FOUND` exit with status 2 in every command (a mistyped path is a mistake of the command line); every other code exits with status 3. `E_INTERNAL` is a bug in pledge-audit: run again with `--debug` to see the stack.',
    '',
    '| code | meaning | 含义 |',
    '|---|---|---|',
    ...Object.entries(ERROR_CODES).map(([k, v]) => `| \`${k}\` | ${v} | ${ERROR_CODES_ZH[k as ErrorCode]} |`),
    '',
    '## Diagnostics (`W_…`)',
    '',
    "Anomalies Android tolerates. The app is still audited; the report lists each diagnostic because packers and droppers produce them on purpose.",
    '',
    '| code | meaning | 含义 |',
    '|---|---|---|',
    ...Object.entries(DIAGNOSTIC_CODES).map(([k, v]) => `| \`${k}\` | ${v} | ${DIAGNOSTIC_CODES_ZH[k as DiagnosticCode]} |`),
    '',
  ];
  return lines.join('\n');
}
