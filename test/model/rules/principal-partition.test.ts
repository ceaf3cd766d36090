import { describe, expect, it } from 'vitest';
import { problems } from '../../support/workspace';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  china: { account: "333333333333", region: cn-north-1 }
`;

function request(environments: string, principal: string): Record<string, string> {
  return {
    'orders.yaml': `team: orders\nowner: o@example.com\nenvironments: [${environments}]\ntopics:\n  events:\n    publishers:\n      - ${principal}\n`,
  };
}

describe('principal-partition', () => {
  it.each([
    ['aws-cn', 'dev', 'arn:aws-cn:iam::111111111111:role/api'],
    ['aws-us-gov', 'dev', 'arn:aws-us-gov:iam::111111111111:role/api'],
    ['aws', 'china', 'arn:aws:iam::333333333333:role/api'],
  ])('refuses an %s principal on a resource of %s', (_, environments, principal) => {
    expect(problems(request(environments, principal), CONFIG)).toContainEqual({
      code: 'principal-partition',
      severity: 'error',
      file: 'requests/orders.yaml',
      line: 7,
      column: 9,
    });
  });

  it('accepts principals of the partition of a region the resource is in', () => {
    const found = problems(request('dev, china', 'arn:aws-cn:iam::333333333333:role/api'), CONFIG);
    expect(found.map((problem) => problem.code)).not.toContain('principal-partition');
    expect(problems(request('dev', 'arn:aws:iam::111111111111:role/api'), CONFIG)).toEqual([]);
  });
});
