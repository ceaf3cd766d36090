import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, combinedPlan, DEV, examplePlans, removeTemporaryOutdirs, templateOf } from './fixtures';

afterAll(removeTemporaryOutdirs);

const app = () => buildApp(examplePlans());
const queueArn = (name: string) => `arn:aws:sqs:eu-west-1:111111111111:${name}`;
const topicArn = (name: string) => `arn:aws:sns:eu-west-1:111111111111:${name}`;

describe('TopicSubscription', () => {
  it('subscribes the queue by ARN with the attribute filter, raw delivery and a delivery dead-letter queue', () => {
    templateOf(app(), 'dev-payments-queues').hasResource('AWS::SNS::Subscription', {
      Properties: {
        Protocol: 'sqs',
        TopicArn: topicArn('dev-orders-order-placed'),
        Endpoint: queueArn('dev-payments-payment-requests'),
        RawMessageDelivery: true,
        FilterPolicy: { event_type: ['OrderPlaced'] },
        FilterPolicyScope: 'MessageAttributes',
        RedrivePolicy: { deadLetterTargetArn: queueArn('dev-payments-payment-requests-sns-dlq') },
      },
      // SNS may deliver, and dead-letter, from the first message.
      DependsOn: ['QueuePaymentRequestsDeliveryDeadLetterPolicy', 'QueuePaymentRequestsPolicy'],
    });
  });

  it('renders a body filter on a FIFO topic with its scope, dead-lettering to the FIFO delivery queue', () => {
    templateOf(app(), 'dev-payments-queues').hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: topicArn('dev-orders-order-ledger.fifo'),
      Endpoint: queueArn('dev-payments-ledger.fifo'),
      FilterPolicy: { detail: { amount: [{ numeric: ['>', 0] }] } },
      FilterPolicyScope: 'MessageBody',
      RedrivePolicy: { deadLetterTargetArn: queueArn('dev-payments-ledger-sns-dlq.fifo') },
    });
  });

  it('leaves filter and scope out when the plan has no filter, and renders raw delivery as planned', () => {
    templateOf(app(), 'dev-orders-queues').hasResource('AWS::SNS::Subscription', {
      Properties: {
        Protocol: 'sqs',
        TopicArn: topicArn('dev-orders-order-placed'),
        Endpoint: queueArn('dev-orders-order-audit'),
        RawMessageDelivery: false,
        FilterPolicy: Match.absent(),
        FilterPolicyScope: Match.absent(),
        RedrivePolicy: { deadLetterTargetArn: queueArn('dev-orders-order-audit-sns-dlq') },
      },
      // Its own team's topic is in the topic stack, which this stack depends on.
      DependsOn: ['QueueOrderAuditDeliveryDeadLetterPolicy', 'QueueOrderAuditPolicy'],
    });
  });

  it('waits for the topic as well when a hand-made plan puts the topic in the same stack', () => {
    const plan = combinedPlan(examplePlans(), DEV.name, 'orders', []);
    templateOf(buildApp([plan]), 'dev-orders').hasResource('AWS::SNS::Subscription', {
      Properties: {
        TopicArn: topicArn('dev-orders-order-placed'),
        Endpoint: queueArn('dev-orders-order-audit'),
      },
      DependsOn: ['QueueOrderAuditDeliveryDeadLetterPolicy', 'QueueOrderAuditPolicy', 'TopicOrderPlaced'],
    });
  });

  it('names subscriptions after the queue and the topic team and name', () => {
    const resources = templateOf(app(), 'dev-payments-queues').findResources('AWS::SNS::Subscription');
    expect(Object.keys(resources).sort()).toEqual([
      'QueueLedgerSubscriptionOrdersOrderLedger',
      'QueuePaymentRequestsSubscriptionOrdersOrderPlaced',
    ]);
  });
});
