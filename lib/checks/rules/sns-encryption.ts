import { resourcesOfType, stringAttribute } from '../stack';
import type { CheckRule } from '../types';

/**
 * Messages at rest in SNS are encrypted with a KMS key (SNS Developer Guide, "Encryption at
 * rest"). A warning while topics may stay unencrypted: the bundled requests' topics are, and
 * the request field `encryption` defaults to "none" for topics.
 */
export const snsEncryption: CheckRule = {
  id: 'EB-SNS-ENCRYPTION',
  severity: 'warning',
  description: 'Every topic sets `kms_master_key_id` (a warning while unencrypted topics are allowed).',
  fix: 'Set `encryption: kms` on the topic: a customer-managed key whose policy lets its publishers encrypt through SNS.',
  mirrors: 'checkov CKV_AWS_26',
  *check(stack) {
    for (const topic of resourcesOfType(stack, 'aws_sns_topic')) {
      if (stringAttribute(topic, 'kms_master_key_id') !== undefined) continue;
      yield {
        address: topic.address,
        message: 'topic sets no kms_master_key_id, so messages are not encrypted at rest',
      };
    }
  },
};
