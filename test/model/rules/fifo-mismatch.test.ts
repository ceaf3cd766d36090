import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS } from '../../support/workspace';

const queue = (fifo: boolean, topic: string): string =>
  `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    fifo: ${fifo}\n    subscriptions:\n      - topic: ${topic}\n`;

describe('fifo-mismatch', () => {
  it('reports a FIFO queue subscribed to a standard topic', () => {
    expectOnly(
      'fifo-mismatch',
      { file: 'requests/shipping.yaml', line: 7 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': queue(true, 'orders/order-events'),
      },
    );
  });

  it('accepts a FIFO queue on a FIFO topic and a standard queue on a FIFO topic', () => {
    expectClean('fifo-mismatch', { 'orders.yaml': ORDERS, 'shipping.yaml': queue(true, 'orders/ledger') });
    expectClean('fifo-mismatch', { 'orders.yaml': ORDERS, 'shipping.yaml': queue(false, 'orders/ledger') });
  });
});
