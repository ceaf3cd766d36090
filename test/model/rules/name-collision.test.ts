import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('name-collision', () => {
  it('reports two teams whose names join to the same queue name', () => {
    expectOnly(
      'name-collision',
      { file: 'requests/b.yaml', line: 4 },
      {
        'a.yaml': 'team: ab\nowner: o@example.com\nqueues:\n  c-work: {}\n',
        'b.yaml': 'team: ab-c\nowner: o@example.com\nqueues:\n  work: {}\n',
      },
    );
  });

  it("reports a queue named like another queue's dead-letter queue", () => {
    expectOnly(
      'name-collision',
      { file: 'requests/a.yaml', line: 5 },
      {
        'a.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n  work-dlq: {}\n',
      },
    );
  });

  it('accepts distinct names', () => {
    expectClean('name-collision', {
      'a.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n  work-2: {}\n',
    });
  });
});
