import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  consumerAllow,
  DLQ_ARN,
  found,
  queueTlsDeny,
  resource,
  setPolicy,
  snsDelivery,
  QUEUE_ARN,
} from '../fixtures';

describe('EB-SQS-TLS', () => {
  it('passes the exact deny as statement 0 of every queue policy', () => {
    expect(found('EB-SQS-TLS', cleanStack())).toEqual([]);
  });

  it('fails a deny that is not statement 0 (checkov CKV_AWS_72 reads only statement 0)', () => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      snsDelivery(QUEUE_ARN),
      queueTlsDeny(QUEUE_ARN),
    );
    expect(found('EB-SQS-TLS', stack)).toEqual(at('EB-SQS-TLS', 'aws_sqs_queue_policy.queue_work_policy'));
  });

  it.each([
    ['principal "*"', { Principal: '*' }],
    ['a list of actions', { Action: ['sqs:*'] }],
    ['aws:SecureTransport "true"', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
    ['another queue', { Resource: DLQ_ARN }],
  ])('fails a deny with %s', (_, change) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      { ...queueTlsDeny(QUEUE_ARN), ...change },
      consumerAllow(QUEUE_ARN),
    );
    expect(found('EB-SQS-TLS', stack)).toEqual(at('EB-SQS-TLS', 'aws_sqs_queue_policy.queue_work_policy'));
  });

  it('fails a queue without any queue policy', () => {
    const stack = cleanStack();
    delete stack.resource['aws_sqs_queue_policy']?.['queue_work_dlq_policy'];
    expect(found('EB-SQS-TLS', stack)).toEqual(at('EB-SQS-TLS', 'aws_sqs_queue.queue_work_dlq'));
  });

  it('leaves an unreadable policy to EB-IAM-POLICY-READABLE instead of calling the queue policy-less', () => {
    const stack = cleanStack();
    resource(stack, 'aws_sqs_queue_policy', 'queue_work_policy')['policy'] =
      '${data.aws_iam_policy_document.q.json}';
    expect(found('EB-SQS-TLS', stack)).toEqual([]);
  });

  it('matches a policy to its queue by literal URL as well as by reference', () => {
    const stack = cleanStack();
    resource(stack, 'aws_sqs_queue_policy', 'queue_work_dlq_policy')['queue_url'] =
      'https://sqs.eu-west-1.amazonaws.com/111111111111/dev-shipping-work-dlq';
    expect(found('EB-SQS-TLS', stack)).toEqual([]);
  });
});
