import { RULE_PACK } from './pack';

/**
 * The README's table of Terraform checks, generated from the rules' own metadata so it cannot
 * drift from what `eventbus check` does.
 */
export function renderCheckRulesReference(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = RULE_PACK.map(
    (rule) =>
      `| \`${rule.id}\` | ${rule.severity} | ${cell(rule.description)} | ${cell(rule.fix)} | ${cell(rule.mirrors)} |`,
  );
  return [
    '| id | severity | what it requires | how to fix | mirrors |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
