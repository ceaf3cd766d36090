import { describe, expect, it } from 'vitest';
import { at, cleanStack, found, resource } from '../fixtures';

describe('EB-SNS-ENCRYPTION (a warning until topics get keys)', () => {
  it('passes a topic with a key', () => {
    expect(found('EB-SNS-ENCRYPTION', cleanStack())).toEqual([]);
  });

  it('warns about a topic without kms_master_key_id (checkov CKV_AWS_26)', () => {
    const stack = cleanStack();
    delete resource(stack, 'aws_sns_topic', 'topic_events')['kms_master_key_id'];
    expect(found('EB-SNS-ENCRYPTION', stack)).toEqual(at('EB-SNS-ENCRYPTION', 'aws_sns_topic.topic_events'));
  });
});
