import { afterAll, describe, expect, it } from 'vitest';
import { synthesizeCloudFormation } from '../../lib/cloudformation';
import { planStacks, resolveModel, type EventBusModel } from '../../lib/model';
import { queueLogicalIds, topicLogicalIds } from '../../lib/model/logical-ids';
import { loadRequests } from '../../lib/request';
import {
  awsSolutionsFindings,
  buildApp,
  removeTemporaryOutdirs,
  templateOf,
  temporaryOutdir,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** test/cloudformation/requests with its platform config, through the loader and the model's rules. */
function loadExample(): EventBusModel {
  const loaded = loadRequests({
    requestsDir: 'requests',
    configFile: 'eventbus.config.yaml',
    cwd: __dirname,
  });
  const resolved = resolveModel(loaded);
  expect([...loaded.diagnostics, ...resolved.diagnostics]).toEqual([]);
  return resolved.model as EventBusModel;
}

describe('from request files to CloudFormation', () => {
  it('synthesizes the example requests into a topic and a queue stack per environment and team', () => {
    const result = synthesizeCloudFormation(planStacks(loadExample()), temporaryOutdir());
    expect(result).toEqual({
      stacks: [
        'dev-orders-queues',
        'dev-orders-topics',
        'dev-payments-queues',
        'prod-orders-queues',
        'prod-orders-topics',
        'prod-payments-queues',
      ],
      resourceCounts: {
        'dev-orders-queues': 7,
        'dev-orders-topics': 4,
        'dev-payments-queues': 14,
        'prod-orders-queues': 7,
        'prod-orders-topics': 4,
        'prod-payments-queues': 14,
      },
      resourceTypes: {
        'AWS::SQS::Queue': 18,
        'AWS::SQS::QueuePolicy': 18,
        'AWS::SNS::Subscription': 6,
        'AWS::SNS::Topic': 4,
        'AWS::SNS::TopicPolicy': 4,
      },
    });
  });

  it('renders what the requests say, with their files as tags and no cdk-nag findings', () => {
    const app = buildApp(planStacks(loadExample(), 'prod'));
    const payments = templateOf(app, 'prod-payments-queues');
    payments.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'prod-payments-payment-requests',
      VisibilityTimeout: 300,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': ['QueuePaymentRequestsDeadLetter', 'Arn'] },
        maxReceiveCount: 5,
      },
      Tags: [
        { Key: 'cost-center', Value: 'platform' },
        { Key: 'environment', Value: 'prod' },
        { Key: 'managed-by', Value: 'eventbus-infra' },
        { Key: 'owner', Value: 'payments-team@example.com' },
        { Key: 'request-file', Value: 'payments/queues.yaml' },
        { Key: 'team', Value: 'payments' },
      ],
    });
    payments.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: 'arn:aws:sns:eu-central-1:222222222222:prod-orders-order-placed',
      FilterPolicy: { event_type: ['OrderPlaced'] },
      FilterPolicyScope: 'MessageAttributes',
    });
    payments.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: 'arn:aws:sns:eu-central-1:222222222222:prod-orders-order-ledger.fifo',
      FilterPolicy: { detail: { amount: [{ numeric: ['>', 0] }] } },
      FilterPolicyScope: 'MessageBody',
    });
    expect(awsSolutionsFindings(app)).toEqual([]);
  });

  it("outputs each queue's and DLQ's URL and ARN, and each topic's ARN, under ids validation knows", () => {
    const app = buildApp(planStacks(loadExample(), 'prod'));
    const payments = templateOf(app, 'prod-payments-queues');
    expect(payments.findOutputs('*')).toMatchObject({
      QueuePaymentRequestsUrl: { Value: { Ref: 'QueuePaymentRequests' } },
      QueuePaymentRequestsArn: { Value: { 'Fn::GetAtt': ['QueuePaymentRequests', 'Arn'] } },
      QueuePaymentRequestsDeadLetterUrl: { Value: { Ref: 'QueuePaymentRequestsDeadLetter' } },
      QueuePaymentRequestsDeadLetterArn: {
        Value: { 'Fn::GetAtt': ['QueuePaymentRequestsDeadLetter', 'Arn'] },
      },
    });
    templateOf(app, 'prod-orders-topics').hasOutput('TopicOrderPlacedArn', {
      Value: { Ref: 'TopicOrderPlaced' },
    });
    expect(queueLogicalIds('payment-requests')).toEqual(
      expect.arrayContaining(
        Object.keys(payments.findOutputs('*')).filter((id) => id.startsWith('QueuePaymentRequests')),
      ),
    );
    expect(topicLogicalIds('order-placed')).toContain('TopicOrderPlacedArn');
  });
});
