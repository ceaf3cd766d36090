import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource, stackWithoutKeys } from '../fixtures';

describe('EB-KMS-ROTATION (checkov CKV_AWS_7)', () => {
  it('passes vacuously when the stack has no aws_kms_key', () => {
    expect(found('EB-KMS-ROTATION', stackWithoutKeys())).toEqual([]);
  });

  it('passes a rotating key with an explicit policy that keeps the account root', () => {
    expect(found('EB-KMS-ROTATION', cleanStack())).toEqual([]);
  });

  it.each([
    ['unset', undefined],
    ['false', false],
  ])('fails a symmetric key with enable_key_rotation %s', (_, rotation) => {
    const stack = cleanStack();
    resource(stack, 'aws_kms_key', 'topic_key')['enable_key_rotation'] = rotation;
    expect(found('EB-KMS-ROTATION', stack)).toEqual(at('EB-KMS-ROTATION', 'aws_kms_key.topic_key'));
  });

  it('does not ask rotation of keys KMS cannot rotate (HMAC, asymmetric)', () => {
    const stack = cleanStack();
    const key = resource(stack, 'aws_kms_key', 'topic_key');
    key['enable_key_rotation'] = false;
    key['customer_master_key_spec'] = 'HMAC_256';
    expect(found('EB-KMS-ROTATION', stack)).toEqual([]);
  });
});
