import { isTrue, resourcesOfType, stringAttribute } from '../stack';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Yearly automatic rotation of customer-managed keys (AWS KMS Developer Guide, "Rotate AWS KMS
 * keys"). Only symmetric encryption keys can rotate automatically, and only they work for SNS and
 * SQS; checkov also asks it of HMAC keys, which KMS cannot rotate, so other key specs pass here.
 */
export const kmsRotation: CheckRule = {
  id: 'EB-KMS-ROTATION',
  severity: 'error',
  description:
    'Every symmetric `aws_kms_key` sets `enable_key_rotation = true` (passes while the output has no keys).',
  fix: rendererFix('`enable_key_rotation = true` on every key'),
  mirrors: 'checkov CKV_AWS_7; AWS KMS Developer Guide, "Rotate AWS KMS keys"',
  *check(stack) {
    for (const key of resourcesOfType(stack, 'aws_kms_key')) {
      const spec = stringAttribute(key, 'customer_master_key_spec') ?? 'SYMMETRIC_DEFAULT';
      if (spec !== 'SYMMETRIC_DEFAULT' || isTrue(key.config['enable_key_rotation'])) continue;
      yield { address: key.address, message: 'key does not set enable_key_rotation = true' };
    }
  },
};
