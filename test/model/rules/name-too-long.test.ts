import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const queue = (name: string, fifo = false): Record<string, string> => ({
  'a.yaml': `team: orders\nowner: o@example.com\nqueues:\n  ${name}:\n    fifo: ${fifo}\n`,
});

describe('name-too-long', () => {
  // "prod-orders-" (12) + name + "-sns-dlq"/"-dlq" + ".fifo": the longest generated name counts.
  it('reports a queue whose dead-letter queue name would pass 80 characters', () => {
    expectOnly('name-too-long', { file: 'requests/a.yaml', line: 4, column: 3 }, queue('q'.repeat(65)));
  });

  it('counts the .fifo suffix', () => {
    expectOnly('name-too-long', { file: 'requests/a.yaml', line: 4 }, queue('q'.repeat(60), true));
  });

  it('accepts names that fit', () => {
    expectClean('name-too-long', queue('q'.repeat(60)));
  });
});
