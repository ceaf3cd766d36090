import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../lib/views/route';
import { ORDERS, workspace } from '../support/workspace';

const SHIPPING = `team: shipping
owner: s@example.com
queues:
  everything:
    subscriptions:
      - topic: orders/order-events
  created-in-eu:
    subscriptions:
      - topic: orders/order-events
        events: [OrderCreated]
        filter: { region: [{ prefix: eu- }] }
  big-orders:
    environments: [prod]
    subscriptions:
      - topic: orders/order-events
        filterScope: MessageBody
        filter: { order: { total: [{ numeric: [">=", 500] }] } }
`;

function modelOf() {
  const { model, diagnostics } = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }).validate();
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return model;
}

const topic = { team: 'orders', name: 'order-events' };

describe('routeEvent', () => {
  it('delivers to unfiltered queues and to filters that match, naming the key that rejects the others', () => {
    const result = routeEvent(modelOf(), topic, {
      attributes: {
        event_type: { DataType: 'String', StringValue: 'OrderCreated' },
        region: { DataType: 'String', StringValue: 'us-east-1' },
      },
      body: JSON.stringify({ order: { total: 900 } }),
    });
    expect(result.decisions).toEqual([
      { queue: 'shipping/big-orders', environments: ['prod'], delivered: true },
      {
        queue: 'shipping/created-in-eu',
        environments: ['dev', 'prod'],
        delivered: false,
        rejectedBy: 'region',
      },
      { queue: 'shipping/everything', environments: ['dev', 'prod'], delivered: true },
    ]);
  });

  it('checks the event type that `events` adds', () => {
    const result = routeEvent(modelOf(), topic, {
      attributes: {
        event_type: { DataType: 'String', StringValue: 'OrderShipped' },
        region: { DataType: 'String', StringValue: 'eu-west-1' },
      },
    });
    expect(result.decisions.find((decision) => decision.queue === 'shipping/created-in-eu')).toMatchObject({
      delivered: false,
      rejectedBy: 'event_type',
    });
  });

  it('limits the answer to one environment', () => {
    const result = routeEvent(modelOf(), topic, {}, 'dev');
    expect(result.decisions.map((decision) => decision.queue)).toEqual([
      'shipping/created-in-eu',
      'shipping/everything',
    ]);
  });

  it('never delivers a body filter a body that is not JSON', () => {
    const result = routeEvent(modelOf(), topic, { body: 'not json' }, 'prod');
    expect(result.decisions.find((decision) => decision.queue === 'shipping/big-orders')).toMatchObject({
      delivered: false,
      reason: 'body-not-json-object',
    });
  });
});
