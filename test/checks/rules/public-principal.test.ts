import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  found,
  QUEUE_ARN,
  queueTlsDeny,
  setPolicy,
  snsDelivery,
  TOPIC_ARN,
} from '../fixtures';

const PUBLIC_ALLOW = {
  Sid: 'Public',
  Effect: 'Allow',
  Principal: '*',
  Action: 'sqs:SendMessage',
  Resource: QUEUE_ARN,
};

function withQueueStatement(statement: Record<string, unknown>) {
  const stack = cleanStack();
  setPolicy(stack, 'aws_sqs_queue_policy', 'queue_work_policy', queueTlsDeny(QUEUE_ARN), statement);
  return stack;
}

describe('EB-IAM-PUBLIC-PRINCIPAL', () => {
  it('passes named principals, and "*" in the TLS deny', () => {
    expect(found('EB-IAM-PUBLIC-PRINCIPAL', cleanStack())).toEqual([]);
  });

  it('passes "*" restricted by an exact aws:SourceArn', () => {
    const stack = withQueueStatement({
      ...PUBLIC_ALLOW,
      Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
    });
    expect(found('EB-IAM-PUBLIC-PRINCIPAL', stack)).toEqual([]);
  });

  it.each([
    ['Principal "*"', PUBLIC_ALLOW],
    [
      'Principal {AWS: ["*"]}',
      { ...PUBLIC_ALLOW, Principal: { AWS: ['arn:aws:iam::111111111111:role/x', '*'] } },
    ],
    ['an ARN of any account', { ...PUBLIC_ALLOW, Principal: { AWS: 'arn:aws:iam::*:root' } }],
    [
      'a condition that restricts nothing',
      { ...PUBLIC_ALLOW, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ],
    [
      'a wildcard SourceArn',
      { ...PUBLIC_ALLOW, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } } },
    ],
    [
      'an IfExists condition',
      { ...PUBLIC_ALLOW, Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } } },
    ],
    ['a 0.0.0.0/0 source', { ...PUBLIC_ALLOW, Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }],
  ])('fails an Allow to %s', (_, statement) => {
    expect(found('EB-IAM-PUBLIC-PRINCIPAL', withQueueStatement(statement))).toEqual(
      at('EB-IAM-PUBLIC-PRINCIPAL', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });

  it('reads topic and key policies too', () => {
    const stack = cleanStack();
    setPolicy(stack, 'aws_sns_topic_policy', 'topic_events_policy', {
      ...PUBLIC_ALLOW,
      Action: 'sns:Publish',
      Resource: TOPIC_ARN,
    });
    setPolicy(stack, 'aws_kms_key', 'topic_key', { ...PUBLIC_ALLOW, Action: 'kms:Decrypt', Resource: '*' });
    expect(found('EB-IAM-PUBLIC-PRINCIPAL', stack)).toEqual(
      at('EB-IAM-PUBLIC-PRINCIPAL', 'aws_kms_key.topic_key', 'aws_sns_topic_policy.topic_events_policy'),
    );
  });

  it('does not mistake the SNS service principal for the public', () => {
    expect(found('EB-IAM-PUBLIC-PRINCIPAL', withQueueStatement(snsDelivery(QUEUE_ARN)))).toEqual([]);
  });
});
