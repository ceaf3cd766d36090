import { restrictsCaller } from '../conditions';
import { readablePolicies, statementMessage, type Principal } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

/**
 * An Allow to `*` (or to an ARN of any account) lets anyone on the internet in, unless a
 * condition pins the caller down. Deny statements may name `*`: that is how the TLS deny works.
 */
export const publicPrincipal: CheckRule = {
  id: 'EB-IAM-PUBLIC-PRINCIPAL',
  severity: 'error',
  description:
    'No Allow names principal `*` (or an ARN of any account) unless a condition on the caller (SourceArn, SourceAccount, PrincipalOrgID, ...) restricts it.',
  fix: rendererFix(
    'publishers, consumers and service principals by name, a service principal with an ArnEquals aws:SourceArn condition',
  ),
  mirrors: 'checkov CKV_AWS_168, CKV_AWS_169, CKV_AWS_387',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow') continue;
        const open = statement.principals.filter(isAnyone);
        if (open.length === 0 || statement.conditions.some(restrictsCaller)) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(
            policy,
            statement,
            `allows principal ${open.map((principal) => JSON.stringify(principal.value)).join(', ')} without a condition that restricts the caller`,
          ),
        };
      }
    }
  },
};

function isAnyone(principal: Principal): boolean {
  if (principal.value === '*') return true;
  if (!principal.value.startsWith('arn:')) return false;
  const account = principal.value.split(':')[4];
  return account !== undefined && /[*?]/.test(account);
}
