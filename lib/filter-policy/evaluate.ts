import type { Condition } from './conditions';
import { conditionPaths, conditionsMatch } from './match';
import { eventFromMessage, type FilterEvent } from './message';
import type { FilterExplanation, FilterMessage, FilterPolicyScope } from './types';
import { analyzeFilterPolicy } from './validate';

type Prepared =
  | { readonly ok: true; readonly conditions: readonly Condition[]; readonly event: FilterEvent }
  | { readonly ok: false; readonly reason: 'invalid-policy' | 'body-not-json-object' };

function prepare(policy: unknown, message: unknown, scope: unknown): Prepared {
  const { conditions } = analyzeFilterPolicy(policy, scope);
  // An invalid policy matches nothing: SNS would not have accepted it.
  if (conditions === undefined || (scope !== 'MessageAttributes' && scope !== 'MessageBody')) {
    return { ok: false, reason: 'invalid-policy' };
  }
  const event = eventFromMessage(message, scope, conditionPaths(conditions));
  if (event === undefined) return { ok: false, reason: 'body-not-json-object' };
  return { ok: true, conditions, event };
}

/**
 * Whether SNS delivers `message` to a subscription with this policy and scope: AND over keys, OR within a
 * key (Amazon SNS Developer Guide, "Amazon SNS subscription filter policies"). Never throws: any surprise
 * in the inputs reads as "not delivered". A subscription WITHOUT a policy receives every message
 * ("Amazon SNS message filtering"); callers decide that case before calling, since `undefined` here is
 * simply an invalid policy.
 */
export function evaluateFilterPolicy(
  policy: unknown,
  message: FilterMessage,
  scope: FilterPolicyScope,
): boolean {
  try {
    const prepared = prepare(policy, message, scope);
    return prepared.ok && conditionsMatch(prepared.conditions, prepared.event);
  } catch {
    return false;
  }
}

/**
 * Why `message` is or is not delivered. When it is rejected, `rejectedBy` names the first key, in policy
 * order, that cannot hold together with the keys before it: with independent keys that is simply the
 * first key that fails. `$or` groups are named as a whole (`$or`, `detail.$or`).
 */
export function explainFilterPolicy(
  policy: unknown,
  message: FilterMessage,
  scope: FilterPolicyScope,
): FilterExplanation {
  try {
    const prepared = prepare(policy, message, scope);
    if (!prepared.ok) return { matched: false, reason: prepared.reason };
    const { conditions, event } = prepared;
    if (conditionsMatch(conditions, event)) return { matched: true };
    for (let count = 1; count <= conditions.length; count += 1) {
      const added = conditions[count - 1];
      if (added !== undefined && !conditionsMatch(conditions.slice(0, count), event)) {
        return { matched: false, rejectedBy: added.path };
      }
    }
    return { matched: false };
  } catch {
    return { matched: false };
  }
}
