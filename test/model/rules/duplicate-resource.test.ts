import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('duplicate-resource', () => {
  it('reports a queue defined in two files of one team, at the later definition', () => {
    expectOnly(
      'duplicate-resource',
      { file: 'requests/b.yaml', line: 4, column: 3 },
      {
        'a.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
        'b.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
      },
    );
  });

  it('accepts the same name in two teams, and a topic and a queue of one name', () => {
    expectClean('duplicate-resource', {
      'a.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  work: {}\nqueues:\n  work: {}\n',
      'b.yaml': 'team: billing\nowner: o@example.com\nqueues:\n  work: {}\n',
    });
  });
});
