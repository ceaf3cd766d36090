import { describe, expect, it } from 'vitest';
import {
  at,
  cleanStack,
  found,
  OTHER_ACCOUNT,
  publisherAllow,
  resource,
  setPolicy,
  topicTlsDeny,
} from '../fixtures';

describe('EB-SNS-AWS-MANAGED-KEY', () => {
  it("passes alias/aws/sns when every publisher is in the stack's account", () => {
    const stack = cleanStack();
    resource(stack, 'aws_sns_topic', 'topic_events')['kms_master_key_id'] = 'alias/aws/sns';
    expect(found('EB-SNS-AWS-MANAGED-KEY', stack)).toEqual([]);
  });

  it.each([
    ['a publisher in another account', { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/ingest` }],
    ['a service principal', { Service: 'events.amazonaws.com' }],
  ])('fails alias/aws/sns with %s', (_, principal) => {
    const stack = cleanStack();
    resource(stack, 'aws_sns_topic', 'topic_events')['kms_master_key_id'] = 'alias/aws/sns';
    setPolicy(
      stack,
      'aws_sns_topic_policy',
      'topic_events_policy',
      topicTlsDeny(),
      publisherAllow({ Principal: principal }),
    );
    expect(found('EB-SNS-AWS-MANAGED-KEY', stack)).toEqual(
      at('EB-SNS-AWS-MANAGED-KEY', 'aws_sns_topic.topic_events'),
    );
  });
});
