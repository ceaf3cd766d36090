import { describe, expect, it } from 'vitest';
import { stackOf, synthesizeRequests } from './support';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
`;

const ORDERS = `team: orders
owner: orders@example.com
topics:
  order-events:
    encryption: kms
  old-events:
    retired: true
    encryption: kms
`;

const SHIPPING = `team: shipping
owner: shipping@example.com
queues:
  shipments:
    subscriptions:
      - topic: orders/order-events
  archive:
    retired: true
    encryption: kms
    subscriptions:
      - topic: orders/order-events
`;

function removedOf(document: Record<string, unknown>): string[] {
  return ((document['removed'] ?? []) as { from: string; lifecycle: { destroy: boolean } }[]).map(
    (block) => `${block.from} destroy=${String(block.lifecycle.destroy)}`,
  );
}

describe('retired entries in Terraform', () => {
  const stacks = synthesizeRequests({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }, CONFIG);

  it('forgets a retired topic with its policy and key, and renders none of them', () => {
    const orders = stackOf(stacks, 'dev.orders.topics');
    expect(removedOf(orders.document)).toEqual([
      'aws_sns_topic.topic_old-events destroy=false',
      'aws_sns_topic_policy.topic_old-events_policy destroy=false',
      'aws_kms_key.topic_old-events_key destroy=false',
      'aws_kms_alias.topic_old-events_key_alias destroy=false',
    ]);
    expect(Object.keys(orders.resources['aws_sns_topic'] ?? {})).toEqual(['topic_order-events']);
  });

  it('forgets every address a retired queue can have had, its subscriptions included', () => {
    const shipping = stackOf(stacks, 'dev.shipping.queues');
    expect(removedOf(shipping.document)).toEqual(
      [
        'aws_sqs_queue.queue_archive',
        'aws_sqs_queue_policy.queue_archive_policy',
        'aws_sqs_queue.queue_archive_dlq',
        'aws_sqs_queue_policy.queue_archive_dlq_policy',
        'aws_sqs_queue_redrive_allow_policy.queue_archive_dlq_redrive_allow',
        'aws_sqs_queue.queue_archive_sns_dlq',
        'aws_sqs_queue_policy.queue_archive_sns_dlq_policy',
        'aws_sqs_queue.queue_archive_sns_dlq_fifo',
        'aws_sqs_queue_policy.queue_archive_sns_dlq_fifo_policy',
        'aws_kms_key.queue_archive_key',
        'aws_kms_alias.queue_archive_key_alias',
        'aws_sns_topic_subscription.subscription_archive_orders_order-events',
      ].map((address) => `${address} destroy=false`),
    );
    const declared = Object.values(shipping.resources).flatMap((byName) => Object.keys(byName));
    expect(declared.filter((name) => name.includes('archive'))).toEqual([]);
    expect(declared).toContain('queue_shipments');
  });

  it('keeps a stack whose entries are all retired, holding only removed blocks and its provider', () => {
    const retiredOnly = synthesizeRequests(
      { 'shipping.yaml': 'team: shipping\nowner: s@example.com\nqueues:\n  gone:\n    retired: true\n' },
      CONFIG,
    );
    const stack = stackOf(retiredOnly, 'dev.shipping.queues');
    expect(stack.document['resource']).toBeUndefined();
    expect(removedOf(stack.document)).toContain('aws_sqs_queue.queue_gone destroy=false');
    expect(stack.document['provider']).toBeDefined();
    expect(stack.plan.dependsOn).toEqual([]);
  });

  it('protects live topics and their keys from destroy, as queues are', () => {
    const orders = stackOf(stacks, 'dev.orders.topics');
    const topic = orders.resources['aws_sns_topic']?.['topic_order-events'];
    const key = orders.resources['aws_kms_key']?.['topic_order-events_key'];
    expect(topic?.['lifecycle']).toEqual({ prevent_destroy: true });
    expect(key?.['lifecycle']).toEqual({ prevent_destroy: true });
  });
});
