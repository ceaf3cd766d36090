import { beforeAll, describe, expect, it } from 'vitest';
import { checkTerraformOutput, type Finding } from '../../lib/checks';
import { synthesizeBundledExample } from './support';

describe('the rule pack on the bundled example organisation', () => {
  let findings: Finding[];

  beforeAll(() => {
    findings = checkTerraformOutput(synthesizeBundledExample());
  });

  it('finds no error', () => {
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });

  // A tripwire: when the model encrypts the example's topics or adds a caller condition to the
  // publisher grant, these warnings go away and EB-SNS-ENCRYPTION or EB-SNS-PRINCIPAL-CONDITION
  // can become errors.
  it('warns only about what the model does not do yet: topic keys, and checkov CKV_AWS_385', () => {
    const warnings = findings.map((finding) => `${finding.stack} ${finding.address} ${finding.ruleId}`);
    const topics = [
      'dev.orders.topics aws_sns_topic.topic_order-events',
      'dev.orders.topics aws_sns_topic.topic_order-ledger',
      'dev.payments.topics aws_sns_topic.topic_payment-events',
      'prod.orders.topics aws_sns_topic.topic_order-events',
      'prod.orders.topics aws_sns_topic.topic_order-ledger',
      'prod.payments.topics aws_sns_topic.topic_payment-events',
    ];
    expect(warnings.filter((warning) => warning.endsWith('EB-SNS-ENCRYPTION'))).toEqual(
      topics.map((topic) => `${topic} EB-SNS-ENCRYPTION`),
    );
    expect(warnings.filter((warning) => warning.endsWith('EB-SNS-PRINCIPAL-CONDITION'))).toEqual(
      topics.map(
        (topic) =>
          `${topic.replace('aws_sns_topic.', 'aws_sns_topic_policy.')}_policy EB-SNS-PRINCIPAL-CONDITION`,
      ),
    );
    expect(warnings).toHaveLength(12);
  });
});
