import { LIMITS_ZH, UNIT_ZH } from '../i18n/limits.js';
import { LIMIT_IDS, LIMITS, type LimitId, type LimitSpec } from '../util/limits.js';

/** 512 MiB, 1.5 GiB, 4,000,000: a default as a person reads it. */
export function formatLimitValue(spec: Pick<LimitSpec, 'value' | 'unit'>): string {
  const v = spec.value;
  if (spec.unit === 'bytes') {
    for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
      if (v >= size) {
        const n = v / size;
        // 2 GiB − 1 byte is the input limit: say so rather than round it.
        return Number.isInteger(n) ? `${n} ${unit}` : Number.isInteger(Math.round(n * 10) / 10) && Math.abs(Math.round(n) * size - v) === 1 ? `${Math.round(n)} ${unit} − 1` : `${(Math.round(n * 10) / 10).toString()} ${unit}`;
      }
    }
  }
  if (spec.unit === 'ratio') return `${v}:1`;
  return v.toLocaleString('en-US');
}

function override(id: LimitId): string {
  const spec: LimitSpec = LIMITS[id];
  const parts: string[] = [];
  if (spec.flag !== undefined) parts.push(`\`${spec.flag}\``);
  if (spec.api === true) parts.push(`\`limits.${id}\` (API)`);
  return parts.length === 0 ? '—' : parts.join(', ');
}

/** docs/limits.md, generated from src/util/limits.ts and src/i18n/limits.ts; a test keeps it current. */
export function renderLimitsDoc(): string {
  const rows = LIMIT_IDS.map((id) => {
    const spec: LimitSpec = LIMITS[id];
    const zh = LIMITS_ZH[id];
    const code = spec.code === null ? '— (nothing lost)' : `\`${spec.code}\``;
    return `| \`${id}\` | ${formatLimitValue(spec)} | ${spec.unit} / ${UNIT_ZH[spec.unit]} | ${override(id)} | ${code} | ${spec.what}: ${spec.why} | ${zh.what}：${zh.why} |`;
  });
  return [
    '# Limits / 上限',
    '',
    'Generated from `src/util/limits.ts` (values, codes, English) and `src/i18n/limits.ts` (Chinese) by `npm run docs`; a test fails when this page and the code differ.',
    '',
    'Every size, count, depth, time and memory bound pledge-audit applies. A limit that stops the analysis of an app is an error (`E_…`, exit status 3, one line on stderr). A limit that stops one read is a diagnostic (`W_…`) in the report: the rest of the app is analysed, and the diagnostic says what was cut. Bounds marked "nothing lost" defer work or give the conservative answer. Codes are explained in [errors.md](errors.md).',
    '',
    '本页列出 pledge-audit 施加的全部大小、数量、深度、时间和内存上限。使应用无法分析的上限报告错误（`E_…`，退出码 3，在 stderr 输出一行）；只截断某一次读取的上限在报告中记为诊断（`W_…`）：应用的其余部分照常分析，诊断说明截断了什么。标为“nothing lost”的上限只推迟工作或给出保守结论，不丢失内容。各代码的含义见 [errors.md](errors.md)。',
    '',
    'Overrides / 调整方式: `pledge-audit <apk> --max-entry-size 1GiB --timeout 600 --memory 4096` (also for `scan`); a library caller passes `audit(path, { limits: { maxEntryBytes: … } })` for the limits marked API. `--timeout 0` analyses in-process without a time or memory limit.',
    '',
    '| limit | default | unit / 单位 | override | code | what and why | 含义与原因 |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
