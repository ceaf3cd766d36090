import { parseArgs } from 'node:util';
import { planStacks } from '../../model';
import { validateRequests } from '../../pipeline';
import { formatText } from '../report';
import { replaceDirectory } from '../replace-directory';
import { formatSummary, summarizeTerraformOutput } from '../summary';
import { EXIT, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

export async function synthCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, out: { type: 'string', default: 'cdktf.out' }, env: { type: 'string' } },
    strict: true,
  });
  const { model, diagnostics } = validateRequests({ requestsDir: values.requests, configFile: values.config });
  if (!model) {
    output.stderr(formatText(diagnostics));
    output.stderr('nothing was written: fix the errors above first\n');
    return EXIT.invalid;
  }
  if (diagnostics.length > 0) output.stderr(formatText(diagnostics));
  const environments = model.platform.environments.map((environment) => environment.name);
  if (values.env !== undefined && !environments.includes(values.env)) {
    throw new UsageError(`--env must be one of ${environments.join(', ')}, not "${values.env}"`);
  }
  const plans = planStacks(model, values.env);
  // Loaded only here: validate and schema never pay for cdktf and the provider bindings.
  const { synthesizeTerraform } = await import('../../terraform/index.js');
  replaceDirectory(values.out, (staging) => synthesizeTerraform(model, plans, staging));
  output.stdout(formatSummary(summarizeTerraformOutput(values.out), values.out));
  return EXIT.ok;
}
