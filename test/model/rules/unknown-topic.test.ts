import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS, workspace } from '../../support/workspace';

const subscriber = (topic: string): string =>
  `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: ${topic}\n`;

describe('unknown-topic and unknown-team', () => {
  it('reports a topic the team does not have, with a did-you-mean hint', () => {
    expectOnly(
      'unknown-topic',
      { file: 'requests/shipping.yaml', line: 6, column: 16 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscriber('orders/order-event'),
      },
    );
    const [problem] = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': subscriber('orders/order-event') })
      .validate()
      .diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-topic');
    expect(problem?.hint).toContain('orders/order-events');
  });

  it('reports a team without request files', () => {
    expectOnly(
      'unknown-team',
      { file: 'requests/shipping.yaml', line: 6 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscriber('order/order-events'),
      },
    );
  });

  it('reads a bare topic name as a topic of the same team', () => {
    expectOnly(
      'unknown-topic',
      { file: 'requests/shipping.yaml', line: 6 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscriber('order-events'),
      },
    );
  });

  it('does not report references into a team whose file failed to load', () => {
    const found = workspace({
      'orders.yaml': `${ORDERS}unknownField: 1\n`,
      'shipping.yaml': subscriber('orders/order-events'),
    })
      .validate()
      .diagnostics.map((diagnostic) => diagnostic.code);
    expect(found).toEqual(['schema-unknown-field']);
  });

  it('accepts existing topics of another team and of the same team', () => {
    expectClean('unknown-topic', {
      'orders.yaml': `${ORDERS}queues:\n  audit:\n    subscriptions:\n      - topic: order-events\n`,
      'shipping.yaml': subscriber('orders/order-events'),
    });
  });
});
