import { parseArgs } from 'node:util';
import { formatKey, planStacks, type EventBusModel } from '../../model';
import { didYouMean } from '../../request/suggest';
import { formatAccessText, formatReceiversText, listAccess, listReceivers } from '../../views/access';
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
  if (values.topic !== undefined) mustExist('topic', values.topic, topicsOf(model));
  if (values.queue !== undefined) mustExist('queue', values.queue, queuesOf(model));
  const plans = planStacks(model);
  const entries = listAccess(plans, {
    ...(values.topic === undefined ? {} : { topic: values.topic }),
    ...(values.queue === undefined ? {} : { queue: values.queue }),
    ...(values.principal === undefined ? {} : { principal: values.principal }),
    ...(values.env === undefined ? {} : { environment: values.env }),
  });
  const receivers = values.topic === undefined ? undefined : listReceivers(plans, values.topic, values.env);
  if (format === 'json') {
    output.stdout(`${JSON.stringify(receivers ? { entries, receivers } : { entries }, null, 2)}\n`);
  } else {
    const text = formatAccessText(entries);
    output.stdout(
      receivers && values.topic ? `${text}\n${formatReceiversText(values.topic, receivers)}` : text,
    );
  }
  return EXIT.ok;
}

function topicsOf(model: EventBusModel): string[] {
  return model.teams.flatMap((team) => team.topics.map((topic) => formatKey(topic.key)));
}

function queuesOf(model: EventBusModel): string[] {
  return model.teams.flatMap((team) => team.queues.map((queue) => formatKey(queue.key)));
}

/** An unknown name is most likely a typo: say so, as route does, instead of "no access granted". */
function mustExist(kind: 'topic' | 'queue', name: string, known: readonly string[]): void {
  if (known.includes(name)) return;
  const suggestion = didYouMean(name, known);
  throw new UsageError(`no ${kind} "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
}
