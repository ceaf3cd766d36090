import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, publisherAllow, setPolicy, topicTlsDeny } from '../fixtures';

describe('EB-SNS-TLS', () => {
  it('passes the exact deny, wherever it stands in the topic policy', () => {
    const stack = cleanStack();
    setPolicy(stack, 'aws_sns_topic_policy', 'topic_events_policy', publisherAllow(), topicTlsDeny());
    expect(found('EB-SNS-TLS', stack)).toEqual([]);
  });

  it('accepts a deny on Resource "*"', () => {
    const stack = cleanStack();
    setPolicy(stack, 'aws_sns_topic_policy', 'topic_events_policy', topicTlsDeny('*'), publisherAllow());
    expect(found('EB-SNS-TLS', stack)).toEqual([]);
  });

  it.each([
    ['sns:* instead of sns:Publish', { Action: 'sns:*' }],
    ['a list of actions', { Action: ['sns:Publish'] }],
    ['principal {AWS: "*"}', { Principal: { AWS: '*' } }],
    ['Allow', { Effect: 'Allow' }],
    [
      'an extra condition that narrows the deny',
      {
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringEquals: { 'aws:PrincipalAccount': '1' },
        },
      },
    ],
    ['another topic', { Resource: 'arn:aws:sns:eu-west-1:111111111111:other' }],
  ])('fails a deny with %s', (_, change) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sns_topic_policy',
      'topic_events_policy',
      { ...topicTlsDeny(), ...change },
      publisherAllow(),
    );
    expect(found('EB-SNS-TLS', stack)).toEqual(at('EB-SNS-TLS', 'aws_sns_topic_policy.topic_events_policy'));
  });

  it('fails a topic without any topic policy', () => {
    const stack = cleanStack();
    delete stack.resource['aws_sns_topic_policy'];
    expect(found('EB-SNS-TLS', stack)).toEqual(at('EB-SNS-TLS', 'aws_sns_topic.topic_events'));
  });

  it('accepts an inline policy on the topic itself', () => {
    const stack = cleanStack();
    delete stack.resource['aws_sns_topic_policy'];
    setPolicy(stack, 'aws_sns_topic', 'topic_events', topicTlsDeny(), publisherAllow());
    expect(found('EB-SNS-TLS', stack)).toEqual([]);
  });
});
