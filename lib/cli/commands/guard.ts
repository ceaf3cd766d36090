import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CheckInputError, guardPlans, type GuardedPlan } from '../../checks';
import { neutralize } from '../report';
import { EXIT, oneOf, type Output } from '../usage';

/**
 * `eventbus guard PLAN_JSON... [--format text|json] [--terraform-report FILE]`: the step between
 * `terraform plan` and `terraform apply`. Exit 1 when a plan deletes or replaces a queue, a topic
 * or a key, 0 otherwise, 2 when a plan cannot be read (nothing was proven, which CI must not
 * confuse with a refusal).
 */
export function guardCommand(args: readonly string[], output: Output): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      format: { type: 'string', default: 'text' },
      'terraform-report': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  let plans: GuardedPlan[];
  try {
    plans = guardPlans(positionals);
  } catch (error) {
    if (!(error instanceof CheckInputError)) throw error;
    output.stderr(`eventbus guard: ${neutralize(error.message)}\n`);
    return EXIT.usage;
  }
  if (values['terraform-report'] !== undefined) {
    fs.writeFileSync(values['terraform-report'], `${JSON.stringify(terraformReport(plans))}\n`);
  }
  output.stdout(format === 'json' ? formatJson(plans) : formatText(plans));
  return plans.some((plan) => plan.destructive.length > 0) ? EXIT.invalid : EXIT.ok;
}

/** GitLab's Terraform report (artifacts:reports:terraform): one plan's counts. Several plans add up. */
function terraformReport(plans: readonly GuardedPlan[]): { create: number; update: number; delete: number } {
  return plans.reduce(
    (sum, { counts }) => ({
      create: sum.create + counts.create,
      update: sum.update + counts.update,
      delete: sum.delete + counts.delete,
    }),
    { create: 0, update: 0, delete: 0 },
  );
}

function formatText(plans: readonly GuardedPlan[]): string {
  const destructive = plans.flatMap((plan) => plan.destructive);
  const lines = destructive.map(
    ({ file, address, action }) =>
      `${file} ${address} ${action === 'replace' ? 'would be destroyed and created again' : 'would be destroyed'}`,
  );
  lines.push(
    destructive.length === 0
      ? `${plans.length} plan${plans.length === 1 ? '' : 's'} checked: no queue, topic or key is destroyed or replaced`
      : `refused: ${destructive.length} protected resource${destructive.length === 1 ? '' : 's'} would be lost; retire them in the requests ("retired: true") so that Terraform forgets them instead`,
  );
  return `${lines.map(neutralize).join('\n')}\n`;
}

function formatJson(plans: readonly GuardedPlan[]): string {
  const destructive = plans.flatMap((plan) => plan.destructive);
  return `${JSON.stringify({ ok: destructive.length === 0, plans: plans.map(({ file, counts }) => ({ file, ...counts })), destructive }, null, 2)}\n`;
}
