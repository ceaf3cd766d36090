import { parseArgs } from 'node:util';
import { diffRequests, formatDiffJson, formatDiffMarkdown, formatDiffText } from '../../views/diff';
import { compareWithBaseOrReport } from '../base-comparison';
import { neutralize } from '../report';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export function diffCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, base: { type: 'string' }, format: { type: 'string', default: 'text' } },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'markdown', 'json'] as const);
  if (values.base === undefined) throw new UsageError('--base GIT_REF is required');
  const sides = compareWithBaseOrReport(values, '--base', values.base, output);
  if (!sides) return EXIT.invalid;
  const diff = diffRequests(sides.base, sides.current);
  if (format === 'json') output.stdout(formatDiffJson(diff, values.base));
  else if (format === 'markdown') output.stdout(formatDiffMarkdown(diff, values.base));
  else output.stdout(neutralizeLines(formatDiffText(diff, values.base)));
  return EXIT.ok;
}

/** A terminal shows the text form: no control character of a request reaches it. */
function neutralizeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => neutralize(line))
    .join('\n');
}
