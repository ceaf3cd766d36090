import { EXIT, USAGE, UsageError, type Output } from './usage';

export { EXIT, type Output } from './usage';

type Command = (args: readonly string[], output: Output) => number | Promise<number>;

/**
 * Each command is loaded when it runs: `validate` on a CI runner, run on every push, need not
 * load the views, docs and git code of the others.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  synth: async () => (await import('./commands/synth.js')).synthCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  route: async () => (await import('./commands/route.js')).routeCommand,
  access: async () => (await import('./commands/access.js')).accessCommand,
  docs: async () => (await import('./commands/docs.js')).docsCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  guard: async () => (await import('./commands/guard.js')).guardCommand,
  codeowners: async () => (await import('./commands/codeowners.js')).codeownersCommand,
  diff: async () => (await import('./commands/diff.js')).diffCommand,
  stacks: async () => (await import('./commands/stacks.js')).stacksCommand,
  pipeline: async () => (await import('./commands/pipeline.js')).pipelineCommand,
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
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"`);
    const command = await load();
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
