import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('identifier-collision', () => {
  it('reports two queues of a team whose names differ in hyphens alone', () => {
    expectOnly(
      'identifier-collision',
      { file: 'requests/a.yaml', line: 5, column: 3 },
      {
        'a.yaml': 'team: search\nowner: o@example.com\nqueues:\n  index-1: {}\n  index1: {}\n',
      },
    );
  });

  it('reports environment and team pairs that make the same stack name', () => {
    const config = `environments:
  a-b: { account: "111111111111", region: eu-west-1 }
  a: { account: "999999999999", region: eu-west-1 }
`;
    expectOnly(
      'identifier-collision',
      { file: 'requests/cc.yaml', line: 1 },
      {
        'b-cc.yaml': 'team: b-cc\nowner: o@example.com\nenvironments: [a]\ntopics:\n  x: {}\n',
        'cc.yaml': 'team: cc\nowner: o@example.com\nenvironments: [a-b]\ntopics:\n  y: {}\n',
      },
      config,
    );
  });

  it('accepts names that differ in more than hyphens', () => {
    expectClean('identifier-collision', {
      'a.yaml': 'team: search\nowner: o@example.com\nqueues:\n  index-1: {}\n  index-2: {}\n',
    });
  });
});
