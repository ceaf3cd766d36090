import { describe, expect, it } from 'vitest';
import { CheckInputError, checkTerraformStack, renderCheckRulesReference, RULE_PACK } from '../../lib/checks';
import { cleanStack, resource, stackWithoutKeys } from './fixtures';

describe('rule pack', () => {
  it('finds nothing in a stack that does everything right, with or without a KMS key', () => {
    expect(checkTerraformStack('dev.test', cleanStack())).toEqual([]);
    expect(checkTerraformStack('dev.test', stackWithoutKeys())).toEqual([]);
  });

  it('reads cdk.tf.json as text as well as parsed', () => {
    expect(checkTerraformStack('dev.test', JSON.stringify(cleanStack()))).toEqual([]);
  });

  it('gives every rule a unique EB-<service>-<concern> id and complete metadata', () => {
    const ids = RULE_PACK.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULE_PACK) {
      expect(rule.id).toMatch(/^EB-(IAM|SNS|SQS|KMS)-[A-Z0-9-]+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      for (const text of [rule.description, rule.fix, rule.mirrors]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toContain('\n');
      }
    }
  });

  it('renders a markdown table listing every rule once', () => {
    const reference = renderCheckRulesReference();
    expect(reference.split('\n')[0]).toBe('| id | severity | what it requires | how to fix | mirrors |');
    for (const rule of RULE_PACK) expect(reference.split(`| \`${rule.id}\` |`).length - 1).toBe(1);
    expect(reference.trim().split('\n')).toHaveLength(RULE_PACK.length + 2);
  });

  it('stamps findings with stack, severity and fix, sorted by address then rule', () => {
    const stack = cleanStack();
    delete stack.resource['aws_sns_topic_policy'];
    resource(stack, 'aws_sqs_queue', 'queue_work')['lifecycle'] = {};
    const findings = checkTerraformStack('dev.orders.topics', stack);
    expect(findings.map((finding) => [finding.address, finding.ruleId])).toEqual([
      ['aws_sns_topic.topic_events', 'EB-SNS-TLS'],
      ['aws_sqs_queue.queue_work', 'EB-SQS-PREVENT-DESTROY'],
    ]);
    expect(findings[0]).toMatchObject({ stack: 'dev.orders.topics', severity: 'error' });
    expect(findings[0]?.fix).toContain('DenyInsecureTransport');
  });

  it('rejects a document that is not Terraform JSON with CheckInputError', () => {
    expect(() => checkTerraformStack('s', '{')).toThrow(CheckInputError);
    expect(() => checkTerraformStack('s', [])).toThrow(CheckInputError);
    expect(() => checkTerraformStack('s', { resource: { aws_sqs_queue: [] } })).toThrow(CheckInputError);
    expect(checkTerraformStack('s', {})).toEqual([]);
  });
});
