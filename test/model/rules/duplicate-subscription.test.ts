import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS } from '../../support/workspace';

describe('duplicate-subscription', () => {
  it('reports a second subscription of one queue to one topic', () => {
    expectOnly(
      'duplicate-subscription',
      { file: 'requests/shipping.yaml', line: 8 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml':
          'team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n        events: [OrderCreated]\n      - topic: orders/order-events\n',
      },
    );
  });

  it('accepts one queue subscribed to two topics', () => {
    expectClean('duplicate-subscription', {
      'orders.yaml': `${ORDERS}  returns: {}\n`,
      'shipping.yaml':
        'team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n      - topic: orders/returns\n',
    });
  });
});
