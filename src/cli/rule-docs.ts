import type { Check, ClauseDefinition as ClauseModule, EvidenceLevel } from '../engine/check.js';
import type { FindingVerdict, Localized } from '../model/index.js';

const VERDICT_TEXT: Record<FindingVerdict, { en: string; zh: string }> = {
  fail: { en: 'fail', zh: '不通过（fail）' },
  warn: { en: 'warn', zh: '警告（warn）' },
  review: { en: 'review (a person must decide)', zh: '待人工复核（review）' },
};

const EVIDENCE_TEXT: Record<EvidenceLevel, { en: string; zh: string }> = {
  declared: { en: 'E0, declared (manifest, resources, assets)', zh: 'E0，声明（清单、资源、assets）' },
  referenced: { en: 'E1, referenced in code (a call site exists)', zh: 'E1，代码中存在调用点' },
  reachable: { en: 'E2, reachable from a startup entry point before consent', zh: 'E2，可从启动入口在同意前到达' },
  flows: { en: 'E3, a value flows to where it matters (a log, a key)', zh: 'E3，数据流向关键位置（日志、密钥）' },
};

/** `{sdk:sdk}` → `<sdk>` (and the legacy `{{sdk}}`). */
function placeholdersAsNames(t: string): string {
  return t.replace(/\{\{(\w+)\}\}|\{(\w+)(?::\w+)?\}/g, (_w, a: string | undefined, b: string | undefined) => `<${a ?? b ?? ''}>`);
}

/**
 * docs/rules/<id>.md, generated from the check's own metadata so that the page and the
 * behaviour cannot drift apart (scripts/gen-rule-docs.mjs writes them; a test compares).
 */
export function renderRuleDoc(clause: ClauseModule, check: Check): string {
  const m = check.meta;
  const messages: Localized[] = Object.values(check.messages);
  const lines: string[] = [
    `# ${m.id}: ${m.title.en} / ${m.title.zh}`,
    '',
    `Clause ${clause.clause} · 承诺第${clause.clause}条: ${clause.pledge}`,
    '',
    `Verdicts: ${m.verdicts.map((v) => `${VERDICT_TEXT[v].en}${v === m.defaultVerdict ? ' (default)' : ''}`).join(', ')} · 结论：${m.verdicts.map((v) => `${VERDICT_TEXT[v].zh}${v === m.defaultVerdict ? '（默认）' : ''}`).join('、')}`,
    `Evidence level: ${EVIDENCE_TEXT[m.evidence].en} · 证据级别：${EVIDENCE_TEXT[m.evidence].zh}`,
    `Evidence needed: ${m.needs.join(', ')}`,
    '',
    '## What it looks for',
    '',
    ...messages.map((t) => `- ${placeholdersAsNames(t.en)}`),
    '',
    '## 检查内容',
    '',
    ...messages.map((t) => `- ${placeholdersAsNames(t.zh)}`),
    '',
    '## Why',
    '',
    m.docs.basis.en,
    '',
    '## 依据',
    '',
    m.docs.basis.zh,
    '',
    '## How to fix',
    '',
    m.docs.fix.en,
    '',
    '## 修复建议',
    '',
    m.docs.fix.zh,
    '',
  ];
  if (m.manualCheck !== undefined) {
    lines.push('## Manual check / 人工核查', '', m.manualCheck.en, '', m.manualCheck.zh, '');
  }
  lines.push(
    '## Suppressing / 抑制',
    '',
    'If the finding is intended (for example a disclosed feature), suppress it in `pledge-audit.config.json` with a written reason; an expiry date makes the suppression lapse:',
    '',
    '如确属预期（例如已告知的功能），可在 `pledge-audit.config.json` 中附书面理由抑制；设置到期日后抑制自动失效：',
    '',
    '```json',
    '{',
    '  "suppressions": [',
    `    { "check": "${m.id}", "reason": "<why this is acceptable / 为何可以接受>", "expires": "2027-06-30" }`,
    '  ]',
    '}',
    '```',
    '',
  );
  return lines.join('\n');
}
