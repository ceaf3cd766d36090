import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, readTree, runCli } from './run-cli';

describe('eventbus synth', () => {
  let root: string;
  let first: Map<string, string>;

  beforeAll(() => {
    root = copyOfExample();
    const result = runCli(['synth', '--out', 'out-a'], root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    first = readTree(path.join(root, 'out-a'));
  });

  it("writes cdktf's layout: a manifest and one cdk.tf.json per environment and team", () => {
    expect([...first.keys()].filter((file) => file.endsWith('cdk.tf.json'))).toEqual([
      'stacks/dev.orders.queues/cdk.tf.json',
      'stacks/dev.orders.topics/cdk.tf.json',
      'stacks/dev.payments.queues/cdk.tf.json',
      'stacks/dev.payments.topics/cdk.tf.json',
      'stacks/dev.shipping.queues/cdk.tf.json',
      'stacks/prod.analytics.queues/cdk.tf.json',
      'stacks/prod.orders.queues/cdk.tf.json',
      'stacks/prod.orders.topics/cdk.tf.json',
      'stacks/prod.payments.queues/cdk.tf.json',
      'stacks/prod.payments.topics/cdk.tf.json',
      'stacks/prod.shipping.queues/cdk.tf.json',
    ]);
    const manifest = JSON.parse(first.get('manifest.json') as string) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    // Teams that subscribe to each other's topics still deploy in one pass: queue stacks depend
    // only on topic stacks.
    expect(manifest.stacks['prod.analytics.queues']?.dependencies).toEqual(['prod.orders.topics', 'prod.payments.topics']);
    expect(manifest.stacks['dev.orders.queues']?.dependencies).toEqual(['dev.payments.topics']);
    expect(manifest.stacks['dev.payments.queues']?.dependencies).toEqual(['dev.orders.topics']);
    expect(manifest.stacks['dev.orders.topics']?.dependencies).toEqual([]);
  });

  it('prints a summary of stacks and resources per type', () => {
    const result = runCli(['synth', '--out', 'out-summary', '--env', 'dev'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote 5 Terraform stacks with \d+ resources to out-summary/);
    expect(result.stdout).toMatch(/\d+ aws_sqs_queue\n/);
    expect(fs.readdirSync(path.join(root, 'out-summary/stacks')).sort()).toEqual([
      'dev.orders.queues',
      'dev.orders.topics',
      'dev.payments.queues',
      'dev.payments.topics',
      'dev.shipping.queues',
    ]);
  });

  it('writes identical bytes on every run and for any order the files are found in', () => {
    expect(runCli(['synth', '--out', 'out-b'], root).status).toBe(0);
    expect(readTree(path.join(root, 'out-b'))).toEqual(first);

    const reordered = copyOfExample();
    const requests = path.join(reordered, 'requests');
    fs.renameSync(path.join(requests, 'shipping.yaml'), path.join(requests, 'a-shipping.yaml'));
    fs.renameSync(path.join(requests, 'orders.yaml'), path.join(requests, 'zz-orders.yaml'));
    expect(runCli(['synth', '--out', 'out'], reordered).status).toBe(0);
    const renamedTag = (text: string): string =>
      text.replaceAll('"a-shipping.yaml"', '"shipping.yaml"').replaceAll('"zz-orders.yaml"', '"orders.yaml"');
    const again = new Map([...readTree(path.join(reordered, 'out'))].map(([file, text]) => [file, renamedTag(text)]));
    expect(again).toEqual(first);
  });

  it('changes only the request-file tag when a definition moves to another file', () => {
    const moved = copyOfExample();
    const requests = path.join(moved, 'requests/payments');
    const payments = fs.readFileSync(path.join(requests, 'payments.yaml'), 'utf8');
    const [head, queues] = payments.split('\nqueues:\n') as [string, string];
    fs.writeFileSync(path.join(requests, 'payments.yaml'), `${head}\n`);
    const ledger = fs.readFileSync(path.join(requests, 'ledger.yaml'), 'utf8');
    fs.writeFileSync(path.join(requests, 'ledger.yaml'), ledger.replace('queues:\n', `queues:\n${queues}`));
    expect(runCli(['synth', '--out', 'out'], moved).status).toBe(0);
    const after = readTree(path.join(moved, 'out'));
    expect([...after.keys()]).toEqual([...first.keys()]);
    const changedFiles = [...after].filter(([file, text]) => text !== first.get(file));
    expect(changedFiles.map(([file]) => file)).toEqual([
      'stacks/dev.payments.queues/cdk.tf.json',
      'stacks/prod.payments.queues/cdk.tf.json',
    ]);
    for (const [file, text] of changedFiles) {
      const before = first.get(file) as string;
      const changed = diffLines(before, text);
      expect(changed.every((line) => line.includes('"request-file"'))).toBe(true);
      expect(changed.some((line) => line.includes('payments/ledger.yaml'))).toBe(true);
    }
  });

  it('writes nothing and keeps the previous output when the requests are invalid', () => {
    const broken = copyOfExample();
    expect(runCli(['synth', '--out', 'out'], broken).status).toBe(0);
    const previous = readTree(path.join(broken, 'out'));
    fs.appendFileSync(path.join(broken, 'requests/orders.yaml'), 'unknown: field\n');
    const result = runCli(['synth', '--out', 'out'], broken);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schema-unknown-field');
    expect(readTree(path.join(broken, 'out'))).toEqual(previous);
    expect(fs.readdirSync(broken).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('rejects an unknown --env as a usage error', () => {
    expect(runCli(['synth', '--env', 'staging', '--out', 'never'], root).status).toBe(2);
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);
  });
});

/** Lines of `after` that differ from `before` at the same position (files keep their shape). */
function diffLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').filter((line, index) => line !== old[index]);
}
