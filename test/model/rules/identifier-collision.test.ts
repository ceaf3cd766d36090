import { describe, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';

describe('identifier-collision', () => {
  it('reports two queues of a team whose names differ in hyphens alone', () => {
    expectOnly(
      'identifier-collision',
      { file: 'requests/search.yaml', line: 5, column: 3 },
      {
        'search.yaml': 'team: search\nowner: o@example.com\nqueues:\n  index-1: {}\n  index1: {}\n',
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

  it.each([
    ['a queue beside one named like its dead-letter queue', 'queues', 'x', 'x-dead-letter'],
    ['a queue beside one named like its policy', 'queues', 'x', 'x-policy'],
    ['a queue beside one named like its key', 'queues', 'x', 'x-key'],
    ['a topic beside one named like its key', 'topics', 'x', 'x-key'],
    ['a topic beside one named like its policy', 'topics', 'x', 'x-policy'],
  ])('reports %s, at the later one', (_, section, first, second) => {
    expectOnly(
      'identifier-collision',
      { file: 'requests/search.yaml', line: 5, column: 3 },
      { 'search.yaml': `team: search\nowner: o@example.com\n${section}:\n  ${first}: {}\n  ${second}: {}\n` },
    );
  });

  it('reports two subscriptions of a queue whose team and topic names meet', () => {
    expectOnly(
      'identifier-collision',
      { file: 'requests/qq.yaml', line: 7, column: 9 },
      {
        'xa-b.yaml': 'team: xa-b\nowner: o@example.com\ntopics:\n  c: {}\n',
        'xa.yaml': 'team: xa\nowner: o@example.com\ntopics:\n  b-c: {}\n',
        'qq.yaml':
          'team: qq\nowner: o@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: xa-b/c\n      - topic: xa/b-c\n',
      },
      // With "_" between the parts the two topics' AWS names differ; their ids still meet.
      `environments:\n  dev: { account: "111111111111", region: eu-west-1 }\nnaming:\n  pattern: '{env}_{team}_{name}'\n`,
    );
  });

  // Logical ids are unique per stack, and each environment has stacks of its own.
  it('accepts ids that meet only across environments', () => {
    expectClean('identifier-collision', {
      'search.yaml':
        'team: search\nowner: o@example.com\ntopics:\n  x:\n    environments: [dev]\n  x-key:\n    environments: [prod]\n',
    });
  });

  it('reports ids that meet in one of the environments, once', () => {
    expectOnly(
      'identifier-collision',
      { file: 'requests/search.yaml', line: 6, column: 3 },
      {
        'search.yaml':
          'team: search\nowner: o@example.com\ntopics:\n  x:\n    environments: [dev, prod]\n  x-key:\n    environments: [prod]\n',
      },
    );
  });

  it('accepts names that differ in more than hyphens', () => {
    expectClean('identifier-collision', {
      'search.yaml': 'team: search\nowner: o@example.com\nqueues:\n  index-1: {}\n  index-2: {}\n',
    });
  });
});
