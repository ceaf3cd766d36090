import { compareStrings } from '../diagnostics';
import { synthOutputStacks } from './output';
import { RULE_PACK } from './pack';
import { isRecord, readTerraformStack } from './stack';
import type { Finding } from './types';

export { RULE_PACK } from './pack';
export { renderCheckRulesReference } from './reference';
export { CheckInputError, type TerraformResource, type TerraformStack } from './stack';
export type { CheckRule, CheckRuleId, Finding, RuleFinding } from './types';

/**
 * Runs every rule over one synthesized stack (`cdk.tf.json`, parsed or as text). Findings are
 * sorted by address, then rule id, so output never depends on rule order.
 * @throws CheckInputError when the document is not Terraform JSON
 */
export function checkTerraformStack(stackName: string, cdkTfJson: unknown): Finding[] {
  const stack = readTerraformStack(stackName, cdkTfJson);
  const findings = RULE_PACK.flatMap((rule) =>
    [...rule.check(stack)].map((finding): Finding => ({
      stack: stackName,
      ruleId: rule.id,
      severity: rule.severity,
      fix: rule.fix,
      ...finding,
    })),
  );
  return findings.sort(
    (a, b) =>
      compareStrings(a.address, b.address) ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}

/** What synth learns of a stack it wrote: the rule pack's findings and what the stack declares. */
export interface StackReport {
  readonly stack: string;
  /** As `checkTerraformStack` returns them. */
  readonly findings: readonly Finding[];
  /** How many resources of each Terraform type the stack declares, in the document's order. */
  readonly resources: Readonly<Record<string, number>>;
  /** `removed` blocks: addresses of retired entries that Terraform forgets. */
  readonly forgotten: number;
}

/**
 * The rule pack's findings for a stack synth has just written, from the document it wrote (the
 * pack reads the same values from the file; findings never depend on key order), and its
 * resource counts.
 * @throws CheckInputError when the document is not Terraform JSON
 */
export function reportTerraformStack(stackName: string, document: unknown): StackReport {
  const findings = checkTerraformStack(stackName, document);
  const { resource, removed } = document as { resource?: unknown; removed?: unknown };
  const resources: Record<string, number> = {};
  if (isRecord(resource)) {
    for (const [type, byName] of Object.entries(resource)) {
      resources[type] = isRecord(byName) ? Object.keys(byName).length : 0;
    }
  }
  return { stack: stackName, findings, resources, forgotten: Array.isArray(removed) ? removed.length : 0 };
}

/**
 * Checks every stack of a cdktf synth output directory (`manifest.json` and its stacks), in
 * stack-name order.
 * @throws CheckInputError when the directory, the manifest or a stack cannot be read
 */
export function checkTerraformOutput(outdir: string): Finding[] {
  // One stack at a time: memory stays flat however many stacks the output holds.
  return synthOutputStacks(outdir).flatMap(({ name, read }) => checkTerraformStack(name, read()));
}
export { findDroppedResources, PROTECTED_TYPES, type DroppedResource } from './dropped';
export { guardPlans, type DestructiveChange, type GuardedPlan, type PlanCounts } from './plan-guard';
