import { parseArgs, type ParseArgsConfig } from 'node:util';
import { planStacks } from '../model';
import { SCHEMAS } from '../request';
import { validateRequests } from '../pipeline';
import { formatJson, formatText } from './report';
import { replaceDirectory } from './replace-directory';
import { formatSummary, summarizeTerraformOutput } from './summary';

/** Exit codes: 0 valid, 1 invalid requests, 2 a usage error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const USAGE = `Usage: eventbus <command> [options]

Commands:
  validate  Check the request files and report every problem.
            [--requests DIR] [--config FILE] [--format text|json]
  synth     Validate, then write Terraform (cdktf layout) for every stack.
            [--requests DIR] [--config FILE] [--out DIR] [--env NAME]
  schema    Print the JSON Schemas of request files and the platform config.
            [--kind request|platform-config]

Defaults: --requests requests, --config eventbus.config.yaml, --out cdktf.out, --format text.
`;

const SOURCE_OPTIONS = {
  requests: { type: 'string', default: 'requests' },
  config: { type: 'string', default: 'eventbus.config.yaml' },
} as const satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

/** Runs one command and returns its exit code; nothing here calls process.exit. */
export async function run(argv: readonly string[], output: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validate(rest, output);
      case 'synth':
        return await synth(rest, output);
      case 'schema':
        return schema(rest, output);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        output.stdout(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      output.stderr(`eventbus: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

function validate(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { ...SOURCE_OPTIONS, format: { type: 'string', default: 'text' } },
    strict: true,
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const { diagnostics } = validateRequests({ requestsDir: values.requests, configFile: values.config });
  output.stdout(format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? EXIT.invalid : EXIT.ok;
}

async function synth(args: readonly string[], output: Output): Promise<number> {
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
  const { synthesizeTerraform } = await import('../terraform/index.js');
  replaceDirectory(values.out, (staging) => synthesizeTerraform(model, plans, staging));
  output.stdout(formatSummary(summarizeTerraformOutput(values.out), values.out));
  return EXIT.ok;
}

function schema(args: readonly string[], output: Output): number {
  const { values } = parseArgs({ args: [...args], options: { kind: { type: 'string' } }, strict: true });
  if (values.kind === undefined) {
    output.stdout(`${JSON.stringify(SCHEMAS, null, 2)}\n`);
    return EXIT.ok;
  }
  if (values.kind !== 'request' && values.kind !== 'platform-config') {
    throw new UsageError(`--kind must be request or platform-config, not "${values.kind}"`);
  }
  output.stdout(`${JSON.stringify(SCHEMAS[values.kind], null, 2)}\n`);
  return EXIT.ok;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
