import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  found,
  policy,
  resource,
  rootDelegation,
  setPolicy,
  stackWithoutKeys,
} from '../fixtures';

describe('EB-KMS-PUBLIC-PRINCIPAL (checkov CKV_AWS_33)', () => {
  it('passes vacuously when the stack has no aws_kms_key', () => {
    expect(found('EB-KMS-PUBLIC-PRINCIPAL', stackWithoutKeys())).toEqual([]);
  });

  it('passes a rotating key with an explicit policy that keeps the account root', () => {
    expect(found('EB-KMS-PUBLIC-PRINCIPAL', cleanStack())).toEqual([]);
  });

  const open = { Sid: 'Open', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' };

  it.each([
    ['"*"', '*'],
    ['{AWS: "*"}', { AWS: '*' }],
    ['{AWS: [..., "*"]}', { AWS: ['arn:aws:iam::111111111111:role/x', '*'] }],
  ])('fails an unconditioned Allow to %s', (_, principal) => {
    const stack = cleanStack();
    setPolicy(stack, 'aws_kms_key', 'topic_key', rootDelegation(), { ...open, Principal: principal });
    expect(found('EB-KMS-PUBLIC-PRINCIPAL', stack)).toEqual(
      at('EB-KMS-PUBLIC-PRINCIPAL', 'aws_kms_key.topic_key'),
    );
  });

  it('passes "*" with a condition, and a Deny to "*", as checkov does', () => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_kms_key',
      'topic_key',
      rootDelegation(),
      { ...open, Principal: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111111111111' } } },
      { ...open, Effect: 'Deny', Principal: '*' },
    );
    expect(found('EB-KMS-PUBLIC-PRINCIPAL', stack)).toEqual([]);
  });

  it('reads aws_kms_key_policy resources as well', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_kms_key', 'topic_key')['policy'];
    stack.resource['aws_kms_key_policy'] = {
      topic_key_policy: {
        key_id: '${aws_kms_key.topic_key.id}',
        policy: policy(rootDelegation(), { ...open, Principal: '*' }),
      },
    };
    expect(found('EB-KMS-PUBLIC-PRINCIPAL', stack)).toEqual(
      at('EB-KMS-PUBLIC-PRINCIPAL', 'aws_kms_key_policy.topic_key_policy'),
    );
    expect(found('EB-KMS-KEY-POLICY', stack)).toEqual([]);
  });
});
