import type { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudFormationPlanError,
  queueResourceCount,
  splitPlan,
  synthesizeCloudFormation,
  topicResourceCount,
  type CloudFormationSynthesis,
} from '../../lib/cloudformation';
import { planStacks, type StackPlan } from '../../lib/model';
import {
  awsSolutionsFindings,
  buildApp,
  busModel,
  DEV,
  examplePlans,
  planNamed,
  queue,
  removeTemporaryOutdirs,
  stackOf,
  team,
  templateOf,
  temporaryOutdir,
  topic,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** One topic (2 resources, in the topic stack) and `queues` queues subscribed to it (7 resources each). */
function bulkPlans(queues: number) {
  const names = Array.from({ length: queues }, (_, index) => `consumer-${String(index).padStart(3, '0')}`);
  const model = busModel([
    team('bulk', {
      topics: [topic('bulk/events')],
      queues: names.map((name) => queue(`bulk/${name}`, { subscriptions: ['bulk/events'] })),
    }),
  ]);
  return planStacks(model, DEV.name);
}

function resourceIds(app: App, stackName: string): string[] {
  return Object.keys(templateOf(app, stackName).toJSON().Resources as object);
}

describe('splitPlan', () => {
  it('keeps a plan that fits in one stack whole', () => {
    const payments = planNamed(examplePlans(), 'dev.payments.queues');
    expect(splitPlan(payments).map((part) => [part.stackName, part.resourceCount])).toEqual([
      ['dev-payments-queues', 14],
    ]);
  });

  it('counts exactly the resources each topic and queue renders', () => {
    const app = buildApp(examplePlans());
    for (const plan of examplePlans()) {
      const expected =
        plan.topics.reduce((sum, topicPlan) => sum + topicResourceCount(topicPlan), 0) +
        plan.queues.reduce((sum, queuePlan) => sum + queueResourceCount(queuePlan), 0);
      expect(resourceIds(app, plan.name.replaceAll('.', '-'))).toHaveLength(expected);
    }
  });

  it('moves what does not fit into "<name>-2", keeping each queue with its DLQs, policies and subscriptions', () => {
    const payments = planNamed(examplePlans(), 'dev.payments.queues');
    const app = buildApp(examplePlans(), { maxResourcesPerStack: 7 });
    expect(app.node.children.map((stack) => (stack as Stack).stackName)).toEqual([
      'dev-orders-queues',
      'dev-orders-topics',
      'dev-payments-queues',
      'dev-payments-queues-2',
    ]);
    expect(splitPlan(payments, 7).map((part) => part.queues.map((queuePlan) => queuePlan.name))).toEqual([
      ['dev-payments-ledger.fifo'],
      ['dev-payments-payment-requests'],
    ]);
    expect(resourceIds(app, 'dev-payments-queues').sort()).toEqual([
      'QueueLedger',
      'QueueLedgerDeadLetter',
      'QueueLedgerDeadLetterPolicy',
      'QueueLedgerDeliveryDeadLetterFifo',
      'QueueLedgerDeliveryDeadLetterFifoPolicy',
      'QueueLedgerPolicy',
      'QueueLedgerSubscriptionOrdersOrderLedger',
    ]);
    expect(resourceIds(app, 'dev-payments-queues-2')).toHaveLength(7);
  });

  it('makes each part depend only on the parts that create the topics it subscribes to', () => {
    // Four topics (2 resources each) fill a 7-resource stack with three; the fourth moves on.
    const model = busModel([
      team('orders', { topics: ['a', 'b', 'c', 'd'].map((name) => topic(`orders/${name}`)) }),
      team('payments', {
        queues: [
          queue('payments/early', { subscriptions: ['orders/a'] }),
          queue('payments/late', { subscriptions: ['orders/d'] }),
        ],
      }),
    ]);
    const app = buildApp(planStacks(model, DEV.name), { maxResourcesPerStack: 7 });
    const dependencies = (name: string) => stackOf(app, name).dependencies.map((stack) => stack.stackName);
    expect(resourceIds(app, 'dev-orders-topics-2').sort()).toEqual(['TopicD', 'TopicDPolicy']);
    expect(resourceIds(app, 'dev-payments-queues')).toContain('QueueEarly');
    expect(resourceIds(app, 'dev-payments-queues-2')).toContain('QueueLate');
    expect(dependencies('dev-orders-topics')).toEqual([]);
    expect(dependencies('dev-orders-topics-2')).toEqual([]);
    expect(dependencies('dev-payments-queues')).toEqual(['dev-orders-topics']);
    expect(dependencies('dev-payments-queues-2')).toEqual(['dev-orders-topics-2']);
  });

  it('refuses a queue that alone needs more resources than the limit', () => {
    expect(() => buildApp(examplePlans(), { maxResourcesPerStack: 6 })).toThrow(
      /queue "dev-orders-order-audit" of "dev.orders.queues" needs 7 CloudFormation resources, more than the 6/,
    );
  });

  it.each([0, 501, 2.5])('refuses a resource limit of %s', (limit) => {
    expect(() => buildApp(examplePlans(), { maxResourcesPerStack: limit })).toThrow(CloudFormationPlanError);
  });

  describe('on a generated plan of more than 500 resources', () => {
    // Synthesizing 700 resources takes seconds: the tests share one synthesis, and each runs in a
    // turn of the event loop of its own.
    let plans: StackPlan[];
    let first: CloudFormationSynthesis;
    beforeAll(() => {
      plans = bulkPlans(100);
      first = synthesizeCloudFormation(plans, temporaryOutdir());
    });

    it('splits it into stacks CloudFormation accepts', () => {
      expect(first).toEqual({
        stacks: ['dev-bulk-queues', 'dev-bulk-queues-2', 'dev-bulk-topics'],
        // 71 queues (7 resources each) fill 497; the other 29 queues follow. The topic has its own stack.
        resourceCounts: { 'dev-bulk-queues': 497, 'dev-bulk-queues-2': 203, 'dev-bulk-topics': 2 },
        resourceTypes: {
          'AWS::SNS::Topic': 1,
          'AWS::SNS::TopicPolicy': 1,
          'AWS::SQS::Queue': 300,
          'AWS::SQS::QueuePolicy': 300,
          'AWS::SNS::Subscription': 100,
        },
      });
    });

    it('splits the same plan the same way every time', () => {
      expect(synthesizeCloudFormation(bulkPlans(100), temporaryOutdir())).toEqual(first);
    });

    it('splits it into parts that pass cdk-nag', () => {
      expect(awsSolutionsFindings(buildApp(plans))).toEqual([]);
    });
  });
});
