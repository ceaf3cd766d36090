import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-IAM-POLICY-READABLE', () => {
  it('passes literal policy documents', () => {
    expect(found('EB-IAM-POLICY-READABLE', cleanStack())).toEqual([]);
  });

  it.each([
    ['a Terraform expression', '${data.aws_iam_policy_document.queue.json}'],
    ['broken JSON', '{"Statement": ['],
    ['a document without Statement', '{"Version":"2012-10-17"}'],
    ['an unknown Effect', '{"Statement":[{"Effect":"allow","Principal":"*","Action":"sqs:*"}]}'],
    [
      'a Principal that is a list',
      '{"Statement":[{"Effect":"Allow","Principal":["*"],"Action":"sqs:SendMessage"}]}',
    ],
    ['an Action that is a number', '{"Statement":[{"Effect":"Allow","Principal":"*","Action":1}]}'],
    [
      'a Condition without keys',
      '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"a:b","Condition":{"Bool":true}}]}',
    ],
  ])('fails %s', (_, text) => {
    const stack = cleanStack();
    resource(stack, 'aws_sqs_queue_policy', 'queue_work_policy')['policy'] = text;
    expect(found('EB-IAM-POLICY-READABLE', stack)).toEqual(
      at('EB-IAM-POLICY-READABLE', 'aws_sqs_queue_policy.queue_work_policy'),
    );
  });

  it('fails a policy resource without a policy, and an inline policy that is not a string', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_sns_topic_policy', 'topic_events_policy')['policy'];
    resource(stack, 'aws_kms_key', 'topic_key')['policy'] = { Statement: [] };
    expect(found('EB-IAM-POLICY-READABLE', stack)).toEqual(
      at('EB-IAM-POLICY-READABLE', 'aws_kms_key.topic_key', 'aws_sns_topic_policy.topic_events_policy'),
    );
  });
});
