import { isAccountRoot, policySources, readPolicy, type Policy } from '../policy';
import { resourcesOfType, type TerraformStack } from '../stack';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * A key without an explicit policy gets the default one, which no reviewer sees in the output
 * (checkov CKV2_AWS_64). The explicit policy keeps the account-root statement: without it, IAM
 * policies of the account cannot grant use of the key, and only AWS Support can recover it (AWS
 * KMS Developer Guide, "Default key policy").
 */
export const kmsKeyPolicy: CheckRule = {
  id: 'EB-KMS-KEY-POLICY',
  severity: 'error',
  description:
    'Every `aws_kms_key` has an explicit key policy (`policy` or an `aws_kms_key_policy`) that allows `kms:*` to its account root (passes while the output has no keys).',
  fix: rendererFix(
    'an explicit policy on every key: the account-root statement first, then the statements for publishers or sns.amazonaws.com',
  ),
  mirrors: 'checkov CKV2_AWS_64; AWS KMS Developer Guide, "Default key policy"',
  *check(stack) {
    const sources = policySources(stack).filter((source) => source.kind === 'key');
    // A key policy whose key_id is not a reference to a key of this stack may belong to any key.
    const unattached = sources.some((source) => source.owner === undefined);
    for (const key of resourcesOfType(stack, 'aws_kms_key')) {
      const readings = sources.filter((source) => source.owner === key).map(readPolicy);
      if (readings.length === 0) {
        if (!unattached)
          yield {
            address: key.address,
            message: 'key has no explicit key policy, so AWS applies its default one',
          };
        continue;
      }
      // An unreadable policy is EB-IAM-POLICY-READABLE's finding.
      const policies = readings.flatMap((reading) => ('policy' in reading ? [reading.policy] : []));
      if (policies.length < readings.length || policies.some((policy) => delegatesToRoot(policy, stack)))
        continue;
      yield {
        address: key.address,
        message:
          'key policy has no Allow of "kms:*" to the account root, so IAM policies cannot grant use of the key',
      };
    }
  },
};

function delegatesToRoot(policy: Policy, stack: TerraformStack): boolean {
  return policy.statements.some(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.conditions.length === 0 &&
      statement.actions.some((action) => action.toLowerCase() === 'kms:*' || action === '*') &&
      statement.principals.some(
        (principal) =>
          isAccountRoot(principal) &&
          (stack.accounts.length === 0 ||
            stack.accounts.includes(principal.value.split(':')[4] ?? principal.value)),
      ),
  );
}
