import { describe, expect, it } from 'vitest';
import { expectClean } from '../../support/expect';
import { problems } from '../../support/workspace';

const topic = (principal: string): Record<string, string> => ({
  'orders.yaml': `team: orders\nowner: o@example.com\ntopics:\n  events:\n    publishers:\n      - arn:aws:iam::111111111111:role/ok\n      - "${principal}"\n`,
});

describe('invalid-principal', () => {
  it.each([
    ['a wildcard role', 'arn:aws:iam::111111111111:role/*'],
    ['an account root', 'arn:aws:iam::111111111111:root'],
    ['a session ARN', 'arn:aws:sts::111111111111:assumed-role/orders/session'],
    ['a bare account id', '111111111111'],
    ['everyone', '*'],
  ])('reports %s at its list entry', (_, principal) => {
    expect(problems(topic(principal))).toEqual([
      expect.objectContaining({ code: 'invalid-principal', file: 'requests/orders.yaml', line: 7 }),
    ]);
  });

  it('never lets a policy variable through: it is rejected when the file is read', () => {
    expect(problems(topic('arn:aws:iam::111111111111:user/$' + '{aws:username}'))).toEqual([
      expect.objectContaining({ code: 'template-expression', line: 7 }),
    ]);
  });

  it('accepts role and user ARNs with paths', () => {
    expectClean('invalid-principal', topic('arn:aws:iam::111111111111:role/service-role/orders-api'));
    expectClean('invalid-principal', topic('arn:aws:iam::111111111111:user/ci'));
  });
});
