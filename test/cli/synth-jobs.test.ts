import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, readTree, runCli } from './run-cli';

describe('eventbus synth --jobs', () => {
  it('writes the same bytes with 3 threads as with one, manifest and dependencies included', async () => {
    const root = copyOfExample();
    const [single, parallel] = await Promise.all([
      runCli(['synth', '--jobs', '1', '--out', 'one'], root),
      runCli(['synth', '--jobs', '3', '--out', 'three'], root),
    ]);
    expect(single.status).toBe(0);
    expect(parallel.stderr).toBe('');
    expect(parallel.status).toBe(0);
    expect(parallel.stdout).toBe(single.stdout.replaceAll('one', 'three'));
    const one = readTree(path.join(root, 'one'));
    const three = readTree(path.join(root, 'three'));
    expect([...three.keys()]).toEqual([...one.keys()]);
    for (const [file, content] of one) expect(three.get(file), file).toBe(content);
    const manifest = JSON.parse(one.get('manifest.json') as string) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    expect(manifest.stacks['prod.analytics.queues']?.dependencies.length).toBeGreaterThan(0);
    // Nothing of the threads' work is left beside the output.
    expect(fs.readdirSync(root).filter((entry) => entry.includes('.jobs-'))).toEqual([]);
  });

  it('refuses a --jobs that is not a whole number from 1', async () => {
    const root = copyOfExample();
    for (const jobs of ['0', 'two', '1.5', '1000']) {
      const result = await runCli(['synth', '--jobs', jobs, '--out', 'never'], root);
      expect(result.status, jobs).toBe(2);
      expect(result.stderr).toContain('--jobs must be a whole number');
    }
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);
  });
});
