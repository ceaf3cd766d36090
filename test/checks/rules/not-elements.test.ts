import { describe, expect, it } from 'vitest';
import { at, cleanStack, consumerAllow, found, QUEUE_ARN, queueTlsDeny, setPolicy } from '../fixtures';

describe('EB-IAM-NOT-ELEMENTS', () => {
  it('passes policies without Not* elements', () => {
    expect(found('EB-IAM-NOT-ELEMENTS', cleanStack())).toEqual([]);
  });

  it.each([
    ['NotAction in an Allow', { Action: undefined, NotAction: 'sqs:PurgeQueue' }],
    ['NotResource', { NotResource: 'arn:aws:sqs:eu-west-1:111111111111:other' }],
    ['NotPrincipal', { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111111111111:role/x' } }],
  ])('fails %s', (_, change) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      queueTlsDeny(QUEUE_ARN),
      consumerAllow(QUEUE_ARN, change),
    );
    expect(found('EB-IAM-NOT-ELEMENTS', stack)).toEqual(
      at('EB-IAM-NOT-ELEMENTS', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });
});
