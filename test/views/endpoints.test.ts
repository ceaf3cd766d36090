import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planStacks } from '../../lib/model';
import { planEndpoints } from '../../lib/views/endpoints';
import { copyOfExample, runCli } from '../cli/run-cli';
import { stackOf, synthesizeRequests } from '../terraform/support';
import { workspace } from '../support/workspace';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  china: { account: "333333333333", region: cn-north-1 }
`;
const REQUESTS = {
  'orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n  old:\n    retired: true\n',
  'shipping.yaml':
    'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: orders/events\n  raw:\n    deadLetter: false\n',
};

describe('endpoints', () => {
  it('gives every live topic its ARN and every queue its URL, ARN and dead-letter queue, per environment', () => {
    const { model } = workspace(REQUESTS, CONFIG).validate();
    if (!model) throw new Error('fixture is invalid');
    const endpoints = planEndpoints(planStacks(model));
    expect(endpoints.get('dev')).toEqual({
      orders: {
        topics: { events: { arn: 'arn:aws:sns:eu-west-1:111111111111:dev-orders-events' } },
        queues: {},
      },
      shipping: {
        topics: {},
        queues: {
          raw: {
            url: 'https://sqs.eu-west-1.amazonaws.com/111111111111/dev-shipping-raw',
            arn: 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-raw',
          },
          work: {
            url: 'https://sqs.eu-west-1.amazonaws.com/111111111111/dev-shipping-work',
            arn: 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-work',
            deadLetterUrl: 'https://sqs.eu-west-1.amazonaws.com/111111111111/dev-shipping-work-dlq',
            deadLetterArn: 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-work-dlq',
          },
        },
      },
    });
    expect(endpoints.get('china')?.['shipping']?.queues['raw']).toEqual({
      url: 'https://sqs.cn-north-1.amazonaws.com.cn/333333333333/china-shipping-raw',
      arn: 'arn:aws-cn:sqs:cn-north-1:333333333333:china-shipping-raw',
    });
  });

  it('is written by synth as endpoints/<env>.json, the same on every run', async () => {
    const root = copyOfExample();
    expect((await runCli(['synth', '--target', 'all'], root)).status).toBe(0);
    for (const out of ['cdktf.out', 'cdk.out']) {
      expect(fs.readdirSync(path.join(root, out, 'endpoints')).sort()).toEqual([
        'dev.json',
        'local.json',
        'prod.json',
      ]);
    }
    const first = fs.readFileSync(path.join(root, 'cdktf.out/endpoints/prod.json'), 'utf8');
    expect(JSON.parse(first)).toHaveProperty(['analytics', 'queues', 'order-facts', 'url']);
    expect((await runCli(['synth'], root)).status).toBe(0);
    expect(fs.readFileSync(path.join(root, 'cdktf.out/endpoints/prod.json'), 'utf8')).toBe(first);
  });

  it('are Terraform outputs of the stacks too: queue and DLQ URL and ARN, topic ARN', () => {
    const stacks = synthesizeRequests(REQUESTS, CONFIG);
    expect(stackOf(stacks, 'dev.shipping.queues').document['output']).toEqual({
      queue_raw_arn: { value: '${aws_sqs_queue.queue_raw.arn}' },
      queue_raw_url: { value: '${aws_sqs_queue.queue_raw.url}' },
      queue_work_arn: { value: '${aws_sqs_queue.queue_work.arn}' },
      queue_work_dlq_arn: { value: '${aws_sqs_queue.queue_work_dlq.arn}' },
      queue_work_dlq_url: { value: '${aws_sqs_queue.queue_work_dlq.url}' },
      queue_work_url: { value: '${aws_sqs_queue.queue_work.url}' },
    });
    expect(stackOf(stacks, 'dev.orders.topics').document['output']).toEqual({
      topic_events_arn: { value: '${aws_sns_topic.topic_events.arn}' },
    });
  });
});
