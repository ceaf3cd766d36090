import { parseArgs } from 'node:util';
import type { FilterMessage } from '../../filter-policy';
import { formatKey, parseTopicReference } from '../../model';
import { didYouMean } from '../../request/suggest';
import { formatRouteText, routeEvent } from '../../views/route';
import { parseAttributes, readInputFile } from '../message-input';
import { validModelOrReport } from '../valid-model';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export function routeCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      topic: { type: 'string' },
      attributes: { type: 'string' },
      'attributes-file': { type: 'string' },
      body: { type: 'string' },
      env: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  if (values.topic === undefined || !values.topic.includes('/')) {
    throw new UsageError('--topic TEAM/TOPIC is required');
  }
  if (values.attributes !== undefined && values['attributes-file'] !== undefined) {
    throw new UsageError('give --attributes or --attributes-file, not both');
  }
  const message = readMessage(values);

  const model = validModelOrReport(values, output);
  if (!model) return EXIT.invalid;
  const topic = parseTopicReference(values.topic, '');
  const known = model.teams.flatMap((team) => team.topics.map((candidate) => formatKey(candidate.key)));
  if (!known.includes(formatKey(topic))) {
    const suggestion = didYouMean(formatKey(topic), known);
    throw new UsageError(`no topic "${values.topic}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  }
  const environments = model.platform.environments.map((environment) => environment.name);
  if (values.env !== undefined) oneOf('env', values.env, environments);

  const result = routeEvent(model, topic, message, values.env);
  output.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatRouteText(result));
  return EXIT.ok;
}

function readMessage(values: {
  attributes?: string;
  'attributes-file'?: string;
  body?: string;
}): FilterMessage {
  const attributesText =
    values.attributes ??
    (values['attributes-file'] === undefined
      ? undefined
      : readInputFile(values['attributes-file'], 'attributes-file'));
  return {
    ...(attributesText === undefined
      ? {}
      : {
          attributes: parseAttributes(
            attributesText,
            values.attributes === undefined ? '--attributes-file' : '--attributes',
          ),
        }),
    ...(values.body === undefined ? {} : { body: readInputFile(values.body, 'body') }),
  };
}
