import { renderCheckRulesReference } from '../checks';
import { FILTER_POLICY_CODES } from '../filter-policy';
import { COMPARISON_CODES, MODEL_RULES, PLAN_RULES, type RuleMetadata } from '../model';
import { LOAD_CODES, SCHEMA_CODES } from '../request/codes';

/**
 * The README's rules reference, generated from the codes' own metadata so it cannot drift from
 * what the validator does.
 */
export function renderRulesReference(): string {
  const row = (code: string, severity: string, text: string): string =>
    `| \`${code}\` | ${severity} | ${text} |`;
  const header = ['| code | severity | what it reports |', '| --- | --- | --- |'];
  const sections = [
    '### Reading files',
    ...header,
    ...Object.entries(LOAD_CODES).map(([code, text]) => row(code, 'error', text)),
    '',
    '### Schema',
    ...header,
    ...Object.entries(SCHEMA_CODES).map(([code, text]) => row(code, 'error', text)),
    '',
    '### Cross-file rules',
    ...ruleTable(MODEL_RULES.filter((rule) => rule.code !== 'filter-policy')),
    '',
    '### Planned stacks',
    "Checked once the cross-file rules find no error, on every environment's stacks as both backends render them: the names and policies judged are the ones deployed.",
    '',
    ...ruleTable(PLAN_RULES),
    '',
    '### Compared with the base (`validate --base GIT_REF`)',
    ...header,
    ...Object.entries(COMPARISON_CODES).map(([code, text]) =>
      row(code, code === 'base-invalid' ? 'warning' : 'error', text),
    ),
    '',
    '### Filter policies',
    'Every subscription\'s complete filter policy (its `filter` with `events` folded in) is checked as SNS checks it (Amazon SNS Developer Guide, "Filter policy constraints").',
    '',
    ...header,
    ...Object.entries(FILTER_POLICY_CODES).map(([code, text]) =>
      row(code, code === 'filter-policy-number-precision' ? 'warning' : 'error', text),
    ),
  ];
  return `${sections.join('\n')}\n`;
}

function ruleTable(rules: readonly RuleMetadata[]): string[] {
  return [
    '| code | severity | what it requires | source |',
    '| --- | --- | --- | --- |',
    ...rules.map(
      (rule) => `| \`${rule.code}\` | ${rule.severity} | ${rule.summary} | ${rule.source ?? ''} |`,
    ),
  ];
}

/** The README with its generated sections (request rules, Terraform checks) replaced. */
export function withRulesReference(readme: string): string {
  return replaceSection(
    replaceSection(readme, 'rules', renderRulesReference()),
    'checks',
    renderCheckRulesReference(),
  );
}

function replaceSection(readme: string, name: string, content: string): string {
  const startMarker = `<!-- ${name}:start -->`;
  const endMarker = `<!-- ${name}:end -->`;
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start === -1 || end < start) throw new Error(`README has no ${startMarker} ... ${endMarker} section`);
  return `${readme.slice(0, start + startMarker.length)}\n${content}${readme.slice(end)}`;
}
