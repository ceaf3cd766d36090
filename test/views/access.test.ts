import { describe, expect, it } from 'vitest';
import { planStacks } from '../../lib/model';
import { listAccess } from '../../lib/views/access';
import { ORDERS, workspace } from '../support/workspace';

const SHIPPING = `team: shipping
owner: s@example.com
environments: [dev]
queues:
  shipments:
    consumers: [arn:aws:iam::222222222222:role/shipping-worker]
    subscriptions:
      - topic: orders/order-events
`;

function plans() {
  const { model, diagnostics } = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }).validate();
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return planStacks(model);
}

describe('listAccess', () => {
  it("lists publishers of a topic per environment, from the topic policy; another environment's roles get nothing", () => {
    expect(listAccess(plans(), { topic: 'orders/order-events' })).toEqual([
      {
        environment: 'dev',
        resource: {
          kind: 'topic',
          name: 'orders/order-events',
          arn: 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events',
        },
        principal: 'arn:aws:iam::111111111111:role/orders-api',
        actions: ['sns:Publish'],
        conditions: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
        crossAccount: false,
      },
    ]);
  });

  it('shows SNS delivery limited to the subscribed topic and consumers on the queue and its DLQs', () => {
    const entries = listAccess(plans(), { queue: 'shipping/shipments' });
    expect(entries.map((entry) => [entry.resource.kind, entry.principal])).toEqual([
      ['queue', 'arn:aws:iam::222222222222:role/shipping-worker'],
      ['queue', 'sns.amazonaws.com'],
      ['dead-letter queue', 'arn:aws:iam::222222222222:role/shipping-worker'],
      ['delivery dead-letter queue', 'arn:aws:iam::222222222222:role/shipping-worker'],
      ['delivery dead-letter queue', 'sns.amazonaws.com'],
    ]);
    expect(entries[1]?.conditions).toEqual({
      ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events' },
    });
  });

  it('answers what one principal can do, and nothing for a principal that is not named', () => {
    const entries = listAccess(plans(), { principal: 'arn:aws:iam::222222222222:role/shipping-worker' });
    expect(entries.every((entry) => entry.crossAccount && entry.actions.includes('sqs:ReceiveMessage'))).toBe(
      true,
    );
    expect(entries.some((entry) => entry.actions.includes('sqs:SendMessage'))).toBe(false);
    expect(listAccess(plans(), { principal: 'arn:aws:iam::111111111111:role/someone-else' })).toEqual([]);
  });
});
