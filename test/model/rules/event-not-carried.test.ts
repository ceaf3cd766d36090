import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS, workspace } from '../../support/workspace';

const subscriber = (events: string): string =>
  `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n        events:\n          - OrderCreated\n          - ${events}\n`;

describe('event-not-carried', () => {
  it('reports an event type the topic does not list, at the event, with a suggestion', () => {
    expectOnly(
      'event-not-carried',
      { file: 'requests/shipping.yaml', line: 9, column: 13 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscriber('OrderShiped'),
      },
    );
    const hint = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('OrderShiped') })
      .validate()
      .diagnostics.find((diagnostic) => diagnostic.code === 'event-not-carried')?.hint;
    expect(hint).toContain('OrderShipped');
  });

  it('accepts events the topic carries', () => {
    expectClean('event-not-carried', { 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('OrderShipped') });
  });
});
