/**
 * A local AWS for end-to-end tests: moto's server (moto_server, Python) on a free loopback
 * port, started and stopped by the test, and a boto3 probe that reads, publishes and drains.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from './process';

export type LocalAwsTools =
  { readonly available: true } | { readonly available: false; readonly missing: string };

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .some((directory) => directory !== '' && fs.existsSync(path.join(directory, command)));
}

/** moto_server and a python3 with boto3, or what is missing. Runs once, while tests are collected. */
export function findLocalAws(): LocalAwsTools {
  if (!onPath('moto_server'))
    return { available: false, missing: 'moto_server (pip install "moto[server]") is not on PATH' };
  if (!onPath('python3')) return { available: false, missing: 'python3 is not on PATH' };
  try {
    execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    return { available: false, missing: 'python3 cannot import boto3 (pip install boto3)' };
  }
  return { available: true };
}

export interface RunningLocalAws {
  readonly endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto_server in a process group of its own, acting in `account`, and waits until it
 * answers. LocalStack takes the account from a 12-digit access key, as the stacks send it;
 * moto only from MOTO_ACCOUNT_ID.
 */
export async function startMoto(account: string): Promise<RunningLocalAws> {
  const port = await freePort();
  // Its log stays for a failed run to be read: moto answers its own errors with a bare 500.
  const log = fs.openSync(path.join(os.tmpdir(), `moto-${port}.log`), 'w');
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, MOTO_ACCOUNT_ID: account },
  });
  fs.closeSync(log);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The PATH entry may be a shim that starts the server as its child: end the whole group.
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`moto_server exited with ${child.exitCode} before it answered`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return { endpoint, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`moto_server did not answer at ${endpoint} within 60 s`);
}

export interface ProbeEvent {
  readonly topicArn: string;
  readonly attributes?: Readonly<Record<string, { readonly DataType: string; readonly StringValue: string }>>;
  readonly body: string;
  readonly groupId?: string;
}

export interface ProbeResult {
  readonly queues: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly subscriptions: readonly {
    readonly topicArn: string;
    readonly attributes: Readonly<Record<string, string>>;
  }[];
  readonly received: Readonly<Record<string, readonly string[]>>;
  /** Errors of the publishes that failed, by the event's index. */
  readonly failed: Readonly<Record<string, string>>;
}

/** Reads the queues and subscriptions, publishes the events, then drains every queue. */
export async function probe(spec: {
  readonly endpoint: string;
  readonly region: string;
  readonly account: string;
  readonly queues: readonly string[];
  readonly topics: readonly string[];
  readonly events: readonly ProbeEvent[];
}): Promise<ProbeResult> {
  const result = await runProcess('python3', [path.join(__dirname, '../e2e/probe.py')], {
    input: JSON.stringify(spec),
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`the probe failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ProbeResult;
}
