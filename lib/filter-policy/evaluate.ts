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

/**
 * Whether some message that carries `value` at `path` (one message attribute, or a field of a JSON
 * body) passes the policy, whatever else the message holds: the policy's conditions on that path
 * decide, and every other key is taken as met. So a filter on the event-type attribute tells which
 * event types a subscription can receive, evaluated exactly as `evaluateFilterPolicy` evaluates it.
 * An invalid policy can match nothing.
 */
export function canMatchValueAt(
  policy: unknown,
  scope: FilterPolicyScope,
  path: readonly string[],
  value: string,
): boolean {
  try {
    const { conditions } = analyzeFilterPolicy(policy, scope);
    if (conditions === undefined) return false;
    const dotted = path.join('.');
    const relevant = conditionsOn(conditions, dotted);
    const message: FilterMessage =
      scope === 'MessageAttributes'
        ? { attributes: { [dotted]: { DataType: 'String', StringValue: value } } }
        : { body: JSON.stringify(nested(path, value)) };
    const event = eventFromMessage(message, scope, new Set([dotted]));
    return event !== undefined && conditionsMatch(relevant, event);
  } catch {
    return false;
  }
}

/**
 * The conditions that look at `path`. An `$or` with a branch that does not look at it imposes
 * nothing there (that branch can always be the one that holds), so it is dropped whole.
 */
function conditionsOn(conditions: readonly Condition[], path: string): Condition[] {
  const kept: Condition[] = [];
  for (const condition of conditions) {
    if (condition.kind === 'field') {
      if (condition.path === path) kept.push(condition);
      continue;
    }
    const branches = condition.branches.map((branch) => conditionsOn(branch, path));
    if (branches.every((branch) => branch.length > 0)) kept.push({ ...condition, branches });
  }
  return kept;
}

function nested(path: readonly string[], value: string): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}
