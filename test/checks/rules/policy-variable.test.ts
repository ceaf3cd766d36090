import { describe, expect, it } from 'vitest';
import { at, cleanStack, consumerAllow, found, QUEUE_ARN, queueTlsDeny, setPolicy } from '../fixtures';

describe('EB-IAM-POLICY-VARIABLE', () => {
  it('passes literal ARNs and plain resource references', () => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      queueTlsDeny('${aws_sqs_queue.queue_work.arn}'),
      consumerAllow(QUEUE_ARN),
    );
    expect(found('EB-IAM-POLICY-VARIABLE', stack)).toEqual([]);
  });

  it.each([
    ['an escaped IAM policy variable', 'arn:aws:sqs:eu-west-1:111111111111:$${aws:username}'],
    ['an unescaped policy variable', 'arn:aws:sqs:eu-west-1:111111111111:${aws:username}'],
    ['a Terraform function call', '${file("/etc/passwd")}'],
  ])('fails %s', (_, value) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      queueTlsDeny(QUEUE_ARN),
      consumerAllow(value),
    );
    expect(found('EB-IAM-POLICY-VARIABLE', stack)).toEqual(
      at('EB-IAM-POLICY-VARIABLE', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });
});
