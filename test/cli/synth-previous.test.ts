import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, runCli } from './run-cli';

interface StackJson {
  resource: Record<string, Record<string, unknown>>;
  removed?: { from: string; lifecycle: { destroy: boolean } }[];
  terraform: { required_version: string };
}

function stackOf(root: string, out: string, stack: string): StackJson {
  return JSON.parse(
    fs.readFileSync(path.join(root, out, 'stacks', stack, 'cdk.tf.json'), 'utf8'),
  ) as StackJson;
}

describe('eventbus synth --previous', () => {
  it('keeps a queue that left the requests: Terraform forgets it instead of deleting it and its messages', () => {
    const root = copyOfExample();
    expect(runCli(['synth', '--out', 'applied'], root).status).toBe(0);
    const analytics = path.join(root, 'requests/analytics.yaml');
    // The analytics team drops its only queue: its stacks disappear.
    fs.rmSync(analytics);
    const shipping = path.join(root, 'requests/shipping.yaml');
    const text = fs.readFileSync(shipping, 'utf8');
    fs.writeFileSync(shipping, text.slice(0, text.indexOf('\n  express-shipments:')) + '\n');

    const result = runCli(['synth', '--out', 'next', '--previous', 'applied'], root);
    expect(result.status).toBe(0);
    const stack = stackOf(root, 'next', 'prod.shipping.queues');
    expect(stack.removed).toEqual(
      [
        'aws_sqs_queue.queue_express-shipments',
        'aws_sqs_queue.queue_express-shipments_dlq',
        'aws_sqs_queue.queue_express-shipments_sns_dlq',
      ].map((from) => ({ from, lifecycle: { destroy: false } })),
    );
    expect(stack.resource['aws_sqs_queue']?.['queue_express-shipments']).toBeUndefined();
    expect(stack.terraform.required_version).toBe('>= 1.10');
    expect(result.stderr).toContain(
      'prod.shipping.queues aws_sqs_queue.queue_express-shipments: no longer requested; Terraform will forget it, not delete it',
    );
    expect(result.stderr).toContain('prod.analytics.queues: no longer requested; its resources stay in AWS');
  });

  it('adds nothing when no queue left', () => {
    const root = copyOfExample();
    expect(runCli(['synth', '--out', 'applied'], root).status).toBe(0);
    const result = runCli(['synth', '--out', 'next', '--previous', 'applied'], root);
    expect(result.stderr).toBe('');
    expect(fs.readFileSync(path.join(root, 'next/stacks/prod.shipping.queues/cdk.tf.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'applied/stacks/prod.shipping.queues/cdk.tf.json'), 'utf8'),
    );
  });

  it('needs a Terraform output to compare with', () => {
    const root = copyOfExample();
    expect(runCli(['synth', '--previous', 'nowhere'], root).status).toBe(2);
    expect(runCli(['synth', '--target', 'cloudformation', '--previous', 'requests'], root).status).toBe(2);
  });
});
