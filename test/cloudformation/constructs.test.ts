import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { Duration, EventQueue, EventTopic, InvalidPropsError } from '../../lib/cloudformation';

const DEV = { account: '111111111111', region: 'eu-west-1' } as const;
const PUBLISHER = 'arn:aws:iam::111111111111:role/orders-api';
const CONSUMER = 'arn:aws:iam::111111111111:role/billing-worker';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:billing-invoice-events';

function stackOf(): Stack {
  return new Stack(new App(), 'billing', { env: DEV });
}

describe('EventTopic and EventQueue in an app of its own', () => {
  it('renders a retained queue with a dead-letter queue by default and logical ids from its logical name', () => {
    const stack = stackOf();
    new EventQueue(stack, 'invoices', {
      name: 'billing-invoices',
      environment: DEV,
      visibilityTimeout: Duration.minutes(5),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResource('AWS::SQS::Queue', {
      Properties: {
        QueueName: 'billing-invoices',
        VisibilityTimeout: 300,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': ['QueueInvoicesDeadLetter', 'Arn'] },
          maxReceiveCount: 5,
        },
      },
      DeletionPolicy: 'Retain',
    });
    expect(Object.keys(template.findResources('AWS::SQS::Queue')).sort()).toEqual([
      'QueueInvoices',
      'QueueInvoicesDeadLetter',
    ]);
  });

  it('grants publishing and consuming, and scopes SNS delivery to the subscribed topic', () => {
    const stack = stackOf();
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
    topic.grantPublish(PUBLISHER);
    queue.grantConsumeMessages(CONSUMER);
    queue.subscribe(topic, { filterPolicy: { kind: ['invoice-paid'] } });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowPublishers', Principal: { AWS: PUBLISHER } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'QueueInvoices' }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowSnsDeliveryFromSubscribedTopics',
            Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
          }),
          Match.objectLike({ Sid: 'AllowConsumers', Principal: { AWS: CONSUMER } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Encrypts messages of queue billing-invoices and its dead-letter queues',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowConsumersToDecrypt', Principal: { AWS: CONSUMER } }),
        ]),
      },
    });
    template.hasResource('AWS::SNS::Subscription', {
      Properties: {
        TopicArn: TOPIC_ARN,
        Protocol: 'sqs',
        FilterPolicy: { kind: ['invoice-paid'] },
        RawMessageDelivery: true,
        RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:billing-invoices-sns-dlq' },
      },
      // Same stack: the topic, the queue policy and the delivery dead-letter queue's policy come first.
      DependsOn: ['TopicInvoiceEvents', 'QueueInvoicesDeliveryDeadLetterPolicy', 'QueueInvoicesPolicy'],
    });
    expect(Object.keys(template.findResources('AWS::SNS::Subscription'))).toEqual([
      'QueueInvoicesSubscriptionInvoiceEvents',
    ]);
  });

  it('throws one InvalidPropsError naming every problem by its code, leaving nothing in the tree', () => {
    const stack = stackOf();
    let thrown: unknown;
    try {
      new EventQueue(stack, 'invoices', {
        name: 'billing-invoices',
        environment: DEV,
        visibilityTimeout: Duration.hours(13),
        deadLetter: { retention: Duration.days(1) },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPropsError);
    expect((thrown as InvalidPropsError).problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['out-of-range', ['visibilityTimeout']],
      ['dead-letter-retention-too-short', ['deadLetter', 'retention']],
    ]);
    expect(stack.node.tryFindChild('invoices')).toBeUndefined();
  });

  it('refuses a FIFO queue on a standard topic', () => {
    const stack = stackOf();
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
  });
});
