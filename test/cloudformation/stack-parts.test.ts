import type { App, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CloudFormationPlanError,
  queueResourceCount,
  splitPlan,
  synthesizeCloudFormation,
  topicResourceCount,
} from '../../lib/cloudformation';
import { planStacks, type StackPlan } from '../../lib/model';
import {
  awsSolutionsFindings,
  buildApp,
  busModel,
  DEV,
  examplePlans,
  queue,
  removeTemporaryOutdirs,
  stackOf,
  team,
  templateOf,
  temporaryOutdir,
  topic,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** One topic and `queues` queues subscribed to it: 2 + 7 × queues resources. */
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
    const orders = examplePlans().find((plan) => plan.name === 'dev.orders') as StackPlan;
    expect(splitPlan(orders).map((part) => [part.stackName, part.resourceCount])).toEqual([
      ['dev-orders', 11],
    ]);
  });

  it('counts exactly the resources each topic and queue renders', () => {
    const app = buildApp(examplePlans());
    for (const plan of examplePlans()) {
      const expected =
        plan.topics.reduce((sum, topicPlan) => sum + topicResourceCount(topicPlan), 0) +
        plan.queues.reduce((sum, queuePlan) => sum + queueResourceCount(queuePlan), 0);
      expect(resourceIds(app, plan.name.replace('.', '-'))).toHaveLength(expected);
    }
  });

  it('moves what does not fit into "<name>-2", keeping each queue with its DLQs, policies and subscriptions', () => {
    const payments = examplePlans().find((plan) => plan.name === 'dev.payments') as StackPlan;
    const app = buildApp(examplePlans(), { maxResourcesPerStack: 7 });
    expect(app.node.children.map((stack) => (stack as Stack).stackName)).toEqual([
      'dev-orders',
      'dev-orders-2',
      'dev-payments',
      'dev-payments-2',
    ]);
    expect(splitPlan(payments, 7).map((part) => part.queues.map((queuePlan) => queuePlan.name))).toEqual([
      ['dev-payments-ledger.fifo'],
      ['dev-payments-payment-requests'],
    ]);
    expect(resourceIds(app, 'dev-payments').sort()).toEqual([
      'QueueLedger',
      'QueueLedgerDeadLetter',
      'QueueLedgerDeadLetterPolicy',
      'QueueLedgerDeliveryDeadLetterFifo',
      'QueueLedgerDeliveryDeadLetterFifoPolicy',
      'QueueLedgerPolicy',
      'QueueLedgerSubscriptionOrdersOrderLedger',
    ]);
    expect(resourceIds(app, 'dev-payments-2')).toHaveLength(7);
  });

  it('makes each part depend only on the parts that create the topics it subscribes to', () => {
    const app = buildApp(examplePlans(), { maxResourcesPerStack: 7 });
    const dependencies = (name: string) => stackOf(app, name).dependencies.map((stack) => stack.stackName);
    // dev-orders holds both topics; its own audit queue moved to dev-orders-2.
    expect(resourceIds(app, 'dev-orders').sort()).toEqual([
      'TopicOrderLedger',
      'TopicOrderLedgerPolicy',
      'TopicOrderPlaced',
      'TopicOrderPlacedPolicy',
    ]);
    expect(dependencies('dev-orders')).toEqual([]);
    expect(dependencies('dev-orders-2')).toEqual(['dev-orders']);
    expect(dependencies('dev-payments')).toEqual(['dev-orders']);
    expect(dependencies('dev-payments-2')).toEqual(['dev-orders']);
  });

  it('refuses a queue that alone needs more resources than the limit', () => {
    expect(() => buildApp(examplePlans(), { maxResourcesPerStack: 6 })).toThrow(
      /queue "dev-orders-order-audit" of "dev.orders" needs 7 CloudFormation resources, more than the 6/,
    );
  });

  it.each([0, 501, 2.5])('refuses a resource limit of %s', (limit) => {
    expect(() => buildApp(examplePlans(), { maxResourcesPerStack: limit })).toThrow(CloudFormationPlanError);
  });

  it('splits a generated plan of more than 500 resources into stacks CloudFormation accepts', () => {
    const plans = bulkPlans(100);
    const result = synthesizeCloudFormation(plans, temporaryOutdir());
    expect(result).toEqual({
      stacks: ['dev-bulk', 'dev-bulk-2'],
      // The topic (2) and 71 queues (7 each) fill 499; the other 29 queues follow.
      resourceCounts: { 'dev-bulk': 499, 'dev-bulk-2': 203 },
    });
  });

  it('splits the same plan the same way every time, and the parts pass cdk-nag', () => {
    const plans = bulkPlans(100);
    const first = synthesizeCloudFormation(plans, temporaryOutdir());
    const second = synthesizeCloudFormation(bulkPlans(100), temporaryOutdir());
    expect(second).toEqual(first);
    expect(awsSolutionsFindings(buildApp(plans))).toEqual([]);
  });
});
