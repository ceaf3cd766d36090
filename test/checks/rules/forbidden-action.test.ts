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

describe('EB-IAM-FORBIDDEN-ACTION', () => {
  it('passes the consumer, publisher and delivery grants', () => {
    expect(found('EB-IAM-FORBIDDEN-ACTION', cleanStack())).toEqual([]);
  });

  it.each([
    ['sqs:PurgeQueue'],
    ['sqs:SetQueueAttributes'],
    ['sqs:DeleteQueue'],
    ['sqs:AddPermission'],
    ['sqs:Set*'],
    ['SQS:purgequeue'],
  ])('fails a grant of %s', (action) => {
    expect(found('EB-IAM-FORBIDDEN-ACTION', withConsumerActions(['sqs:ReceiveMessage', action]))).toEqual(
      at('EB-IAM-FORBIDDEN-ACTION', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });

  it.each([['sns:SetTopicAttributes'], ['sns:AddPermission']])('fails a topic grant of %s', (action) => {
    const stack = cleanStack();
    const publisher = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:role/p' },
      Action: ['sns:Publish', action],
      Resource: '*',
    };
    setPolicy(stack, 'aws_sns_topic_policy', 'topic_events_policy', publisher);
    expect(found('EB-IAM-FORBIDDEN-ACTION', stack)).toEqual(
      at('EB-IAM-FORBIDDEN-ACTION', 'aws_sns_topic_policy.topic_events_policy'),
    );
  });

  it('fails kms:* to a publisher, but not kms:GenerateDataKey*', () => {
    expect(
      found('EB-IAM-FORBIDDEN-ACTION', withKeyStatement({ ...PUBLISHER_KEY_GRANT, Action: 'kms:*' })),
    ).toEqual(at('EB-IAM-FORBIDDEN-ACTION', 'aws_kms_key.topic_key'));
    expect(found('EB-IAM-FORBIDDEN-ACTION', withKeyStatement(PUBLISHER_KEY_GRANT))).toEqual([]);
  });
});
