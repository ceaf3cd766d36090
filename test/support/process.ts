import { spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child (SIGTERM) after this many milliseconds: a hang fails the test, not the run. */
  readonly timeout?: number;
  /** Written to the child's stdin, which is then closed (it is closed at once without it). */
  readonly input?: string;
}

export interface ProcessResult {
  /** The exit code, or null when a signal ended the child (as with spawnSync). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Long enough for a 5-7x slowdown under load, short enough to end before vitest's testTimeout. */
export const CHILD_TIMEOUT = 240_000;

/**
 * Runs a command and collects its output without blocking the event loop, unlike spawnSync: a
 * blocked vitest worker cannot answer its RPC and fails the run with `Timeout calling "onTaskUpdate"`.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A child that exits without reading its input must not crash the worker with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);

    let exited = false;
    child.on('exit', () => (exited = true));
    // Grandchildren that hold the pipes open must not keep the promise pending past the timeout.
    const closePipes = (): void => {
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer = setTimeout(() => {
      if (exited) return closePipes();
      child.kill('SIGTERM');
      child.once('exit', closePipes);
    }, options.timeout ?? CHILD_TIMEOUT);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
