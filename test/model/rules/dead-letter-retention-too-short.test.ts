import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const queue = (fifo: boolean): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    fifo: ${fifo}\n    retention: 7d\n    deadLetter:\n      retention: 3d\n`,
});

describe('dead-letter-retention-too-short', () => {
  it("reports a standard queue's DLQ that keeps messages for less time than the queue", () => {
    expectOnly('dead-letter-retention-too-short', { file: 'requests/orders.yaml', line: 8 }, queue(false));
  });

  it('accepts it for a FIFO queue, whose DLQ resets the enqueue time', () => {
    expectClean('dead-letter-retention-too-short', queue(true));
  });

  it('accepts the defaults (4 days and 14 days)', () => {
    expectClean('dead-letter-retention-too-short', {
      'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
    });
  });
});
