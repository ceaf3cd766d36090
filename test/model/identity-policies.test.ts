import { describe, expect, it } from 'vitest';
import { planIdentityPolicies, planStacks } from '../../lib/model';
import { ORDERS, workspace } from '../support/workspace';

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
    expect(consumer?.document.Statement).toEqual([
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
    ]);
  });
});
