import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-SNS-SUBSCRIPTION-DLQ', () => {
  it('passes a subscription with a redrive policy to an SQS queue, by ARN or by reference', () => {
    expect(found('EB-SNS-SUBSCRIPTION-DLQ', cleanStack())).toEqual([]);
    const stack = cleanStack();
    resource(stack, 'aws_sns_topic_subscription', 'subscription_work')['redrive_policy'] = JSON.stringify({
      deadLetterTargetArn: '${aws_sqs_queue.queue_work_sns_dlq.arn}',
    });
    expect(found('EB-SNS-SUBSCRIPTION-DLQ', stack)).toEqual([]);
  });

  it.each([
    ['no redrive policy', undefined],
    ['a redrive policy without a target', JSON.stringify({ maxReceiveCount: 5 })],
    [
      'a target that is not a queue',
      JSON.stringify({ deadLetterTargetArn: 'arn:aws:sns:eu-west-1:111111111111:t' }),
    ],
  ])('fails a subscription with %s', (_, redrivePolicy) => {
    const stack = cleanStack();
    resource(stack, 'aws_sns_topic_subscription', 'subscription_work')['redrive_policy'] = redrivePolicy;
    expect(found('EB-SNS-SUBSCRIPTION-DLQ', stack)).toEqual(
      at('EB-SNS-SUBSCRIPTION-DLQ', 'aws_sns_topic_subscription.subscription_work'),
    );
  });
});
