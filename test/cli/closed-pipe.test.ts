import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, copyOfExample } from './run-cli';

/** Runs the CLI with a stdout whose reader has gone (`eventbus ... | head -1`). */
function runWithClosedStdout(
  args: readonly string[],
  cwd: string,
): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a reader that stops early', () => {
  it('does not crash synth, which writes its output and exits 0', async () => {
    const root = copyOfExample();
    const result = await runWithClosedStdout(['synth', '--out', 'out'], root);
    expect(result.stderr).not.toMatch(/EPIPE|internal error/);
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(root, 'out', 'manifest.json'))).toBe(true);
  });

  it('keeps the exit code of what the command found', async () => {
    const root = copyOfExample();
    fs.appendFileSync(path.join(root, 'requests', 'orders.yaml'), 'unknown: field\n');
    const result = await runWithClosedStdout(['validate'], root);
    expect(result.stderr).not.toMatch(/EPIPE|internal error/);
    expect(result.status).toBe(1);
  });
});
