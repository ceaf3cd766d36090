import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const consumers = (count: number): string =>
  Array.from(
    { length: count },
    (_, index) => `      - arn:aws:iam::111111111111:role/worker-${index}\n`,
  ).join('');

describe('policy-too-large', () => {
  it('reports a queue whose policy would name more than 50 principals', () => {
    expectOnly(
      'policy-too-large',
      { file: 'requests/orders.yaml', line: 4, column: 3 },
      {
        'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    consumers:\n${consumers(51)}`,
      },
    );
  });

  // The TLS deny's "*" counts as a principal too.
  it('accepts 49 consumers', () => {
    expectClean('policy-too-large', {
      'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    consumers:\n${consumers(49)}`,
    });
  });
});
