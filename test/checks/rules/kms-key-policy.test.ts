import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  found,
  OTHER_ACCOUNT,
  resource,
  rootDelegation,
  setPolicy,
  stackWithoutKeys,
} from '../fixtures';

describe('EB-KMS-KEY-POLICY (checkov CKV2_AWS_64)', () => {
  it('passes vacuously when the stack has no aws_kms_key', () => {
    expect(found('EB-KMS-KEY-POLICY', stackWithoutKeys())).toEqual([]);
  });

  it('passes a rotating key with an explicit policy that keeps the account root', () => {
    expect(found('EB-KMS-KEY-POLICY', cleanStack())).toEqual([]);
  });

  it('fails a key without an explicit policy', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_kms_key', 'topic_key')['policy'];
    expect(found('EB-KMS-KEY-POLICY', stack)).toEqual(at('EB-KMS-KEY-POLICY', 'aws_kms_key.topic_key'));
  });

  it.each([
    [
      'no account-root statement',
      [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:role/admin' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    ],
    ['the root of another account', [rootDelegation(OTHER_ACCOUNT)]],
  ])('fails a key policy with %s', (_, statements) => {
    const stack = cleanStack();
    setPolicy(stack, 'aws_kms_key', 'topic_key', ...statements);
    expect(found('EB-KMS-KEY-POLICY', stack)).toEqual(at('EB-KMS-KEY-POLICY', 'aws_kms_key.topic_key'));
  });
});
