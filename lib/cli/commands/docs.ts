import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { planStacks } from '../../model';
import { renderDocs, type DocFile } from '../../views/docs';
import { describeEnvironmentFailure } from '../environment-failure';
import {
  assertReplaceable,
  OutputLocked,
  OutputRefused,
  replaceDirectory,
  type OutputWriter,
} from '../output-directory';
import { neutralize } from '../report';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';
import { validModelOrReport } from '../valid-model';

export const DOCS_OUTPUT: OutputWriter = { command: 'docs', example: 'docs.out' };

/** Writes the Markdown catalog of the bus (`renderDocs`) into --out, replacing it whole. */
export function docsCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      out: { type: 'string', default: DOCS_OUTPUT.example },
      env: { type: 'string' },
    },
    strict: true,
  });
  try {
    assertReplaceable(
      values.out,
      { cwd: process.cwd(), requestsDir: values.requests, configFile: values.config },
      DOCS_OUTPUT,
    );
  } catch (error) {
    if (error instanceof OutputRefused) throw new UsageError(error.message);
    throw error;
  }
  const model = validModelOrReport(values, output);
  if (!model) {
    output.stderr('nothing was written: fix the errors above first\n');
    return EXIT.invalid;
  }
  if (values.env !== undefined) {
    oneOf(
      'env',
      values.env,
      model.platform.environments.map((environment) => environment.name),
    );
  }
  const files = renderDocs(model, planStacks(model, values.env));
  try {
    replaceDirectory(values.out, (staging) => writeFiles(staging, files), DOCS_OUTPUT);
  } catch (error) {
    const refusal =
      error instanceof OutputLocked ? `eventbus: ${error.message}` : describeEnvironmentFailure(error);
    if (refusal === undefined) throw error;
    output.stderr(`${neutralize(refusal)}\nnothing was written; the previous output is unchanged\n`);
    return EXIT.invalid;
  }
  output.stdout(
    neutralize(`wrote ${files.length} page${files.length === 1 ? '' : 's'} to ${values.out}`) + '\n',
  );
  return EXIT.ok;
}

function writeFiles(directory: string, files: readonly DocFile[]): void {
  for (const file of files) {
    const target = path.join(directory, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}
