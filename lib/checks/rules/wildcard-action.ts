import { isRootDelegation, isServiceWildcard, readablePolicies, statementMessage } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * Grants name actions one by one, from the model's fixed sets (reference: least-privilege
 * action sets). `sqs:*` also grants every action SQS adds later. A key policy's account-root
 * statement is the one exception: AWS's default key policy gives the root `kms:*`.
 */
export const wildcardAction: CheckRule = {
  id: 'EB-IAM-WILDCARD-ACTION',
  severity: 'error',
  description:
    "No Allow grants `*` or a whole service (`sqs:*`, `sns:*`, `kms:*`), except a key policy's account-root statement.",
  fix: rendererFix("only the actions of each role's grant table (publisher, consumer, SNS delivery)"),
  mirrors: 'checkov CKV_AWS_72, CKV_AWS_387 (stricter: every statement, any principal)',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || isRootDelegation(policy, statement)) continue;
        const wide = statement.actions.filter(isServiceWildcard);
        if (wide.length === 0) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(
            policy,
            statement,
            `allows ${wide.map((action) => JSON.stringify(action)).join(', ')}`,
          ),
        };
      }
    }
  },
};
