import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('team-declaration-mismatch', () => {
  it('reports a second file of a team with another owner, at its owner line', () => {
    expectOnly(
      'team-declaration-mismatch',
      { file: 'requests/orders/b.yaml', line: 2 },
      {
        'orders.yaml': 'team: orders\nowner: orders@example.com\n',
        'orders/b.yaml': 'team: orders\nowner: someone-else@example.com\n',
      },
    );
  });

  it('reports files of a team that list different environments', () => {
    expectOnly(
      'team-declaration-mismatch',
      { file: 'requests/orders/b.yaml', line: 3 },
      {
        'orders.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev]\n',
        'orders/b.yaml': 'team: orders\nowner: o@example.com\nenvironments: [prod]\n',
      },
    );
  });

  it('accepts a team split over files that agree', () => {
    expectClean('team-declaration-mismatch', {
      'orders.yaml': 'team: orders\nowner: o@example.com\n',
      'orders/c/d.yaml': 'team: orders\nowner: o@example.com\n',
    });
  });
});
