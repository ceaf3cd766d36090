import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

const queue = (account: string): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    consumers:\n      - arn:aws:iam::${account}:role/worker\n`,
});

describe('principal-account-not-allowed', () => {
  it('reports a consumer in an account that is neither an environment nor allowed', () => {
    expectOnly(
      'principal-account-not-allowed',
      { file: 'requests/orders.yaml', line: 6, column: 9 },
      queue('333333333333'),
    );
  });

  it('accepts environment accounts and allowed accounts', () => {
    expectClean('principal-account-not-allowed', queue('999999999999'));
    expectClean('principal-account-not-allowed', queue('222222222222'));
  });
});
