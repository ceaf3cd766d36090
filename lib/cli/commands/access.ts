import { parseArgs } from 'node:util';
import { planStacks } from '../../model';
import { formatAccessText, listAccess } from '../../views/access';
import { validModelOrReport } from '../valid-model';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export function accessCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      topic: { type: 'string' },
      queue: { type: 'string' },
      principal: { type: 'string' },
      env: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const selectors = [values.topic, values.queue, values.principal].filter((value) => value !== undefined);
  if (selectors.length > 1) throw new UsageError('give at most one of --topic, --queue and --principal');
  const model = validModelOrReport(values, output);
  if (!model) return EXIT.invalid;
  if (values.env !== undefined)
    oneOf(
      'env',
      values.env,
      model.platform.environments.map((environment) => environment.name),
    );
  const entries = listAccess(planStacks(model), {
    ...(values.topic === undefined ? {} : { topic: values.topic }),
    ...(values.queue === undefined ? {} : { queue: values.queue }),
    ...(values.principal === undefined ? {} : { principal: values.principal }),
    ...(values.env === undefined ? {} : { environment: values.env }),
  });
  output.stdout(format === 'json' ? `${JSON.stringify({ entries }, null, 2)}\n` : formatAccessText(entries));
  return EXIT.ok;
}
