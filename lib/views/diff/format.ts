import { compareStrings } from '../../diagnostics';
import { markdownCode } from '../markdown';
import type { BusDiff, Change } from './changes';

/** GitLab refuses notes over 1,000,000 characters; the rest of the budget stays for the footer. */
export const MARKDOWN_LIMIT = 1_000_000;
const MARKDOWN_BUDGET = MARKDOWN_LIMIT - 10_000;

/** Destructive changes listed by name above the tables. */
const DESTRUCTIVE_LISTED = 50;

/** Values longer than this are cut in tables and shown whole in the details. */
const CELL_LENGTH = 120;

/** The `diff --format json` document. */
export function formatDiffJson(diff: BusDiff, base: string): string {
  return `${JSON.stringify(
    {
      base,
      changes: diff.changes,
      stacks: diff.stacks.changed,
      removedStacks: diff.stacks.removed,
    },
    null,
    2,
  )}\n`;
}

export function formatDiffText(diff: BusDiff, base: string): string {
  const lines = [summary(diff, base)];
  for (const change of diff.changes) {
    lines.push(
      `${change.destructive ? 'DESTRUCTIVE ' : ''}${change.environment} ${change.team} ${change.kind} ${change.name}: ${describeChange(change)}`,
    );
  }
  if (diff.stacks.changed.length > 0) lines.push(`stacks to plan: ${diff.stacks.changed.join(', ')}`);
  if (diff.stacks.removed.length > 0) lines.push(`stacks gone: ${diff.stacks.removed.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A merge-request note: the summary, destructive changes called out first, a table per team,
 * and the stacks and full values folded away. Tables stop before GitLab's note limit, saying how
 * many changes the JSON report holds beyond them.
 */
export function formatDiffMarkdown(diff: BusDiff, base: string): string {
  const head = [`### ${summaryMarkdown(diff, base)}`, ''];
  const destructive = diff.changes.filter((change) => change.destructive);
  if (destructive.length > 0) {
    head.push(
      `> **Destructive:** Terraform would destroy or replace what ${destructive.length === 1 ? 'this change holds' : `these ${destructive.length} changes hold`} (messages, subscribers, keys); mark entries that leave the bus \`retired: true\` instead.`,
      '',
      ...acrossEnvironments(destructive)
        .slice(0, DESTRUCTIVE_LISTED)
        .map(
          ({ change, environments }) =>
            `- ${environments} ${markdownCode(change.team)} ${change.kind} ${markdownCode(change.name)}: ${describeChangeMarkdown(change)}`,
        ),
      ...(acrossEnvironments(destructive).length > DESTRUCTIVE_LISTED
        ? [`- … and more, in the tables below`]
        : []),
      '',
    );
  }
  const sections = byTeam(diff.changes).map(([team, changes]) => ({
    changes: changes.length,
    lines: [
      `#### Team ${markdownCode(team)}`,
      '',
      '| | Environments | Kind | Name | Change |',
      '| --- | --- | --- | --- | --- |',
      ...acrossEnvironments(changes).map(
        ({ change, environments }) =>
          `| ${change.destructive ? '⚠️ destructive' : ''} | ${environments} | ${change.kind} | ${markdownCode(change.name)} | ${describeChangeMarkdown(change)} |`,
      ),
      '',
    ],
  }));
  const details = detailsOf(diff);
  const parts = [head.join('\n')];
  let length = parts[0]?.length ?? 0;
  for (const [index, section] of sections.entries()) {
    const text = section.lines.join('\n');
    if (length + text.length + details.length > MARKDOWN_BUDGET) {
      const rest = sections.slice(index).reduce((sum, { changes }) => sum + changes, 0);
      parts.push(`… and ${rest} more changes: see \`eventbus diff --format json\`.\n`);
      break;
    }
    parts.push(text);
    length += text.length;
  }
  if (details.length + length <= MARKDOWN_BUDGET) parts.push(details);
  return `${parts.join('\n')}\n`;
}

function summary(diff: BusDiff, base: string): string {
  if (diff.changes.length === 0 && diff.stacks.changed.length === 0 && diff.stacks.removed.length === 0) {
    return `eventbus diff against ${base}: no changes`;
  }
  const destructive = diff.changes.filter((change) => change.destructive).length;
  const teams = new Set(diff.changes.map((change) => change.team)).size;
  return `eventbus diff against ${base}: ${count(diff.changes.length, 'change')} (${destructive} destructive) in ${count(teams, 'team')}, ${count(diff.stacks.changed.length, 'stack')} to plan`;
}

function describeChange(change: Change): string {
  switch (change.action) {
    case 'add':
      if (change.kind === 'grant') return `grant ${change.field} ${change.after ?? ''}`;
      return change.after === undefined ? 'added' : `added as ${change.after}`;
    case 'remove':
      if (change.kind === 'grant') return `revoke ${change.field} ${change.before ?? ''}`;
      return change.before === undefined ? 'removed' : `removed: ${change.before}`;
    case 'replace':
      return `replaced: ${change.before ?? ''} -> ${change.after ?? ''}`;
    case 'retire':
      return 'retired: Terraform forgets it, AWS keeps it';
    case 'change':
      return `${change.field ?? ''}: ${change.before ?? 'unset'} -> ${change.after ?? 'unset'}`;
  }
}

/**
 * Changes that are the same in several environments, as one row naming them all: a reviewer
 * reads a setting changed everywhere once. Each row keeps the place of its first change.
 */
function acrossEnvironments(changes: readonly Change[]): { change: Change; environments: string }[] {
  const rows = new Map<string, { change: Change; environments: string[] }>();
  for (const change of changes) {
    const key = JSON.stringify({ ...change, environment: undefined });
    const row = rows.get(key);
    if (row) row.environments.push(change.environment);
    else rows.set(key, { change, environments: [change.environment] });
  }
  return [...rows.values()].map(({ change, environments }) => ({
    change,
    environments: environments.map(markdownCode).join(', '),
  }));
}

/** Teams with destructive changes first, then by name; each team's changes keep their order. */
function byTeam(changes: readonly Change[]): [string, Change[]][] {
  const teams = new Map<string, Change[]>();
  for (const change of changes) {
    const list = teams.get(change.team) ?? [];
    list.push(change);
    teams.set(change.team, list);
  }
  const destructive = (list: readonly Change[]): number => Number(list.some((change) => change.destructive));
  return [...teams.entries()].sort(
    ([a, first], [b, second]) => destructive(second) - destructive(first) || compareStrings(a, b),
  );
}

/** The change in a table cell: our words as text, the request's values as code. */
function describeChangeMarkdown(change: Change): string {
  const value = (text: string | undefined): string =>
    text === undefined ? 'unset' : markdownCode(cut(text));
  switch (change.action) {
    case 'add':
      if (change.kind === 'grant') return `grant ${change.field ?? ''} ${value(change.after)}`;
      return change.after === undefined ? 'added' : `added as ${value(change.after)}`;
    case 'remove':
      if (change.kind === 'grant') return `revoke ${change.field ?? ''} ${value(change.before)}`;
      return change.before === undefined ? 'removed' : `removed: ${value(change.before)}`;
    case 'replace':
      return `replaced: ${value(change.before)} → ${value(change.after)}`;
    case 'retire':
      return 'retired: Terraform forgets it, AWS keeps it';
    case 'change':
      return `${change.field ?? ''}: ${value(change.before)} → ${value(change.after)}`;
  }
}

function summaryMarkdown(diff: BusDiff, base: string): string {
  return summary(diff, '\u0000').replace('\u0000', markdownCode(base));
}

/** Values cut for a table cell; the details show them whole. */
function cut(text: string): string {
  return text.length <= CELL_LENGTH ? text : `${text.slice(0, CELL_LENGTH - 1)}…`;
}

function isCut(change: Change): boolean {
  return [change.before, change.after].some((text) => text !== undefined && text.length > CELL_LENGTH);
}

function detailsOf(diff: BusDiff): string {
  const long = diff.changes.filter(isCut);
  const lines = [
    '<details><summary>Stacks to plan and values in full</summary>',
    '',
    `Stacks to plan (${diff.stacks.changed.length}):`,
    '',
    ...diff.stacks.changed.map((stack) => `- ${markdownCode(stack)}`),
    ...(diff.stacks.removed.length > 0
      ? [
          '',
          'Stacks no longer requested:',
          '',
          ...diff.stacks.removed.map((stack) => `- ${markdownCode(stack)}`),
        ]
      : []),
    ...long.flatMap((change) => [
      '',
      `${markdownCode(change.environment)} ${markdownCode(change.team)} ${change.kind} ${markdownCode(change.name)} ${change.field ?? ''}:`,
      '',
      ...(change.before === undefined ? [] : [`- before: ${markdownCode(change.before)}`]),
      ...(change.after === undefined ? [] : [`- after: ${markdownCode(change.after)}`]),
    ]),
    '',
    '</details>',
  ];
  return `${lines.join('\n')}\n`;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}
