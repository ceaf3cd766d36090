import { describe, expect, it } from 'vitest';
import { problems } from '../../support/workspace';

const ORDERS = 'team: orders\nowner: o@example.com\ntopics:\n  events:\n    retired: true\n';

describe('resource-retired', () => {
  it('warns at "retired" of a retired queue, without failing validation', () => {
    const found = problems({
      'shipping.yaml': 'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    retired: true\n',
    });
    expect(found).toEqual([
      { code: 'resource-retired', severity: 'warning', file: 'requests/shipping.yaml', line: 5, column: 14 },
    ]);
  });

  it('warns at a retired topic and at each live subscription to it', () => {
    const found = problems({
      'orders.yaml': ORDERS,
      'shipping.yaml':
        'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: orders/events\n',
    });
    expect(found).toEqual([
      { code: 'resource-retired', severity: 'warning', file: 'requests/orders.yaml', line: 5, column: 14 },
      { code: 'resource-retired', severity: 'warning', file: 'requests/shipping.yaml', line: 6, column: 16 },
    ]);
  });

  it('does not warn again for a retired queue subscribed to a retired topic', () => {
    const found = problems({
      'orders.yaml': ORDERS,
      'shipping.yaml':
        'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    retired: true\n    subscriptions:\n      - topic: orders/events\n',
    });
    expect(found.map(({ file, line }) => `${file}:${line}`)).toEqual([
      'requests/orders.yaml:5',
      'requests/shipping.yaml:5',
    ]);
  });

  it('stays quiet for entries that are not retired', () => {
    expect(problems({ 'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n' })).toEqual(
      [],
    );
  });
});
