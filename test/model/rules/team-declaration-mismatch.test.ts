import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('team-declaration-mismatch', () => {
  it('reports a second file of a team with another owner, at its owner line', () => {
    expectOnly(
      'team-declaration-mismatch',
      { file: 'requests/b.yaml', line: 2 },
      {
        'a.yaml': 'team: orders\nowner: orders@example.com\n',
        'b.yaml': 'team: orders\nowner: someone-else@example.com\n',
      },
    );
  });

  it('reports files of a team that list different environments', () => {
    expectOnly(
      'team-declaration-mismatch',
      { file: 'requests/b.yaml', line: 3 },
      {
        'a.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev]\n',
        'b.yaml': 'team: orders\nowner: o@example.com\nenvironments: [prod]\n',
      },
    );
  });

  it('accepts a team split over files that agree', () => {
    expectClean('team-declaration-mismatch', {
      'a.yaml': 'team: orders\nowner: o@example.com\n',
      'b/c.yaml': 'team: orders\nowner: o@example.com\n',
    });
  });
});
