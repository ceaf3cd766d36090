import { parseArgs } from 'node:util';
import { validateRequests } from '../../pipeline';
import { formatJson, formatText } from '../report';
import { EXIT, oneOf, SOURCE_OPTIONS, type Output } from '../usage';

export function validateCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, format: { type: 'string', default: 'text' } },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const { diagnostics } = validateRequests({ requestsDir: values.requests, configFile: values.config });
  output.stdout(format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT.invalid : EXIT.ok;
}
