import { deadLetterTarget, resolveResource, resourcesOfType } from '../stack';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Without a subscription redrive policy, SNS discards a message after a client-side error (a
 * deleted queue, a broken queue or key policy) without retrying, and after its server-side
 * retries run out (SNS Developer Guide, "Amazon SNS dead-letter queues (DLQs)"). The target
 * must be an SQS queue.
 */
export const subscriptionDlq: CheckRule = {
  id: 'EB-SNS-SUBSCRIPTION-DLQ',
  severity: 'error',
  description: 'Every subscription has a `redrive_policy` whose `deadLetterTargetArn` is an SQS queue.',
  fix: rendererFix(
    "the subscription dead-letter queue the model plans for every queue (`<queue>-sns-dlq`) and every subscription's redrive policy",
  ),
  mirrors: 'SNS Developer Guide, "Amazon SNS dead-letter queues (DLQs)"',
  *check(stack) {
    for (const subscription of resourcesOfType(stack, 'aws_sns_topic_subscription')) {
      const target = deadLetterTarget(subscription);
      if (
        target !== undefined &&
        (resolveResource(stack, 'aws_sqs_queue', target) || /^arn:[a-z-]+:sqs:/.test(target))
      )
        continue;
      yield {
        address: subscription.address,
        message:
          target === undefined
            ? 'subscription has no redrive_policy with a deadLetterTargetArn, so SNS drops what it cannot deliver'
            : `subscription's deadLetterTargetArn ${JSON.stringify(target)} is not an SQS queue`,
      };
    }
  },
};
