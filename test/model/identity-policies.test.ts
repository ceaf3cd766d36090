import { describe, expect, it } from 'vitest';
import { planIdentityPolicies, planStacks } from '../../lib/model';
import { MANAGED_POLICY_MAX_CHARACTERS, splitIntoDocuments } from '../../lib/model/identity-policies';
import { ORDERS, workspace } from '../support/workspace';
import type { IdentityPolicyStatement } from '../../lib/model/policies';

const SHIPPING = `team: shipping
owner: s@example.com
environments: [dev]
queues:
  shipments:
    encryption: kms
    consumers:
      - arn:aws:iam::222222222222:role/shipping-worker
      - arn:aws:iam::111111111111:role/same-account-worker
    subscriptions:
      - topic: orders/order-events
`;

describe('planIdentityPolicies', () => {
  const { model } = workspace({ 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }).validate();
  const policies = planIdentityPolicies(planStacks(model ?? (undefined as never)));

  it("writes one policy per cross-account principal and environment; none for same-account principals, nor for another environment's roles", () => {
    expect(policies.map((policy) => [policy.environment.name, policy.principal])).toEqual([
      ['dev', 'arn:aws:iam::222222222222:role/shipping-worker'],
    ]);
  });

  it('allows the consumer the queue actions on its queue and DLQs, and decryption with the queue key by alias', () => {
    const consumer = policies.find((policy) => policy.principal.endsWith('shipping-worker'));
    expect(consumer?.account).toBe('222222222222');
    expect(consumer?.documents.map((document) => document.Statement)).toEqual([
      [
        {
          Sid: 'ConsumeFromEventBusQueues',
          Effect: 'Allow',
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
          ],
          Resource: [
            'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments',
            'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments-dlq',
            'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-shipments-sns-dlq',
          ],
        },
        {
          Sid: 'DecryptEventBusQueues',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
          Condition: {
            'ForAnyValue:StringEquals': {
              'kms:ResourceAliases': ['alias/eventbus/sqs/dev-shipping-shipments'],
            },
            StringEquals: { 'kms:ViaService': 'sqs.eu-west-1.amazonaws.com' },
          },
        },
      ],
    ]);
  });

  it("splits a principal's grants into managed policies within IAM's 6,144 characters, granting the same", () => {
    const queues = Array.from(
      { length: 60 },
      (_, index) =>
        `  partner-ingest-queue-with-a-long-descriptive-name-${index}:\n    encryption: kms\n    consumers: [arn:aws:iam::222222222222:role/partner]\n`,
    ).join('');
    const { model, diagnostics } = workspace({
      'partner.yaml': `team: partner\nowner: p@example.com\nenvironments: [dev]\nqueues:\n${queues}`,
    }).validate();
    expect(diagnostics).toEqual([]);
    const [plan] = planIdentityPolicies(planStacks(model ?? (undefined as never)));
    const documents = plan?.documents ?? [];
    expect(documents.length).toBeGreaterThan(1);
    for (const document of documents) {
      expect(JSON.stringify(document).length).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARACTERS);
      const sids = document.Statement.map((statement) => statement.Sid);
      expect(new Set(sids).size).toBe(sids.length);
    }
    const statements = documents.flatMap((document) => document.Statement);
    const resources = statements
      .filter((statement) => statement.Sid.startsWith('ConsumeFromEventBusQueues'))
      .flatMap((statement) => statement.Resource);
    // Each queue and its dead-letter queue, once (no subscriptions: no SNS dead-letter queues).
    expect(resources).toHaveLength(120);
    expect(new Set(resources).size).toBe(120);
    const aliases = statements
      .filter((statement) => statement.Sid.startsWith('DecryptEventBusQueues'))
      .flatMap(
        (statement) => statement.Condition?.['ForAnyValue:StringEquals']?.['kms:ResourceAliases'] ?? [],
      );
    expect(new Set(aliases).size).toBe(60);
  });
});

describe('splitIntoDocuments', () => {
  it('keeps statements that fit together in one document, in order', () => {
    const statement = (Sid: string): IdentityPolicyStatement => ({
      Sid,
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: ['arn:aws:sns:eu-west-1:111111111111:a'],
    });
    expect(splitIntoDocuments([statement('A'), statement('B')], 6144)).toEqual([
      { Version: '2012-10-17', Statement: [statement('A'), statement('B')] },
    ]);
    const [first, second] = splitIntoDocuments([statement('A'), statement('B')], 150);
    expect([first?.Statement, second?.Statement]).toEqual([[statement('A')], [statement('B')]]);
  });
});
