import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const queue = (name: string, fifo = false): Record<string, string> => ({
  'order-management.yaml': `team: order-management\nowner: o@example.com\nqueues:\n  ${name}:\n    fifo: ${fifo}\n`,
});

describe('name-too-long', () => {
  // "prod-order-management-" is 22 characters; "-dlq" adds 4 and ".fifo" 5.
  it('reports a queue whose dead-letter queue name would pass 80 characters', () => {
    expectOnly(
      'name-too-long',
      { file: 'requests/order-management.yaml', line: 4, column: 3 },
      queue('q'.repeat(55)),
    );
  });

  it('counts the .fifo suffix', () => {
    expectOnly(
      'name-too-long',
      { file: 'requests/order-management.yaml', line: 4 },
      queue('q'.repeat(50), true),
    );
  });

  it('accepts names that fit exactly', () => {
    expectClean('name-too-long', queue('q'.repeat(54)));
  });
});
