import { describe, expect, it } from 'vitest';
import { pruneRejected } from '../../lib/request/prune';
import { ORDERS, workspace } from '../support/workspace';

describe('pruneRejected', () => {
  it('cuts rejected parts up to the nearest mapping entry outside any list, leaving the input as it was', () => {
    const value = { team: 'a', queues: { q: { typo: 1, consumers: ['x', 'bad*'], retention: '4d' } } };
    expect(
      pruneRejected(value, [
        ['queues', 'q', 'typo'],
        ['queues', 'q', 'consumers', 1],
      ]),
    ).toEqual({
      team: 'a',
      queues: { q: { retention: '4d' } },
    });
    expect(value.queues.q.typo).toBe(1);
  });

  it('gives up when the document itself is rejected', () => {
    expect(pruneRejected({ owner: 'x' }, [[]])).toBeUndefined();
  });
});

describe('a file with schema errors', () => {
  it('still gets its other problems reported in the same run', () => {
    const codes = workspace({
      'orders.yaml': ORDERS,
      'shipping.yaml': `team: shipping
owner: s@example.com
queues:
  shipments:
    visibilityTimout: 30s
    retention: 20d
    subscriptions:
      - topic: orders/order-event
`,
    })
      .validate()
      .diagnostics.map(({ code, line }) => `${line} ${code}`);
    expect(codes).toEqual([
      '4 dead-letter-retention-too-short',
      '5 schema-unknown-field',
      '6 out-of-range',
      '8 unknown-topic',
    ]);
  });

  it('reports nothing more when the part it needs is missing', () => {
    const codes = workspace({ 'a.yaml': 'owner: o@example.com\nqueues:\n  work:\n    retention: 20d\n' })
      .validate()
      .diagnostics.map(({ code }) => code);
    expect(codes).toEqual(['schema-missing-field']);
  });
});
