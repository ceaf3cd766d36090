import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const orders = (environments: string): string =>
  `team: orders\nowner: o@example.com\ntopics:\n  order-events:\n    environments: ${environments}\n`;
const shipping =
  'team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n';

describe('topic-not-in-environment', () => {
  it('reports a subscription in an environment where the topic does not exist', () => {
    expectOnly(
      'topic-not-in-environment',
      { file: 'requests/shipping.yaml', line: 6 },
      {
        'orders.yaml': orders('[prod]'),
        'shipping.yaml': shipping,
      },
    );
  });

  it('accepts a queue limited to the environments of its topic', () => {
    expectClean('topic-not-in-environment', {
      'orders.yaml': orders('[prod]'),
      'shipping.yaml': shipping.replace('  shipments:\n', '  shipments:\n    environments: [prod]\n'),
    });
  });
});
