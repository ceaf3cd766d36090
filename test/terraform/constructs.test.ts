import { Testing, TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { Duration, EventQueue, EventTopic, InvalidPropsError } from '../../lib/terraform';
import type { PolicyDocument } from '../../lib/model';

const DEV = { account: '111111111111', region: 'eu-west-1' } as const;
const PUBLISHER = 'arn:aws:iam::111111111111:role/orders-api';
const CONSUMER = 'arn:aws:iam::111111111111:role/billing-worker';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synthesize(build: (stack: TerraformStack) => void): Resources {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'billing');
  build(stack);
  return (JSON.parse(Testing.synth(stack)) as { resource: Resources }).resource;
}

function policy(resources: Resources, type: string, address: string): PolicyDocument {
  const attribute = resources[type]?.[address]?.['policy'];
  if (typeof attribute !== 'string') throw new Error(`no ${type}.${address} policy`);
  return JSON.parse(attribute) as PolicyDocument;
}

function statement(document: PolicyDocument, sid: string) {
  return document.Statement.find((candidate) => candidate.Sid === sid);
}

describe('EventTopic and EventQueue in an app of its own', () => {
  it('renders a queue with a dead-letter queue by default, its name as given and addresses from its logical name', () => {
    const resources = synthesize((stack) => {
      new EventQueue(stack, 'invoices', {
        name: 'billing-invoices',
        environment: DEV,
        visibilityTimeout: Duration.minutes(5),
      });
    });
    const queues = resources['aws_sqs_queue'] ?? {};
    expect(Object.keys(queues).sort()).toEqual(['queue_invoices', 'queue_invoices_dlq']);
    expect(queues['queue_invoices']).toMatchObject({
      name: 'billing-invoices',
      visibility_timeout_seconds: 300,
      sqs_managed_sse_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(JSON.parse(queues['queue_invoices']?.['redrive_policy'] as string)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:billing-invoices-dlq',
      maxReceiveCount: 5,
    });
    expect(queues['queue_invoices_dlq']).toMatchObject({
      name: 'billing-invoices-dlq',
      message_retention_seconds: 1_209_600,
    });
    const deny = statement(
      policy(resources, 'aws_sqs_queue_policy', 'queue_invoices_policy'),
      'DenyInsecureTransport',
    );
    expect(deny).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  it('grants publishing and consuming, and scopes SNS delivery to the subscribed topic', () => {
    const resources = synthesize((stack) => {
      const topic = new EventTopic(stack, 'invoice-events', {
        name: 'billing-invoice-events',
        environment: DEV,
        encryption: 'kms',
      });
      const queue = new EventQueue(stack, 'invoices', {
        name: 'billing-invoices',
        environment: DEV,
        encryption: 'kms',
      });
      // Grants made after the resources exist still reach the policies: they render at synthesis.
      topic.grantPublish(PUBLISHER);
      queue.grantConsumeMessages(CONSUMER);
      queue.subscribe(topic, { filterPolicy: { kind: ['invoice-paid'] } });
    });
    const topicArn = 'arn:aws:sns:eu-west-1:111111111111:billing-invoice-events';
    const topicPolicy = policy(resources, 'aws_sns_topic_policy', 'topic_invoice-events_policy');
    expect(statement(topicPolicy, 'AllowPublishers')).toMatchObject({
      Principal: { AWS: PUBLISHER },
      Resource: topicArn,
    });
    const queuePolicy = policy(resources, 'aws_sqs_queue_policy', 'queue_invoices_policy');
    expect(statement(queuePolicy, 'AllowSnsDeliveryFromSubscribedTopics')).toMatchObject({
      Principal: { Service: 'sns.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    });
    expect(statement(queuePolicy, 'AllowConsumers')).toMatchObject({ Principal: { AWS: CONSUMER } });
    const queueKey = policy(resources, 'aws_kms_key', 'queue_invoices_key');
    expect(statement(queueKey, 'AllowSnsDeliveryFromSubscribedTopics')).toMatchObject({
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    });
    expect(
      statement(policy(resources, 'aws_kms_key', 'topic_invoice-events_key'), 'AllowPublishersThroughSns'),
    ).toMatchObject({
      Principal: { AWS: PUBLISHER },
    });

    const subscription = resources['aws_sns_topic_subscription']?.['subscription_invoices_invoice-events'];
    expect(subscription).toMatchObject({
      protocol: 'sqs',
      // Same stack: a reference, so Terraform creates the topic first.
      topic_arn: '${aws_sns_topic.topic_invoice-events.arn}',
      raw_message_delivery: true,
      filter_policy_scope: 'MessageAttributes',
    });
    expect(JSON.parse(subscription?.['filter_policy'] as string)).toEqual({ kind: ['invoice-paid'] });
    expect(JSON.parse(subscription?.['redrive_policy'] as string)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:billing-invoices-sns-dlq',
    });
    expect(subscription?.['depends_on']).toEqual([
      'aws_sqs_queue_policy.queue_invoices_policy',
      'aws_sqs_queue_policy.queue_invoices_sns_dlq_policy',
    ]);
  });

  it('subscribes to a topic of another stack by its ARN', () => {
    const resources = synthesize((stack) => {
      const queue = new EventQueue(stack, 'invoices', { name: 'billing-invoices', environment: DEV });
      queue.subscribe({
        topicArn: 'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
        logicalName: 'orders/order-events',
      });
    });
    expect(
      resources['aws_sns_topic_subscription']?.['subscription_invoices_orders_order-events'],
    ).toMatchObject({
      topic_arn: 'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
    });
  });

  it('throws one InvalidPropsError naming every problem by its code', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'billing');
    let thrown: unknown;
    try {
      new EventQueue(stack, 'invoices', {
        name: 'billing-invoices',
        environment: DEV,
        visibilityTimeout: Duration.hours(13),
        contentBasedDeduplication: true,
        consumers: ['arn:aws:iam::111111111111:role/*'],
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPropsError);
    const error = thrown as InvalidPropsError;
    expect(error.problems.map((problem) => problem.code)).toEqual([
      'content-deduplication-needs-fifo',
      'out-of-range',
      'invalid-principal',
    ]);
    expect(error.message).toContain(
      'out-of-range at visibilityTimeout: visibilityTimeout must be at most 12h (43200 s), but 13h (46800 s) was given',
    );
    // Nothing half-built stays behind in the tree for a caller that catches the error.
    expect(stack.node.tryFindChild('invoices')).toBeUndefined();
  });

  it('refuses a FIFO queue on a standard topic, a second subscription to one topic and an invalid filter', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'billing');
    const topic = new EventTopic(stack, 'invoice-events', {
      name: 'billing-invoice-events',
      environment: DEV,
    });
    const fifo = new EventQueue(stack, 'ledger', {
      name: 'billing-ledger.fifo',
      fifo: true,
      environment: DEV,
    });
    expect(() => fifo.subscribe(topic)).toThrow(/fifo-mismatch/);
    const queue = new EventQueue(stack, 'invoices', { name: 'billing-invoices', environment: DEV });
    queue.subscribe(topic);
    expect(() => queue.subscribe(topic)).toThrow(/duplicate-subscription/);
    const other = new EventQueue(stack, 'audit', { name: 'billing-audit', environment: DEV });
    expect(() => other.subscribe(topic, { filterPolicy: { kind: 'invoice-paid' } })).toThrow(
      InvalidPropsError,
    );
    expect(() => topic.grantPublish('arn:aws:iam::111111111111:root')).toThrow(/invalid-principal/);
  });

  it('checks AWS name limits and the FIFO suffix', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'billing');
    expect(() => new EventQueue(stack, 'long', { name: 'q'.repeat(77), environment: DEV })).toThrow(
      /name-too-long.*-dlq/s,
    );
    expect(
      () => new EventTopic(stack, 'ledger', { name: 'billing-ledger', fifo: true, environment: DEV }),
    ).toThrow(/fifo-mismatch/);
    // 72 characters, and 80 with "-sns-dlq": only the FIFO delivery dead-letter queue, which a FIFO
    // topic's subscription makes, is too long.
    const standard = new EventQueue(stack, 'standard', { name: 's'.repeat(72), environment: DEV });
    const fifoTopic = new EventTopic(stack, 'fifo', {
      name: 'billing-events.fifo',
      fifo: true,
      environment: DEV,
    });
    const standardTopic = new EventTopic(stack, 'events', { name: 'billing-events', environment: DEV });
    standard.subscribe(standardTopic);
    expect(() => standard.subscribe(fifoTopic)).toThrow(/name-too-long.*-sns-dlq\.fifo/s);
    expect(
      () => new EventTopic(stack, 'x', { name: 'x', environment: { account: '1', region: 'eu-west-1' } }),
    ).toThrow(/schema-pattern at environment.account/);
  });
});
