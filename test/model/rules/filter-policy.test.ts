import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS, problems } from '../../support/workspace';

const subscription = (lines: string): Record<string, string> => ({
  'orders.yaml': ORDERS,
  'shipping.yaml': `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n${lines}`,
});

describe('filter-policy', () => {
  it('reports an unknown operator at its line in the request file', () => {
    expectOnly(
      'filter-policy-unknown-operator',
      { file: 'requests/shipping.yaml', line: 9 },
      subscription('        filter:\n          region:\n            - prefx: eu-\n'),
    );
  });

  it('counts the key that `events` adds toward the limit of 5', () => {
    const found = problems(
      subscription(
        '        events: [OrderCreated]\n        filter: { a: [x], b: [x], c: [x], d: [x], e: [x] }\n',
      ),
    ).filter((problem) => problem.code === 'filter-policy-too-many-keys');
    expect(found).toEqual([expect.objectContaining({ file: 'requests/shipping.yaml', line: 8 })]);
  });

  it('reports a policy above complexity 150', () => {
    const values = (count: number): string =>
      `[${Array.from({ length: count }, (_, index) => `v${index}`).join(', ')}]`;
    const found = problems(
      subscription(`        filter: { a: ${values(10)}, b: ${values(4)}, c: ${values(4)} }\n`),
    ).filter((problem) => problem.code === 'filter-policy-too-complex');
    expect(found).toEqual([expect.objectContaining({ file: 'requests/shipping.yaml', line: 7 })]);
  });

  it('accepts a valid body filter and a valid attribute filter', () => {
    expectClean(
      'filter-policy-unknown-operator',
      subscription(
        '        filterScope: MessageBody\n        filter:\n          order: { total: [{ numeric: [">=", 500] }] }\n',
      ),
    );
    expectClean(
      'filter-policy-too-many-keys',
      subscription('        events: [OrderCreated]\n        filter: { a: [x], b: [x], c: [x], d: [x] }\n'),
    );
  });
});
