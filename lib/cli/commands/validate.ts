import { parseArgs } from 'node:util';
import { validateAgainstBase, validateRequests, type ValidationResult } from '../../pipeline';
import { GitReadError } from '../../request/git';
import { formatJson, formatText } from '../report';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export function validateCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, format: { type: 'string', default: 'text' }, base: { type: 'string' } },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const options = { requestsDir: values.requests, configFile: values.config };
  let diagnostics: ValidationResult['diagnostics'];
  try {
    ({ diagnostics } =
      values.base === undefined ? validateRequests(options) : validateAgainstBase(options, values.base));
  } catch (error) {
    if (error instanceof GitReadError) throw new UsageError(`--base ${values.base}: ${error.message}`);
    throw error;
  }
  output.stdout(format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT.invalid : EXIT.ok;
}
