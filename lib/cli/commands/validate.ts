import { parseArgs } from 'node:util';
import { hasErrors } from '../../diagnostics';
import { validateAgainstBase, validateRequests, type ValidationResult } from '../../pipeline';
import { GitReadError } from '../../request/git';
import { formatCodeQuality } from '../code-quality';
import { formatJunit } from '../junit';
import { formatJson, formatText } from '../report';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

/** Each report reads the whole result: the JUnit report lists the files without problems too. */
const REPORTS = {
  text: ({ diagnostics }) => formatText(diagnostics),
  json: ({ diagnostics }) => formatJson(diagnostics),
  gitlab: ({ diagnostics }) => formatCodeQuality(diagnostics),
  junit: ({ diagnostics, files }) => formatJunit(diagnostics, files),
} as const satisfies Record<string, (result: ValidationResult) => string>;

const FORMATS = Object.keys(REPORTS) as (keyof typeof REPORTS)[];

export function validateCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, format: { type: 'string', default: 'text' }, base: { type: 'string' } },
    strict: true,
  });
  const format = oneOf('format', values.format, FORMATS);
  const options = { requestsDir: values.requests, configFile: values.config };
  let result: ValidationResult;
  try {
    // Reports read the diagnostics and files only: the stacks need not be kept once judged.
    result =
      values.base === undefined
        ? validateRequests(options, { keepPlans: false })
        : validateAgainstBase(options, values.base);
  } catch (error) {
    if (error instanceof GitReadError) throw new UsageError(`--base ${values.base}: ${error.message}`);
    throw error;
  }
  output.stdout(REPORTS[format](result));
  return hasErrors(result.diagnostics) ? EXIT.invalid : EXIT.ok;
}
