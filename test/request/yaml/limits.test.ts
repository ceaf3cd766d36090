import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML_LIMITS, YAML_LIMIT_CEILINGS } from '../../../lib/request/yaml';
import { resolveLimits } from '../../../lib/request/yaml/limits';
import { expectOnlyProblem, parseText, SAMPLE_REQUEST } from './helpers';

describe('limits', () => {
  it('default to 64 KiB and 32 levels', () => {
    expect(resolveLimits(undefined)).toEqual({ maxBytes: 65_536, maxDepth: 32 });
    expect(resolveLimits({})).toEqual(DEFAULT_YAML_LIMITS);
  });

  it('are clamped to the ceilings, and ignore values that are not whole numbers', () => {
    expect(resolveLimits({ maxBytes: 1e12, maxDepth: 10_000 })).toEqual(YAML_LIMIT_CEILINGS);
    expect(resolveLimits({ maxBytes: -5, maxDepth: 0 })).toEqual({ maxBytes: 0, maxDepth: 1 });
    expect(resolveLimits({ maxBytes: Number.NaN, maxDepth: 2.5 })).toEqual(DEFAULT_YAML_LIMITS);
  });

  it('apply as given', () => {
    expectOnlyProblem(parseText('team: orders\n', { maxBytes: 10 }), 'file-too-large', 1, 1);
    expectOnlyProblem(parseText('a: {b: {c: 1}}\n', { maxDepth: 2 }), 'yaml-nesting-too-deep', 1, 8);
    expect(parseText('a: {b: 1}\n', { maxDepth: 2 }).diagnostics).toEqual([]);
  });
});

describe('a valid request file', () => {
  it('reads into plain data', () => {
    const result = parseText(SAMPLE_REQUEST);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.file).toBe('requests/sample.yaml');
    expect(result.document?.value).toEqual({
      team: 'orders',
      owner: 'orders-team@example.com',
      topics: {
        'order-events': {
          description: 'Order lifecycle events, one message per state change.',
          events: ['orders.v1.OrderCreated', 'orders.v1.OrderShipped'],
          publishers: [
            'arn:aws:iam::111111111111:role/orders-api',
            'arn:aws:iam::999999999999:role/orders-api',
          ],
        },
        'order-ledger': { fifo: true, notes: 'Strictly ordered per order id.\nKeep messages small.\n' },
      },
      queues: {
        'payment-results': {
          visibilityTimeout: '1m',
          subscriptions: [{ topic: 'payments/payment-events', events: ['a', 'b'] }],
        },
        audit: { maxReceiveCount: 5 },
      },
    });
  });
});
