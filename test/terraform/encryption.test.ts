import { beforeAll, describe, expect, it } from 'vitest';
import { resource, stackOf, synthesizeRequests, type SynthesizedStack } from './support';

const ORDERS = `team: orders
owner: orders@example.com
environments: [dev]
topics:
  order-events:
    encryption: kms
    publishers: [arn:aws:iam::222222222222:role/orders-api]
  plain: {}
`;

const SHIPPING = `team: shipping
owner: shipping@example.com
environments: [dev]
queues:
  shipments:
    encryption: kms
    consumers: [arn:aws:iam::111111111111:role/shipping-worker]
    subscriptions:
      - topic: orders/order-events
  archive:
    encryption: aws-managed
`;

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events';

let topics: SynthesizedStack;
let queues: SynthesizedStack;

beforeAll(() => {
  const stacks = synthesizeRequests({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING });
  topics = stackOf(stacks, 'dev.orders.topics');
  queues = stackOf(stacks, 'dev.shipping.queues');
});

function keyPolicy(stack: SynthesizedStack, address: string): { Statement: Record<string, unknown>[] } {
  return JSON.parse(resource(stack, 'aws_kms_key', address)['policy'] as string) as {
    Statement: Record<string, unknown>[];
  };
}

describe('customer-managed keys', () => {
  it('gives an encrypted topic its own rotating key, found by alias', () => {
    expect(resource(topics, 'aws_kms_key', 'topic_order-events_key')).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
    });
    expect(resource(topics, 'aws_kms_alias', 'topic_order-events_key_alias')).toMatchObject({
      name: 'alias/eventbus/sns/dev-orders-order-events',
      target_key_id: '${aws_kms_key.topic_order-events_key.key_id}',
    });
    expect(resource(topics, 'aws_sns_topic', 'topic_order-events')['kms_master_key_id']).toBe(
      '${aws_kms_key.topic_order-events_key.arn}',
    );
    expect(resource(topics, 'aws_sns_topic', 'topic_plain')['kms_master_key_id']).toBeUndefined();
  });

  it('lets publishers use the topic key only through SNS, and keeps account administration', () => {
    const statements = keyPolicy(topics, 'topic_order-events_key').Statement;
    expect(statements).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowAccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'AllowPublishersThroughSns',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/orders-api' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  it('encrypts a queue and its dead-letter queues with one key SNS may use only for the subscribed topic', () => {
    for (const address of ['queue_shipments', 'queue_shipments_dlq', 'queue_shipments_sns_dlq']) {
      const queue = resource(queues, 'aws_sqs_queue', address);
      expect(queue['kms_master_key_id']).toBe('${aws_kms_key.queue_shipments_key.arn}');
      expect(queue['sqs_managed_sse_enabled']).toBeUndefined();
    }
    const statements = keyPolicy(queues, 'queue_shipments_key').Statement;
    expect(statements.slice(2)).toEqual([
      {
        Sid: 'AllowSnsDeliveryFromSubscribedTopics',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
      },
      {
        Sid: 'AllowConsumersToDecrypt',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/shipping-worker' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  it('protects every key from destroy like the queue or topic it encrypts', () => {
    expect(resource(queues, 'aws_kms_key', 'queue_shipments_key')['lifecycle']).toEqual({
      prevent_destroy: true,
    });
    expect(resource(topics, 'aws_kms_key', 'topic_order-events_key')['lifecycle']).toEqual({
      prevent_destroy: true,
    });
  });

  it('names AWS-managed keys by alias where they can work', () => {
    expect(resource(queues, 'aws_sqs_queue', 'queue_archive')['kms_master_key_id']).toBe('alias/aws/sqs');
    expect(queues.resources['aws_kms_key']?.['queue_archive_key']).toBeUndefined();
  });
});
