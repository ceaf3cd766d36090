import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-SQS-PREVENT-DESTROY', () => {
  it('passes lifecycle.prevent_destroy = true, as an object or a list of blocks', () => {
    const stack = cleanStack();
    resource(stack, 'aws_sqs_queue', 'queue_work')['lifecycle'] = [{ prevent_destroy: true }];
    expect(found('EB-SQS-PREVENT-DESTROY', stack)).toEqual([]);
  });

  it.each([
    ['no lifecycle block', undefined],
    ['prevent_destroy = false', { prevent_destroy: false }],
  ])('fails a DLQ with %s', (_, lifecycle) => {
    const stack = cleanStack();
    resource(stack, 'aws_sqs_queue', 'queue_work_dlq')['lifecycle'] = lifecycle;
    expect(found('EB-SQS-PREVENT-DESTROY', stack)).toEqual(
      at('EB-SQS-PREVENT-DESTROY', 'aws_sqs_queue.queue_work_dlq'),
    );
  });
});
