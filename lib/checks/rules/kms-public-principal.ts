import { readablePolicies, statementMessage } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * A key policy Allow to `*` without any condition lets every AWS account use the key (AWS KMS
 * Developer Guide, "Key policies in AWS KMS"). Mirrors checkov's CKV_AWS_33, which accepts any
 * condition at all; EB-IAM-PUBLIC-PRINCIPAL additionally judges whether the condition restricts.
 */
export const kmsPublicPrincipal: CheckRule = {
  id: 'EB-KMS-PUBLIC-PRINCIPAL',
  severity: 'error',
  description:
    'No key policy Allow names principal `*` (or `{AWS: "*"}`) without a Condition (passes while the output has no keys).',
  fix: rendererFix(
    'only named principals in key policies: the account root, the publishers (with kms:ViaService), sns.amazonaws.com (with aws:SourceArn)',
  ),
  mirrors: 'checkov CKV_AWS_33',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      if (policy.source.kind !== 'key') continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || statement.raw['Condition'] !== undefined) continue;
        const anyone = statement.principals.some(
          (principal) => principal.value === '*' && (principal.type === '*' || principal.type === 'AWS'),
        );
        if (!anyone) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(policy, statement, 'allows principal "*" without a condition'),
        };
      }
    }
  },
};
