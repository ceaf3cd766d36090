import { Testing } from 'cdktf';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { beforeAll, describe, expect, it } from 'vitest';
import { resource, stackOf, synthesizeRequests, type SynthesizedStack } from './support';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1, deployRole: "arn:aws:iam::111111111111:role/deployer" }
  prod: { account: "999999999999", region: eu-west-1 }
allowedPrincipalAccounts: ["222222222222"]
stateBackend: { bucket: acme-state, region: eu-west-1 }
tags: { cost-center: platform }
`;

const ORDERS = `team: orders
owner: orders@example.com
topics:
  order-events:
    events: [OrderCreated, OrderShipped]
    publishers: [arn:aws:iam::111111111111:role/orders-api]
    externalSubscribers: true
  ledger:
    fifo: true
    contentBasedDeduplication: true
`;

const SHIPPING = `team: shipping
owner: shipping@example.com
queues:
  shipments:
    visibilityTimeout: 5m
    consumers:
      - arn:aws:iam::111111111111:role/shipping-worker
      - arn:aws:iam::222222222222:role/shipping-analytics
    subscriptions:
      - topic: orders/order-events
        events: [OrderCreated]
        filter: { region: [{ prefix: eu- }] }
  ledger-copy:
    fifo: true
    deadLetter: { maxReceiveCount: 3 }
    subscriptions:
      - topic: orders/ledger
        rawMessageDelivery: false
`;

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments';

let stacks: Map<string, SynthesizedStack>;
let shipping: SynthesizedStack;
let orders: SynthesizedStack;

beforeAll(() => {
  stacks = synthesizeRequests({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }, CONFIG);
  shipping = stackOf(stacks, 'dev.shipping.queues');
  orders = stackOf(stacks, 'dev.orders.topics');
});

function policyOf(
  stack: SynthesizedStack,
  type: string,
  address: string,
): { Statement: Record<string, unknown>[] } {
  return JSON.parse(resource(stack, type, address)['policy'] as string) as {
    Statement: Record<string, unknown>[];
  };
}

describe('EventBusStack', () => {
  it('makes a topic stack and a queue stack per environment and team, for what the team has', () => {
    expect([...stacks.keys()]).toEqual([
      'dev.orders.topics',
      'dev.shipping.queues',
      'prod.orders.topics',
      'prod.shipping.queues',
    ]);
  });

  it('creates topics with their FIFO settings', () => {
    expect(
      Testing.toHaveResourceWithProperties(orders.json, SnsTopic.tfResourceType, {
        name: 'dev-orders-order-events',
        fifo_topic: false,
      }),
    ).toBe(true);
    expect(resource(orders, 'aws_sns_topic', 'topic_ledger')).toMatchObject({
      name: 'dev-orders-ledger.fifo',
      fifo_topic: true,
      content_based_deduplication: true,
    });
  });

  it('lets only the named publishers publish, over TLS only', () => {
    const policy = policyOf(orders, 'aws_sns_topic_policy', 'topic_order-events_policy');
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AllowPublishers',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/orders-api' },
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
      },
    ]);
  });

  it('creates encrypted queues with the requested and default settings, protected from destroy', () => {
    expect(
      Testing.toHaveResourceWithProperties(shipping.json, SqsQueue.tfResourceType, {
        name: 'dev-shipping-shipments',
        visibility_timeout_seconds: 300,
        message_retention_seconds: 345_600,
        receive_wait_time_seconds: 20,
        delay_seconds: 0,
        max_message_size: 262_144,
        sqs_managed_sse_enabled: true,
      }),
    ).toBe(true);
    const queue = resource(shipping, 'aws_sqs_queue', 'queue_shipments');
    expect(queue['lifecycle']).toEqual({ prevent_destroy: true });
    expect(JSON.parse(queue['redrive_policy'] as string)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments-dlq',
      maxReceiveCount: 5,
    });
  });

  it('gives the DLQ 14 days of retention and lets only its queue redrive into it', () => {
    expect(resource(shipping, 'aws_sqs_queue', 'queue_shipments_dlq')).toMatchObject({
      name: 'dev-shipping-shipments-dlq',
      message_retention_seconds: 1_209_600,
      sqs_managed_sse_enabled: true,
    });
    const allow = resource(
      shipping,
      'aws_sqs_queue_redrive_allow_policy',
      'queue_shipments_dlq_redrive_allow',
    );
    expect(JSON.parse(allow['redrive_allow_policy'] as string)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [QUEUE_ARN],
    });
  });

  it('makes a FIFO queue FIFO DLQs, and a FIFO SNS delivery DLQ for a FIFO topic', () => {
    expect(resource(shipping, 'aws_sqs_queue', 'queue_ledger-copy_dlq')).toMatchObject({
      name: 'dev-shipping-ledger-copy-dlq.fifo',
      fifo_queue: true,
    });
    expect(resource(shipping, 'aws_sqs_queue', 'queue_ledger-copy_sns_dlq_fifo')).toMatchObject({
      name: 'dev-shipping-ledger-copy-sns-dlq.fifo',
      fifo_queue: true,
    });
  });

  it('lets SNS deliver only from the subscribed topic, and consumers only receive', () => {
    const policy = policyOf(shipping, 'aws_sqs_queue_policy', 'queue_shipments_policy');
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*' });
    expect(policy.Statement[1]).toEqual({
      Sid: 'AllowSnsDeliveryFromSubscribedTopics',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE_ARN,
      Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
    });
    expect(policy.Statement[2]).toEqual({
      Sid: 'AllowConsumers',
      Effect: 'Allow',
      Principal: {
        AWS: [
          'arn:aws:iam::111111111111:role/shipping-worker',
          'arn:aws:iam::222222222222:role/shipping-analytics',
        ],
      },
      Action: [
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ],
      Resource: QUEUE_ARN,
    });
  });

  it("subscribes the queue in the subscriber's stack, with the combined filter and a delivery DLQ that keeps 14 days", () => {
    expect(resource(shipping, 'aws_sqs_queue', 'queue_shipments_sns_dlq')).toMatchObject({
      name: 'dev-shipping-shipments-sns-dlq',
      message_retention_seconds: 1_209_600,
      sqs_managed_sse_enabled: true,
    });
    const subscription = resource(
      shipping,
      'aws_sns_topic_subscription',
      'subscription_shipments_orders_order-events',
    );
    expect(subscription).toMatchObject({
      topic_arn: TOPIC_ARN,
      protocol: 'sqs',
      endpoint: '${aws_sqs_queue.queue_shipments.arn}',
      raw_message_delivery: true,
      filter_policy_scope: 'MessageAttributes',
    });
    expect(JSON.parse(subscription['filter_policy'] as string)).toEqual({
      event_type: ['OrderCreated'],
      region: [{ prefix: 'eu-' }],
    });
    expect(JSON.parse(subscription['redrive_policy'] as string)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments-sns-dlq',
    });
    expect(subscription['depends_on']).toContain('aws_sqs_queue_policy.queue_shipments_policy');
    expect(orders.resources['aws_sns_topic_subscription']).toBeUndefined();
  });

  it('configures the provider for the environment: region, account guard, role and tags', () => {
    const provider = (shipping.document['provider'] as { aws: Record<string, unknown>[] }).aws[0];
    expect(provider).toEqual({
      region: 'eu-west-1',
      allowed_account_ids: ['111111111111'],
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/deployer' }],
      default_tags: [
        {
          tags: {
            'cost-center': 'platform',
            team: 'shipping',
            owner: 'shipping@example.com',
            environment: 'dev',
            'managed-by': 'eventbus-infra',
          },
        },
      ],
    });
    expect(resource(shipping, 'aws_sqs_queue', 'queue_shipments')['tags']).toEqual({
      'request-file': 'shipping.yaml',
    });
  });

  it('keeps each stack in its own state object with S3-native locking', () => {
    const backend = (shipping.document['terraform'] as { backend: { s3: Record<string, unknown> } }).backend
      .s3;
    expect(backend).toMatchObject({
      bucket: 'acme-state',
      key: 'eventbus/dev/shipping/queues.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });
});
