import { accessCommand } from './commands/access';
import { checkCommand } from './commands/check';
import { codeownersCommand } from './commands/codeowners';
import { diffCommand } from './commands/diff';
import { docsCommand } from './commands/docs';
import { guardCommand } from './commands/guard';
import { initCommand } from './commands/init';
import { pipelineCommand } from './commands/pipeline';
import { routeCommand } from './commands/route';
import { schemaCommand } from './commands/schema';
import { stacksCommand } from './commands/stacks';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { EXIT, USAGE, UsageError, type Output } from './usage';

export { EXIT, type Output } from './usage';

type Command = (args: readonly string[], output: Output) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  validate: validateCommand,
  init: initCommand,
  synth: synthCommand,
  schema: schemaCommand,
  route: routeCommand,
  access: accessCommand,
  docs: docsCommand,
  check: checkCommand,
  guard: guardCommand,
  codeowners: codeownersCommand,
  diff: diffCommand,
  stacks: stacksCommand,
  pipeline: pipelineCommand,
};

const processOutput: Output = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs one command and returns its exit code; nothing here calls process.exit. */
export async function run(argv: readonly string[], output: Output = processOutput): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    output.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  try {
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(args, output);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      output.stderr(`eventbus: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
