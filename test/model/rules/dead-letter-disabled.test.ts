import { describe, expect, it } from 'vitest';
import { problems } from '../../support/workspace';

describe('dead-letter-disabled', () => {
  it('warns, without failing validation, when a queue opts out of its DLQ', () => {
    const found = problems({
      'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work:\n    deadLetter: false\n',
    });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'dead-letter-disabled',
        severity: 'warning',
        file: 'requests/orders.yaml',
        line: 5,
      }),
    ]);
  });

  it('stays quiet for queues with their DLQ', () => {
    expect(problems({ 'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n' })).toEqual(
      [],
    );
  });
});
