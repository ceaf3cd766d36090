import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-SQS-ENCRYPTION', () => {
  it('passes SSE-SQS written out, and a customer-managed key', () => {
    const stack = cleanStack();
    const work = resource(stack, 'aws_sqs_queue', 'queue_work');
    delete work['sqs_managed_sse_enabled'];
    work['kms_master_key_id'] = '${aws_kms_key.topic_key.arn}';
    expect(found('EB-SQS-ENCRYPTION', stack)).toEqual([]);
  });

  it('fails a queue that leaves encryption to the AWS default (checkov CKV_AWS_27)', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_sqs_queue', 'queue_work_dlq')['sqs_managed_sse_enabled'];
    resource(stack, 'aws_sqs_queue', 'queue_work')['sqs_managed_sse_enabled'] = false;
    expect(found('EB-SQS-ENCRYPTION', stack)).toEqual(
      at('EB-SQS-ENCRYPTION', 'aws_sqs_queue.queue_work', 'aws_sqs_queue.queue_work_dlq'),
    );
  });

  it('fails alias/aws/sqs on the subscribed queue and on the subscription DLQ, where SNS delivers', () => {
    const stack = cleanStack();
    for (const name of ['queue_work', 'queue_work_sns_dlq', 'queue_work_dlq']) {
      const queue = resource(stack, 'aws_sqs_queue', name);
      delete queue['sqs_managed_sse_enabled'];
      queue['kms_master_key_id'] = 'alias/aws/sqs';
    }
    // The consumer DLQ receives from SQS itself, not from SNS: the AWS managed key works there.
    expect(found('EB-SQS-ENCRYPTION', stack)).toEqual(
      at('EB-SQS-ENCRYPTION', 'aws_sqs_queue.queue_work', 'aws_sqs_queue.queue_work_sns_dlq'),
    );
  });
});
