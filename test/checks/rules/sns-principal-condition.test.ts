import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, publisherAllow, setPolicy, topicTlsDeny } from '../fixtures';

describe('EB-SNS-PRINCIPAL-CONDITION (checkov CKV_AWS_385)', () => {
  it.each([
    ['StringEquals aws:PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': '111111111111' } }],
    [
      "ArnEquals aws:PrincipalArn (checkov's own passing example)",
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/orders-api' } },
    ],
    ['StringEquals aws:PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }],
  ])('passes a publisher Allow with %s', (_, condition) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sns_topic_policy',
      'topic_events_policy',
      topicTlsDeny(),
      publisherAllow({ Condition: condition }),
    );
    expect(found('EB-SNS-PRINCIPAL-CONDITION', stack)).toEqual([]);
  });

  it('passes Allows to "*" and to service principals: CKV_AWS_385 only looks at arn:aws:iam:: principals', () => {
    const stack = cleanStack();
    const service = {
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: '*',
    };
    setPolicy(stack, 'aws_sns_topic_policy', 'topic_events_policy', topicTlsDeny(), service);
    expect(found('EB-SNS-PRINCIPAL-CONDITION', stack)).toEqual([]);
  });

  it.each([
    ['no condition (our publisher statement today)', undefined],
    [
      'only Bool aws:SecureTransport, which checkov does not count',
      { Bool: { 'aws:SecureTransport': 'true' } },
    ],
    ['a condition on a key checkov does not count', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }],
  ])('fails a publisher Allow with %s', (_, condition) => {
    const stack = cleanStack();
    setPolicy(
      stack,
      'aws_sns_topic_policy',
      'topic_events_policy',
      topicTlsDeny(),
      publisherAllow({ Condition: condition }),
    );
    expect(found('EB-SNS-PRINCIPAL-CONDITION', stack)).toEqual(
      at('EB-SNS-PRINCIPAL-CONDITION', 'aws_sns_topic_policy.topic_events_policy'),
    );
  });

  it('does not read queue policies, as checkov does not', () => {
    expect(found('EB-SNS-PRINCIPAL-CONDITION', cleanStack())).toEqual([]);
  });
});
