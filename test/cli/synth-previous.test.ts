import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExampleOutput, copyOfExample, readTree, runCli } from './run-cli';

/** Cuts the express-shipments queue out of the example's shipping request. */
function dropExpressShipments(root: string): void {
  const shipping = path.join(root, 'requests/shipping.yaml');
  const text = fs.readFileSync(shipping, 'utf8');
  fs.writeFileSync(shipping, text.slice(0, text.indexOf('\n  express-shipments:')) + '\n');
}

describe('eventbus synth --previous (a read-only check)', () => {
  it('refuses to write when the new output would let Terraform destroy queues of the earlier one', async () => {
    const root = copyOfExample();
    await copyExampleOutput(root, 'applied');
    fs.rmSync(path.join(root, 'requests/analytics.yaml'));
    dropExpressShipments(root);

    const result = await runCli(['synth', '--out', 'next', '--previous', 'applied'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'prod.shipping.queues aws_sqs_queue.queue_express-shipments: no longer in the requests; terraform apply would destroy it',
    );
    expect(result.stderr).toContain(
      'prod.analytics.queues aws_kms_key.queue_order-facts_key: its stack is gone from the requests, but its state still holds it',
    );
    expect(result.stderr).toContain('mark the topics and queues that leave the bus "retired: true"');
    expect(result.stderr).toContain('nothing was written');
    expect(fs.existsSync(path.join(root, 'next'))).toBe(false);
  });

  it('passes retired entries, and never changes the output it writes', async () => {
    const root = copyOfExample();
    await copyExampleOutput(root, 'applied');
    const shipping = path.join(root, 'requests/shipping.yaml');
    fs.writeFileSync(
      shipping,
      fs
        .readFileSync(shipping, 'utf8')
        .replace('  express-shipments:\n', '  express-shipments:\n    retired: true\n'),
    );
    const checked = await runCli(['synth', '--out', 'checked', '--previous', 'applied'], root);
    expect(checked.status).toBe(0);
    // Three environments, eleven possible addresses of the queue and its one subscription each.
    expect(checked.stdout).toContain(
      '   36 removed blocks of retired entries (Terraform forgets them, AWS keeps them)',
    );
    expect((await runCli(['synth', '--out', 'plain'], root)).status).toBe(0);
    expect(readTree(path.join(root, 'checked'))).toEqual(readTree(path.join(root, 'plain')));
  });

  it('passes an unchanged output', async () => {
    const root = copyOfExample();
    await copyExampleOutput(root, 'applied');
    const result = await runCli(['synth', '--out', 'next', '--previous', 'applied'], root);
    expect(result.status).toBe(0);
    expect(readTree(path.join(root, 'next'))).toEqual(readTree(path.join(root, 'applied')));
  });

  it('refuses stack names in an earlier manifest that are not ones synth writes', async () => {
    const root = copyOfExample();
    await copyExampleOutput(root, 'applied');
    const manifestFile = path.join(root, 'applied/manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, unknown> };
    manifest.stacks['../escape'] = { synthesizedStackPath: 'stacks/dev.orders.topics/cdk.tf.json' };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const result = await runCli(['synth', '--out', 'next', '--previous', 'applied'], root);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('stack name "../escape" is not one synth writes');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(root, 'next'))).toBe(false);
  });

  it('needs a Terraform output to compare with', async () => {
    const root = copyOfExample();
    expect((await runCli(['synth', '--previous', 'nowhere'], root)).status).toBe(2);
    expect(
      (await runCli(['synth', '--target', 'cloudformation', '--previous', 'requests'], root)).status,
    ).toBe(2);
  });
});
