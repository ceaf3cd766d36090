import { actionCovers, isRootDelegation, readablePolicies, statementMessage } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Actions no request owner ever gets (reference, "Least-privilege action sets"): they change a
 * queue's or topic's policy, encryption or redrive, or destroy its messages. A pattern such as
 * `sqs:Set*` counts as granting what it covers.
 */
const FORBIDDEN = [
  'sqs:SetQueueAttributes',
  'sqs:AddPermission',
  'sqs:PurgeQueue',
  'sqs:DeleteQueue',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
] as const;

export const forbiddenAction: CheckRule = {
  id: 'EB-IAM-FORBIDDEN-ACTION',
  severity: 'error',
  description: `No Allow grants ${FORBIDDEN.map((action) => `\`${action}\``).join(', ')} or \`kms:*\` (outside a key policy's account-root statement), directly or through a wildcard.`,
  fix: rendererFix(
    "no Allow of these actions: they are the infrastructure team's, applied through Terraform, never a publisher's or consumer's",
  ),
  mirrors: 'IAM User Guide, "Security best practices in IAM" (least privilege)',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || isRootDelegation(policy, statement)) continue;
        const granted = FORBIDDEN.filter((action) =>
          statement.actions.some((pattern) => actionCovers(pattern, action)),
        );
        // A pattern covers all of KMS when it ends in "*" and matches the text "kms:*" (`*`, `kms:*`, `k*`).
        const allOfKms = statement.actions.some(
          (pattern) => pattern.endsWith('*') && actionCovers(pattern, 'kms:*'),
        );
        const found = [...granted, ...(allOfKms ? ['kms:*'] : [])];
        if (found.length === 0) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(policy, statement, `grants ${found.join(', ')}`),
        };
      }
    }
  },
};
