import { parseArgs } from 'node:util';
import { selectStacks } from '../stack-selection';
import { EXIT, oneOf, SOURCE_OPTIONS, type Output } from '../usage';

export async function stacksCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      'changed-since': { type: 'string' },
      env: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const selection = await selectStacks(values, output);
  if (!selection) return EXIT.invalid;
  const { plans, removed, base } = selection;
  if (format === 'json') {
    const stacks = plans.map((plan) => ({
      name: plan.name,
      environment: plan.environment.name,
      team: plan.team.name,
      layer: plan.layer,
      dependsOn: plan.dependsOn,
    }));
    output.stdout(
      `${JSON.stringify({ ...(base === undefined ? {} : { base }), stacks, removed }, null, 2)}\n`,
    );
  } else {
    output.stdout(plans.map((plan) => `${plan.name}\n`).join(''));
  }
  return EXIT.ok;
}
