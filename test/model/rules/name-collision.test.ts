import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('name-collision', () => {
  it('reports two teams whose names join to the same queue name', () => {
    expectOnly(
      'name-collision',
      { file: 'requests/ab-c.yaml', line: 4 },
      {
        'ab.yaml': 'team: ab\nowner: o@example.com\nqueues:\n  c-work: {}\n',
        'ab-c.yaml': 'team: ab-c\nowner: o@example.com\nqueues:\n  work: {}\n',
      },
    );
  });

  it("reports a queue named like another queue's dead-letter queue", () => {
    expectOnly(
      'name-collision',
      { file: 'requests/orders.yaml', line: 5 },
      {
        'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n  work-dlq: {}\n',
      },
    );
  });

  it('accepts distinct names', () => {
    expectClean('name-collision', {
      'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n  work-2: {}\n',
    });
  });
});
