import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('content-deduplication-needs-fifo', () => {
  it('reports content-based deduplication on a standard topic', () => {
    expectOnly(
      'content-deduplication-needs-fifo',
      { file: 'requests/orders.yaml', line: 5 },
      {
        'orders.yaml':
          'team: orders\nowner: o@example.com\ntopics:\n  events:\n    contentBasedDeduplication: true\n',
      },
    );
  });

  it('accepts it on a FIFO queue', () => {
    expectClean('content-deduplication-needs-fifo', {
      'orders.yaml':
        'team: orders\nowner: o@example.com\nqueues:\n  work:\n    fifo: true\n    contentBasedDeduplication: true\n',
    });
  });
});
