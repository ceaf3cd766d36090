import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('duplicate-resource', () => {
  it('reports a queue defined in two files of one team, at the later definition', () => {
    expectOnly(
      'duplicate-resource',
      { file: 'requests/orders/b.yaml', line: 4, column: 3 },
      {
        'orders/a.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
        'orders/b.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
      },
    );
  });

  it('accepts the same name in two teams, and a topic and a queue of one name', () => {
    expectClean('duplicate-resource', {
      'orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  work: {}\nqueues:\n  work: {}\n',
      'billing.yaml': 'team: billing\nowner: o@example.com\nqueues:\n  work: {}\n',
    });
  });
});
