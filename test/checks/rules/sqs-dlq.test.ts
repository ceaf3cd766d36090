import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-SQS-DLQ (a warning: requests may opt out)', () => {
  it('passes a queue with a redrive policy, and does not ask a DLQ for its own DLQ', () => {
    expect(found('EB-SQS-DLQ', cleanStack())).toEqual([]);
  });

  it('recognises a DLQ by its redrive source alone, without a redrive allow policy', () => {
    const stack = cleanStack();
    delete stack.resource['aws_sqs_queue_redrive_allow_policy'];
    expect(found('EB-SQS-DLQ', stack)).toEqual([]);
  });

  it("recognises a subscription's redrive target as a DLQ: without the subscription it is an ordinary queue", () => {
    const stack = cleanStack();
    delete stack.resource['aws_sns_topic_subscription'];
    expect(found('EB-SQS-DLQ', stack)).toEqual(at('EB-SQS-DLQ', 'aws_sqs_queue.queue_work_sns_dlq'));
  });

  it('warns about a queue without a redrive policy', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_sqs_queue', 'queue_work')['redrive_policy'];
    delete stack.resource['aws_sqs_queue_redrive_allow_policy'];
    // Nothing redrives to the DLQ any more, so it is an ordinary queue without a DLQ too.
    expect(found('EB-SQS-DLQ', stack)).toEqual(
      at('EB-SQS-DLQ', 'aws_sqs_queue.queue_work', 'aws_sqs_queue.queue_work_dlq'),
    );
  });
});
