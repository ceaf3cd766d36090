import { queuesSnsDeliversTo } from '../queues';
import { isTrue, resourcesOfType, stringAttribute } from '../stack';
import type { CheckRule } from '../types';

/** The AWS managed key for SQS: its key policy cannot be edited to let SNS use it. */
const AWS_MANAGED_SQS_KEY = 'alias/aws/sqs';

/**
 * Messages at rest are encrypted, and written out so scanners see it: checkov's Terraform
 * CKV_AWS_27 fails a queue that leaves SSE to the AWS default. SNS cannot deliver to a queue
 * encrypted with `alias/aws/sqs` (SNS Developer Guide, "Configure server-side encryption for a
 * topic with an encrypted SQS queue subscription"), so messages would be lost. checkov's
 * CKV2_AWS_73 rejects that alias on every queue; this rule rejects it where it breaks delivery.
 */
export const sqsEncryption: CheckRule = {
  id: 'EB-SQS-ENCRYPTION',
  severity: 'error',
  description:
    'Every queue sets `sqs_managed_sse_enabled = true` or a `kms_master_key_id`, and never `alias/aws/sqs` on a queue SNS delivers to.',
  fix: 'Keep the default `encryption: sqs-managed` (written out as sqs_managed_sse_enabled = true) or use `encryption: kms`; never `aws-managed` on a subscribed queue.',
  mirrors: 'checkov CKV_AWS_27, CKV2_AWS_73',
  *check(stack) {
    const delivered = queuesSnsDeliversTo(stack);
    for (const queue of resourcesOfType(stack, 'aws_sqs_queue')) {
      const key = stringAttribute(queue, 'kms_master_key_id');
      if (key === undefined && !isTrue(queue.config['sqs_managed_sse_enabled'])) {
        yield {
          address: queue.address,
          message:
            'queue sets neither sqs_managed_sse_enabled = true nor kms_master_key_id, so encryption is left to the AWS default',
        };
      } else if (key === AWS_MANAGED_SQS_KEY && delivered.has(queue)) {
        yield {
          address: queue.address,
          message: `queue is encrypted with ${AWS_MANAGED_SQS_KEY}, whose key policy does not let SNS deliver to it`,
        };
      }
    }
  },
};
