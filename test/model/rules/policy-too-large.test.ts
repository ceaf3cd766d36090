import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planStacks, type EventBusModel, type StackPlan } from '../../../lib/model';
import type { Finding } from '../../../lib/model/rules';
import { queuePolicy, topicKeyPolicy } from '../../../lib/model/policies';
import { jsonBytesAtMost, policyTooLarge } from '../../../lib/model/rules/policy-too-large';
import { expectClean, expectOnly } from '../../support/expect';
import { problems, workspace } from '../../support/workspace';

const DEV_ACCOUNT = '111111111111';
const PROD_ACCOUNT = '999999999999';
/** An SNS topic policy names at most 200 principals (Amazon SNS endpoints and quotas). */
const TOPIC_POLICY_PRINCIPALS = 200;

const roles = (account: string, count: number, indent = '      '): string =>
  Array.from(
    { length: count },
    (_, index) => `${indent}- arn:aws:iam::${account}:role/worker-${index}\n`,
  ).join('');

const consumers = (count: number): string => roles(DEV_ACCOUNT, count);

const topicWith = (publishers: string): string =>
  `team: orders\nowner: o@example.com\ntopics:\n  events:\n    publishers:\n${publishers}`;

/** A valid model's plans, from request files, for feeding the rule plans it could not get from requests. */
/** The rule's findings over the stacks, each seen once, as a run of the rules sees them. */
function checkStacks(model: EventBusModel, plans: readonly StackPlan[]): Finding[] {
  const check = policyTooLarge.start(model);
  return [...plans.flatMap((plan) => [...check.stack(plan)]), ...(check.end?.() ?? [])];
}

function plansOf(requests: Record<string, string>): { model: EventBusModel; plans: StackPlan[] } {
  const { model } = workspace(requests).validate();
  if (!model) throw new Error('the fixture does not validate');
  return { model, plans: planStacks(model) };
}

describe('policy-too-large', () => {
  it('reports a queue whose policy would name more than 50 principals', () => {
    expectOnly(
      'policy-too-large',
      { file: 'requests/orders.yaml', line: 4, column: 3 },
      {
        'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    consumers:\n${consumers(51)}`,
      },
    );
  });

  // The TLS deny's "*" counts as a principal too.
  it('accepts 49 consumers', () => {
    expectClean('policy-too-large', {
      'orders.yaml': `team: orders\nowner: o@example.com\nqueues:\n  work:\n    consumers:\n${consumers(49)}`,
    });
  });

  // A principal of an environment's account is granted only there, so each environment's policy
  // names 120 publishers and the deny's "*", whatever the request lists for both together.
  it('accepts 120 dev and 120 prod publishers on one topic', () => {
    expectClean('policy-too-large', {
      'orders.yaml': topicWith(roles(DEV_ACCOUNT, 120) + roles(PROD_ACCOUNT, 120)),
    });
  });

  it('reports more publishers in one environment than a topic policy may name', () => {
    const found = problems({
      'orders.yaml': topicWith(roles(DEV_ACCOUNT, TOPIC_POLICY_PRINCIPALS) + roles(PROD_ACCOUNT, 10)),
    });
    expect(found).toEqual([
      expect.objectContaining({ code: 'policy-too-large', file: 'requests/orders.yaml', line: 4, column: 3 }),
    ]);
  });

  it('accepts as many publishers in one environment as the topic policy has room for beside the deny', () => {
    expectClean('policy-too-large', {
      'orders.yaml': topicWith(roles(DEV_ACCOUNT, TOPIC_POLICY_PRINCIPALS - 1)),
    });
  });

  it("points at the entry in the team's second file", () => {
    expectOnly(
      'policy-too-large',
      { file: 'requests/orders/workers.yaml', line: 5, column: 3 },
      {
        'orders/topics.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n',
        'orders/workers.yaml': `team: orders\nowner: o@example.com\nqueues:\n  small: {}\n  work:\n    consumers:\n${consumers(60)}`,
      },
    );
  });

  // A dead-letter queue grants its queue's consumers, so requests cannot make its policy alone too
  // large: the test widens the planned dead-letter queue policy alone.
  it("measures the dead-letter queue's own policy", () => {
    const { model, plans } = plansOf({
      'orders.yaml': 'team: orders\nowner: o@example.com\nqueues:\n  work: {}\n',
    });
    expect(checkStacks(model, plans)).toEqual([]);
    const many = Array.from({ length: 60 }, (_, index) => `arn:aws:iam::${DEV_ACCOUNT}:role/reader-${index}`);
    const widened = plans.map((plan) => ({
      ...plan,
      queues: plan.queues.map((queue) =>
        queue.deadLetter
          ? {
              ...queue,
              deadLetter: { ...queue.deadLetter, policy: queuePolicy(queue.deadLetter.arn, [], many) },
            }
          : queue,
      ),
    }));
    const findings = checkStacks(model, widened);
    expect(findings).toEqual([
      expect.objectContaining({ file: 'requests/orders.yaml', path: ['queues', 'work'] }),
    ]);
    expect(findings[0]?.message).toContain('dead-letter queue policy would have 61 principals (at most 50)');
  });

  // A topic's key names the same publishers as its topic policy, whose 30 KB quota is lower, so
  // requests cannot make the key alone too large: the test widens the planned key policy alone.
  it('measures key policies against the 32 KB of AWS KMS', () => {
    const { model, plans } = plansOf({
      'orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events:\n    encryption: kms\n',
    });
    expect(checkStacks(model, plans)).toEqual([]);
    const many = Array.from(
      { length: 1000 },
      (_, index) => `arn:aws:iam::${DEV_ACCOUNT}:role/writer-${index}`,
    );
    const widened = plans.map((plan) => ({
      ...plan,
      topics: plan.topics.map((topic) =>
        topic.encryption.kind === 'kms'
          ? {
              ...topic,
              encryption: {
                ...topic.encryption,
                key: {
                  ...topic.encryption.key,
                  policy: topicKeyPolicy(`arn:aws:iam::${DEV_ACCOUNT}:root`, 'eu-west-1', many),
                },
              },
            }
          : topic,
      ),
    }));
    const [finding, ...others] = checkStacks(model, widened);
    expect(others).toEqual([]);
    expect(finding).toEqual(
      expect.objectContaining({ file: 'requests/orders.yaml', path: ['topics', 'events'] }),
    );
    const keyPolicy = topicKeyPolicy(`arn:aws:iam::${DEV_ACCOUNT}:root`, 'eu-west-1', many);
    const bytes = Buffer.byteLength(JSON.stringify(keyPolicy));
    expect(finding?.message).toContain(`its key policy would have ${bytes} bytes (at most 32768)`);
    expect(finding?.message).not.toContain('topic policy');
  });

  it('bounds the bytes of a policy from above before counting them exactly', () => {
    const { jsonValue } = fc.letrec<{ jsonValue: unknown }>((tie) => ({
      jsonValue: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u2028', '\ud800', 'é', '😀') }),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('jsonValue'), { maxLength: 5 }),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('jsonValue'), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(jsonBytesAtMost(value)).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(value)));
      }),
      { numRuns: 2000 },
    );
  });
});
