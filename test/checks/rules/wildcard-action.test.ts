import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  consumerAllow,
  found,
  QUEUE_ARN,
  queueTlsDeny,
  rootDelegation,
  setPolicy,
  type StackJson,
} from '../fixtures';

function withConsumerActions(action: string | string[]): StackJson {
  const stack = cleanStack();
  setPolicy(
    stack,
    'aws_sqs_queue_policy',
    'queue_work_policy',
    queueTlsDeny(QUEUE_ARN),
    consumerAllow(QUEUE_ARN, { Action: action }),
  );
  return stack;
}

function withKeyStatement(statement: Record<string, unknown>): StackJson {
  const stack = cleanStack();
  setPolicy(stack, 'aws_kms_key', 'topic_key', rootDelegation(), statement);
  return stack;
}

const PUBLISHER_KEY_GRANT = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:role/orders-api' },
  Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
  Resource: '*',
  Condition: { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } },
};

describe('EB-IAM-WILDCARD-ACTION', () => {
  it("passes named actions, the TLS deny's sqs:*, and a key policy's account-root kms:*", () => {
    expect(found('EB-IAM-WILDCARD-ACTION', cleanStack())).toEqual([]);
  });

  it('passes a partial wildcard such as kms:GenerateDataKey*', () => {
    expect(found('EB-IAM-WILDCARD-ACTION', withKeyStatement(PUBLISHER_KEY_GRANT))).toEqual([]);
  });

  it.each([['sqs:*'], ['*'], ['SQS:*']])('fails an Allow of %s', (action) => {
    expect(found('EB-IAM-WILDCARD-ACTION', withConsumerActions(['sqs:ReceiveMessage', action]))).toEqual(
      at('EB-IAM-WILDCARD-ACTION', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });

  it('fails kms:* to anyone but the account root', () => {
    expect(
      found('EB-IAM-WILDCARD-ACTION', withKeyStatement({ ...PUBLISHER_KEY_GRANT, Action: 'kms:*' })),
    ).toEqual(at('EB-IAM-WILDCARD-ACTION', 'aws_kms_key.topic_key'));
  });
});
