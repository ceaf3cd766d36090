import type { Severity } from '../diagnostics';
import type { TerraformStack } from './stack';

/** Stable rule ids: `EB-<service>-<concern>`. Tests, CI logs and suppressions match on these. */
export type CheckRuleId =
  | 'EB-IAM-POLICY-READABLE'
  | 'EB-IAM-PUBLIC-PRINCIPAL'
  | 'EB-IAM-WILDCARD-ACTION'
  | 'EB-IAM-FORBIDDEN-ACTION'
  | 'EB-IAM-NOT-ELEMENTS'
  | 'EB-IAM-POLICY-VARIABLE'
  | 'EB-IAM-SERVICE-SOURCE-ARN'
  | 'EB-SNS-TLS'
  | 'EB-SQS-TLS'
  | 'EB-SNS-PRINCIPAL-CONDITION'
  | 'EB-SQS-ENCRYPTION'
  | 'EB-SNS-ENCRYPTION'
  | 'EB-SNS-AWS-MANAGED-KEY'
  | 'EB-SQS-DLQ'
  | 'EB-SNS-SUBSCRIPTION-DLQ'
  | 'EB-SQS-PREVENT-DESTROY'
  | 'EB-KMS-ROTATION'
  | 'EB-KMS-PUBLIC-PRINCIPAL'
  | 'EB-KMS-KEY-POLICY';

/** What a rule reports: the resource and what is wrong with it. */
export interface RuleFinding {
  /** Terraform address, `<type>.<name>`, as `terraform plan` prints it. */
  readonly address: string;
  /** What is wrong, the constraint, and the value found. */
  readonly message: string;
}

/** A rule's finding with its stack and the rule's metadata: what the pack returns. */
export interface Finding extends RuleFinding {
  readonly stack: string;
  readonly ruleId: CheckRuleId;
  readonly severity: Severity;
  readonly fix: string;
}

/** One check over a synthesized stack, with the metadata the rules reference is generated from. */
export interface CheckRule {
  readonly id: CheckRuleId;
  readonly severity: Severity;
  /** What the rule requires, in one line. */
  readonly description: string;
  /** How to fix a finding, in one line. */
  readonly fix: string;
  /** The checkov id, cdk-nag rule or AWS documentation page the rule mirrors. */
  readonly mirrors: string;
  /** Pure: reads the stack, returns findings, never throws on odd input. */
  check(stack: TerraformStack): Iterable<RuleFinding>;
}
