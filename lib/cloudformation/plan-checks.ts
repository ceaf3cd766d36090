import type { StackPlan } from '../model';
import { CloudFormationPlanError } from './errors';
import type { StackPart } from './stack-parts';

/*
 * Plans this backend cannot deploy as they are, found before any construct is built. Valid plans
 * from `planStacks` pass; each check names what a model rule would have to prevent.
 */

/** A dependency on a plan that is not being synthesized could not be honoured: its topics would be missing. */
export function assertDependenciesPlanned(plans: readonly StackPlan[]): void {
  const names = new Set(plans.map((plan) => plan.name));
  for (const plan of plans) {
    const missing = plan.dependsOn.find((dependency) => !names.has(dependency));
    if (missing !== undefined) {
      throw new CloudFormationPlanError(
        `"${plan.name}" subscribes to topics of "${missing}", which is not among the plans to synthesize: synthesize both together`,
      );
    }
  }
}

/**
 * Stack names replace "." with "-" and number split parts, so two plans can meet: environment
 * "a-b" with team "c" and environment "a" with team "b-c", or team "orders-2" and the second part
 * of team "orders".
 */
export function assertUniqueStackNames(parts: readonly StackPart[]): void {
  const seen = new Map<string, string>();
  for (const { stackName, plan } of parts) {
    const earlier = seen.get(stackName);
    if (earlier !== undefined) {
      throw new CloudFormationPlanError(
        `plans "${earlier}" and "${plan.name}" would both synthesize the CloudFormation stack "${stackName}"`,
      );
    }
    seen.set(stackName, plan.name);
  }
}

/**
 * KMS alias names are unique per account and region, across stacks: a second key with the same
 * alias would fail the deployment of its stack. Aliases follow the validated resource names per
 * service, so a valid model never repeats one; this guards hand-made plans.
 */
export function assertUniqueKeyAliases(plans: readonly StackPlan[]): void {
  const seen = new Map<string, string>();
  for (const plan of plans) {
    const { account, region } = plan.environment;
    for (const resource of [...plan.topics, ...plan.queues]) {
      if (resource.encryption.kind !== 'kms') continue;
      const { alias } = resource.encryption.key;
      const key = `${account}/${region}/${alias}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new CloudFormationPlanError(
          `the keys of "${earlier}" and "${resource.name}" would both be named "${alias}" in account ${account}, ${region}: rename one of them`,
        );
      }
      seen.set(key, resource.name);
    }
  }
}
