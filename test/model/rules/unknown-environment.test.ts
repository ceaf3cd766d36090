import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('unknown-environment', () => {
  it('reports a team environment the platform config does not define', () => {
    expectOnly(
      'unknown-environment',
      { file: 'requests/orders.yaml', line: 3, column: 21 },
      {
        'orders.yaml': 'team: orders\nowner: o@example.com\nenvironments: [dev, staging]\n',
      },
    );
  });

  it("reports a queue environment outside its team's environments", () => {
    expectOnly(
      'unknown-environment',
      { file: 'requests/orders.yaml', line: 6 },
      {
        'orders.yaml':
          'team: orders\nowner: o@example.com\nenvironments: [dev]\nqueues:\n  work:\n    environments: [prod]\n',
      },
    );
  });

  it('accepts environments from the platform config', () => {
    expectClean('unknown-environment', {
      'orders.yaml':
        'team: orders\nowner: o@example.com\nenvironments: [dev, prod]\nqueues:\n  work:\n    environments: [prod]\n',
    });
  });
});
