import { deadLetterQueues } from '../queues';
import { deadLetterTarget, resourcesOfType } from '../stack';
import type { CheckRule } from '../types';

/**
 * Without a redrive policy, a message consumers can never process is received again and again
 * until retention drops it (SQS Developer Guide, "Using dead-letter queues"). A warning: a
 * request may opt out (`deadLetter: false`), and the validator warns about it as well.
 */
export const sqsDlq: CheckRule = {
  id: 'EB-SQS-DLQ',
  severity: 'warning',
  description:
    'Every queue that is not itself a dead-letter queue has a `redrive_policy` with a `deadLetterTargetArn`.',
  fix: 'Remove "deadLetter: false" from the request unless its consumers handle poison messages themselves.',
  mirrors: 'cdk-nag AwsSolutions-SQS3; SQS Developer Guide, "Using dead-letter queues"',
  *check(stack) {
    const deadLetters = deadLetterQueues(stack);
    for (const queue of resourcesOfType(stack, 'aws_sqs_queue')) {
      if (deadLetters.has(queue) || deadLetterTarget(queue) !== undefined) continue;
      yield {
        address: queue.address,
        message:
          'queue has no redrive_policy with a deadLetterTargetArn, and no queue or subscription uses it as a dead-letter queue',
      };
    }
  },
};
