import { Match, Template } from 'aws-cdk-lib/assertions';
import { AnyPrincipal, ArnPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { QueueBase, type CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventQueue } from '../../lib/cloudformation';
import { planStacks } from '../../lib/model';
import { Size } from '../../lib/units';
import {
  buildApp,
  busModel,
  DEV,
  examplePlans,
  LEDGER_WORKER,
  PAYMENTS_WORKER,
  platform,
  queue,
  removeTemporaryOutdirs,
  stackOf,
  team,
  templateOf,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

const payments = () => templateOf(buildApp(examplePlans()), 'dev-payments-queues');
const queueArn = (name: string) => `arn:aws:sqs:eu-west-1:111111111111:${name}`;
const topicArn = (name: string) => `arn:aws:sns:eu-west-1:111111111111:${name}`;

describe('EventQueue', () => {
  it('renders the queue settings of the plan, with SSE-SQS written out', () => {
    payments().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-payment-requests',
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 300,
      MessageRetentionPeriod: 7 * 86_400,
      DelaySeconds: 10,
      ReceiveMessageWaitTimeSeconds: 20,
      MaximumMessageSize: 262_144,
      FifoQueue: Match.absent(),
      ContentBasedDeduplication: Match.absent(),
    });
  });

  it('redrives to the dead-letter queue after maxReceiveCount receives, once the DLQ exists', () => {
    const template = payments();
    // Fn::GetAtt makes CloudFormation create the DLQ first, and lets cfn-lint compare their types.
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-payment-requests',
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': ['QueuePaymentRequestsDeadLetter', 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    expect(template.toJSON().Resources.QueuePaymentRequestsDeadLetter.Properties.QueueName).toBe(
      'dev-payments-payment-requests-dlq',
    );
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-ledger.fifo',
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': ['QueueLedgerDeadLetter', 'Arn'] },
        maxReceiveCount: 3,
      },
    });
    expect(template.toJSON().Resources.QueueLedgerDeadLetter.Properties.QueueName).toBe(
      'dev-payments-ledger-dlq.fifo',
    );
  });

  it('lets only its own queue redrive into the dead-letter queue, and keeps failures 14 days', () => {
    payments().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-payment-requests-dlq',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [queueArn('dev-payments-payment-requests')],
      },
      RedrivePolicy: Match.absent(),
    });
  });

  it('retains every queue and dead-letter queue when it is deleted or replaced', () => {
    const queues = payments().findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(6);
    for (const resource of Object.values(queues)) {
      expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('renders FIFO queues with a FIFO dead-letter queue and a FIFO delivery dead-letter queue', () => {
    const template = payments();
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-ledger.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
    for (const name of ['dev-payments-ledger-dlq.fifo', 'dev-payments-ledger-sns-dlq.fifo']) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: name,
        FifoQueue: true,
        ContentBasedDeduplication: Match.absent(),
        SqsManagedSseEnabled: true,
      });
    }
  });

  it('renders the delivery dead-letter queue encrypted, keeping 14 days, without a redrive of its own', () => {
    payments().hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-payment-requests-sns-dlq',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
      RedrivePolicy: Match.absent(),
      RedriveAllowPolicy: Match.absent(),
    });
  });

  it("renders the plan's queue policy once: TLS deny first, then SNS from the subscribed topic, then consumers", () => {
    const template = payments();
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: { Queues: [{ Ref: 'QueuePaymentRequests' }] },
    });
    expect(Object.keys(policies)).toEqual(['QueuePaymentRequestsPolicy']);
    const arn = queueArn('dev-payments-payment-requests');
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'QueuePaymentRequests' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Resource: arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'AllowSnsDeliveryFromSubscribedTopics',
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: arn,
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn('dev-orders-order-placed') } },
          },
          {
            Sid: 'AllowConsumers',
            Effect: 'Allow',
            Principal: { AWS: PAYMENTS_WORKER },
            Action: [
              'sqs:ChangeMessageVisibility',
              'sqs:DeleteMessage',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
              'sqs:ReceiveMessage',
            ],
            Resource: arn,
          },
        ],
      },
    });
  });

  it("gives each dead-letter queue exactly the plan's policy", () => {
    const template = payments();
    template.resourceCountIs('AWS::SQS::QueuePolicy', 6);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'QueueLedgerDeadLetter' }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Action: 'sqs:*' }),
          Match.objectLike({ Sid: 'AllowConsumers', Principal: { AWS: [LEDGER_WORKER, PAYMENTS_WORKER] } }),
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: 'QueueLedgerDeliveryDeadLetterFifo' }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Sid: 'DenyInsecureTransport' }),
          Match.objectLike({
            Sid: 'AllowSnsDeliveryFromSubscribedTopics',
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn('dev-orders-order-ledger.fifo') } },
          }),
          Match.objectLike({ Sid: 'AllowConsumers' }),
        ],
      },
    });
  });

  it('tags every queue with the stack tags and the request file that defines it', () => {
    const template = payments();
    for (const name of [
      'dev-payments-payment-requests',
      'dev-payments-payment-requests-dlq',
      'dev-payments-payment-requests-sns-dlq',
    ]) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: name,
        Tags: [
          { Key: 'cost-center', Value: 'platform' },
          { Key: 'environment', Value: 'dev' },
          { Key: 'managed-by', Value: 'eventbus-infra' },
          { Key: 'owner', Value: 'payments-team@example.com' },
          { Key: 'request-file', Value: 'payments/requests.yaml' },
          { Key: 'team', Value: 'payments' },
        ],
      });
    }
  });

  it("keeps a queue's own request-file tag when the platform's tags name the same key, as Terraform's default_tags do", () => {
    const model = busModel(
      [team('search', { queues: [queue('search/reindex')] })],
      platform({ tags: { 'request-file': 'platform-wide', 'cost-center': 'platform' } }),
    );
    const stack = stackOf(buildApp(planStacks(model, DEV.name)), 'dev-search-queues');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-search-reindex',
      Tags: Match.arrayWith([{ Key: 'request-file', Value: 'search.yaml' }]),
    });
    // The stack itself has no request file: it keeps the platform's value.
    expect(stack.tags.tagValues()['request-file']).toBe('platform-wide');
  });

  it('renders no dead-letter queue, redrive or delivery dead-letter queue that the plan does not have', () => {
    const model = busModel([
      team('search', {
        queues: [queue('search/reindex', { deadLetter: false, maxMessageSize: Size.kibibytes(1024) })],
      }),
    ]);
    const template = templateOf(buildApp(planStacks(model, DEV.name)), 'dev-search-queues');
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.resourceCountIs('AWS::SQS::QueuePolicy', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-search-reindex',
      MaximumMessageSize: 1_048_576,
      RedrivePolicy: Match.absent(),
    });
  });

  it('refuses statements added behind the plan: a grant on the queue fails instead of adding a policy', () => {
    const stack = buildApp(examplePlans()).node.findChild('dev-payments-queues');
    const { queue: ledger } = stack.node.findChild('queue-ledger') as EventQueue;
    const constructs = stack.node.findAll().length;
    const statement = new PolicyStatement({ actions: ['sqs:SendMessage'], principals: [new AnyPrincipal()] });
    expect(() => ledger.addToResourcePolicy(statement)).toThrow(
      /policy of queue dev-payments-queues\/queue-ledger\/Queue is rendered from its plan and its grants: use EventQueue.grantConsumeMessages/,
    );
    // A grant to another account's role would have to go into the queue's policy: it throws too.
    const otherAccount = new ArnPrincipal('arn:aws:iam::222222222222:role/reader');
    expect(() => ledger.grantSendMessages(otherAccount)).toThrow(/is rendered from its plan/);
    expect(stack.node.findAll()).toHaveLength(constructs);
  });

  it('makes the IQueue only when asked for, once: the bus itself renders from the L1s', () => {
    const stack = stackOf(buildApp(examplePlans()), 'dev-payments-queues');
    const ledger = stack.node.findChild('queue-ledger') as EventQueue;
    const interfaces = () => stack.node.findAll().filter((construct) => construct instanceof QueueBase);
    expect(interfaces()).toEqual([]);
    expect(ledger.queue).toBe(ledger.queue);
    expect(interfaces().map((construct) => construct.node.path)).toEqual([
      'dev-payments-queues/queue-ledger/Queue/Interface',
    ]);
  });

  it('hands aws-cdk-lib code the queue it renders: the IQueue wraps the CfnQueue and refers to it', () => {
    const stack = stackOf(buildApp(examplePlans()), 'dev-payments-queues');
    const ledger = stack.node.findChild('queue-ledger') as EventQueue;
    const resource = ledger.queue.node.defaultChild as CfnQueue;
    expect(resource.cfnResourceType).toBe('AWS::SQS::Queue');
    expect(stack.resolve(resource.logicalId)).toBe('QueueLedger');
    expect(stack.resolve(ledger.queue.queueArn)).toEqual({ 'Fn::GetAtt': ['QueueLedger', 'Arn'] });
    expect(stack.resolve(ledger.queue.queueUrl)).toEqual({ Ref: 'QueueLedger' });
    expect(stack.resolve(ledger.queue.queueName)).toEqual({ 'Fn::GetAtt': ['QueueLedger', 'QueueName'] });
    expect(ledger.queue.fifo).toBe(true);
    expect(stack.resolve(ledger.deadLetterQueue?.queueArn)).toEqual({
      'Fn::GetAtt': ['QueueLedgerDeadLetter', 'Arn'],
    });
    expect(stack.resolve(ledger.deliveryDeadLetterQueue(true).queueUrl)).toEqual({
      Ref: 'QueueLedgerDeliveryDeadLetterFifo',
    });
  });
});
