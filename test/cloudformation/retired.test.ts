import { afterAll, describe, expect, it } from 'vitest';
import { planStacks } from '../../lib/model';
import { buildApp, busModel, queue, removeTemporaryOutdirs, team, templateOf, topic } from './fixtures';

afterAll(removeTemporaryOutdirs);

describe('retired entries in CloudFormation', () => {
  const model = busModel([
    team('orders', {
      topics: [topic('orders/events', { encryption: 'kms' }), topic('orders/old-events', { retired: true })],
    }),
    team('shipping', {
      queues: [queue('shipping/work', { retired: true, subscriptions: ['orders/events'] })],
    }),
  ]);
  const app = buildApp(planStacks(model));

  it('leaves retired entries out of the template; what stays is retained, so leaving deletes nothing', () => {
    const orders = templateOf(app, 'dev-orders-topics');
    orders.resourceCountIs('AWS::SNS::Topic', 1);
    orders.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'dev-orders-events' });
    orders.hasResource('AWS::SNS::Topic', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    orders.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('keeps a stack whose entries are all retired, with a resource that does nothing', () => {
    const shipping = templateOf(app, 'dev-shipping-queues').toJSON() as {
      Resources: Record<string, { Type: string }>;
    };
    expect(Object.values(shipping.Resources).map((resource) => resource.Type)).toEqual([
      'AWS::CloudFormation::WaitConditionHandle',
    ]);
  });
});
