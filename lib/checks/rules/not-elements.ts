import { readablePolicies, statementMessage } from '../policy';
import type { CheckRule } from '../types';
import { rendererFix } from './renderer-fix';

const NOT_ELEMENTS = ['NotPrincipal', 'NotAction', 'NotResource'] as const;

/**
 * `NotAction` in an Allow grants every other action, present and future; `NotPrincipal` and
 * `NotResource` invert a scope the same way (IAM User Guide, "IAM JSON policy elements:
 * NotPrincipal", "NotAction"). The model builds policies from fixed sets and never needs them.
 */
export const notElements: CheckRule = {
  id: 'EB-IAM-NOT-ELEMENTS',
  severity: 'error',
  description: 'No statement uses `NotPrincipal`, `NotAction` or `NotResource`.',
  fix: rendererFix(
    'the principals, actions and resources each statement applies to, never the ones it excludes',
  ),
  mirrors: 'IAM User Guide, "IAM JSON policy elements: NotPrincipal" and "NotAction"',
  *check(stack) {
    for (const policy of readablePolicies(stack)) {
      for (const statement of policy.statements) {
        const used = NOT_ELEMENTS.filter((element) => statement.raw[element] !== undefined);
        if (used.length === 0) continue;
        yield {
          address: policy.source.holder.address,
          message: statementMessage(policy, statement, `uses ${used.join(', ')}`),
        };
      }
    }
  },
};
