import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS } from '../../support/workspace';

const subscription = (extra: string): string =>
  `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n        events: [OrderCreated]\n${extra}`;

describe('events-filter-conflict', () => {
  it('reports events combined with a filter on the event-type attribute, at the filter key', () => {
    expectOnly('events-filter-conflict', { file: 'requests/shipping.yaml', line: 9, column: 11 }, {
      'orders.yaml': ORDERS,
      'shipping.yaml': subscription('        filter:\n          event_type: [OrderShipped]\n'),
    });
  });

  it('reports events on a message-body filter', () => {
    expectOnly('events-filter-conflict', { file: 'requests/shipping.yaml', line: 7 }, {
      'orders.yaml': ORDERS,
      'shipping.yaml': subscription('        filterScope: MessageBody\n        filter: { kind: [x] }\n'),
    });
  });

  it('accepts events with a filter on other attributes', () => {
    expectClean('events-filter-conflict', {
      'orders.yaml': ORDERS,
      'shipping.yaml': subscription('        filter:\n          region: [{ prefix: eu- }]\n'),
    });
  });
});
