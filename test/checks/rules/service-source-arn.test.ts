import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  found,
  QUEUE_ARN,
  queueTlsDeny,
  setPolicy,
  snsDelivery,
  TOPIC_ARN,
} from '../fixtures';

describe('EB-IAM-SERVICE-SOURCE-ARN', () => {
  it('passes ArnEquals aws:SourceArn on exact topic ARNs, one or several, or a reference', () => {
    expect(found('EB-IAM-SERVICE-SOURCE-ARN', cleanStack())).toEqual([]);
    for (const sources of [[TOPIC_ARN, `${TOPIC_ARN}-2`], '${aws_sns_topic.topic_events.arn}']) {
      const stack = cleanStack();
      const delivery = snsDelivery(QUEUE_ARN, { Condition: { ArnEquals: { 'aws:SourceArn': sources } } });
      setPolicy(stack, 'aws_sqs_queue_policy', 'queue_work_policy', queueTlsDeny(QUEUE_ARN), delivery);
      expect(found('EB-IAM-SERVICE-SOURCE-ARN', stack)).toEqual([]);
    }
  });

  it.each([
    ['no condition', undefined],
    ['aws:SourceAccount only', { StringEquals: { 'aws:SourceAccount': '111111111111' } }],
    ['a wildcard ARN', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:*' } }],
    ['ArnEqualsIfExists', { ArnEqualsIfExists: { 'aws:SourceArn': TOPIC_ARN } }],
  ])('fails SNS delivery with %s', (_, condition) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sqs_queue_policy',
      'queue_work_policy',
      queueTlsDeny(QUEUE_ARN),
      snsDelivery(QUEUE_ARN, { Condition: condition }),
    );
    expect(found('EB-IAM-SERVICE-SOURCE-ARN', stack)).toEqual(
      at('EB-IAM-SERVICE-SOURCE-ARN', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });
});
