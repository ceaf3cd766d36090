import { describe, expect, it } from 'vitest';
import { problems } from '../../support/workspace';

const queue = (account: string): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\nenvironments: [prod]\nqueues:\n  work:\n    consumers:\n      - arn:aws:iam::${account}:role/worker\n`,
});

describe('principal-outside-environments', () => {
  it('warns about a dev-account consumer on a prod-only queue: it is granted nothing', () => {
    expect(problems(queue('111111111111'))).toEqual([
      expect.objectContaining({
        code: 'principal-outside-environments',
        severity: 'warning',
        file: 'requests/orders.yaml',
        line: 7,
      }),
    ]);
  });

  it("stays quiet for the environment's own account and for outside accounts", () => {
    expect(problems(queue('999999999999'))).toEqual([]);
    expect(problems(queue('222222222222'))).toEqual([]);
  });
});
