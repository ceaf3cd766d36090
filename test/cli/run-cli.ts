import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../support/process';

export const REPO = path.resolve(__dirname, '../..');
/** The built CLI, as the published package runs it (`npm test` builds first). */
export const CLI = path.join(REPO, 'dist/bin/eventbus.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const result = await runProcess(process.execPath, [CLI, ...args], { cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the bundled example organisation (config and requests) in a fresh directory. */
export function copyOfExample(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-cli-'));
  fs.cpSync(path.join(REPO, 'requests'), path.join(root, 'requests'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'eventbus.config.yaml'), path.join(root, 'eventbus.config.yaml'));
  return root;
}

let exampleSynthRun: Promise<{ readonly result: CliResult; readonly output: string }> | undefined;

/**
 * `eventbus synth` of the example organisation and the Terraform output it wrote, run once per test
 * worker: tests that only read an output, or need an earlier one to start from, share it instead of
 * running synth again. Copy it before changing anything (`copyExampleOutput`).
 */
export function exampleSynth(): Promise<{ readonly result: CliResult; readonly output: string }> {
  exampleSynthRun ??= (async () => {
    const root = copyOfExample();
    const result = await runCli(['synth'], root);
    return { result, output: path.join(root, 'cdktf.out') };
  })();
  return exampleSynthRun;
}

/**
 * Puts a copy of the example's Terraform output at `directory` below `root`, as if synth had written
 * it there: synth writes the same bytes whatever the directory (test/cli/synth.test.ts).
 */
export async function copyExampleOutput(root: string, directory = 'cdktf.out'): Promise<string> {
  const { result, output } = await exampleSynth();
  if (result.status !== 0) throw new Error(`synth of the example failed:\n${result.stderr}`);
  const target = path.join(root, directory);
  fs.cpSync(output, target, { recursive: true });
  return target;
}

/** Every file below a directory with its bytes, keyed by relative path. */
export function readTree(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const absolute = path.join(current, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else files.set(path.relative(directory, absolute), fs.readFileSync(absolute, 'utf8'));
    }
  };
  walk(directory);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What one command, run in-process in a fresh Node, returned and which engine modules it loaded. */
export interface EngineProbe {
  readonly code: number;
  /** Loaded files of cdktf, @cdktf/* or aws-cdk-lib. */
  readonly heavy: readonly string[];
  /** Whether the yaml package was loaded: files in the plain subset of YAML are read without it. */
  readonly yaml: boolean;
  readonly stderr: string;
}

/** Commands that do not synthesize must load neither engine: this runs one and looks. */
export async function probeEngineModules(args: readonly string[], cwd: string): Promise<EngineProbe> {
  const probe = `
    require(${JSON.stringify(path.join(REPO, 'dist/lib/cli'))}).run(${JSON.stringify(args)}, { stdout() {}, stderr() {} }).then((code) => {
      const heavy = Object.keys(require.cache).filter((file) => /node_modules[\\\\/](cdktf|@cdktf|aws-cdk-lib)[\\\\/]/.test(file));
      const yaml = Object.keys(require.cache).some((file) => /node_modules[\\\\/]yaml[\\\\/]/.test(file));
      process.stdout.write(JSON.stringify({ code, heavy, yaml }));
    });`;
  const result = await runProcess(process.execPath, ['-e', probe], { cwd });
  const { code, heavy, yaml } = JSON.parse(result.stdout || '{"code": -1, "heavy": [], "yaml": false}') as {
    code: number;
    heavy: string[];
    yaml: boolean;
  };
  return { code, heavy, yaml, stderr: result.stderr };
}
