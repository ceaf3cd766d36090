import type { Pattern } from './patterns';

/** The key that introduces alternatives (event-ruler README, "$or"; SNS "AND/OR logic"). */
export const OR_KEY = '$or';

/**
 * A validated policy, ready to evaluate: a list of conditions that must all hold, in policy order.
 * Nested objects are flattened into dotted paths, because SNS matches `{"a":{"b":…}}` and `{"a.b":…}` alike.
 */
export type Condition = FieldCondition | OrCondition;

export interface FieldCondition {
  readonly kind: 'field';
  /** Dotted path of the key, e.g. `detail.scope`; also the name shown to users. */
  readonly path: string;
  /** The key's value array; at least one entry must match. */
  readonly patterns: readonly Pattern[];
  /** Identical conditions share a signature, so repeating one in `$or` branches costs nothing. */
  readonly signature: string;
}

export interface OrCondition {
  readonly kind: 'or';
  /** `$or`, or `detail.$or` when nested. */
  readonly path: string;
  /** At least two branches; at least one must hold. */
  readonly branches: readonly (readonly Condition[])[];
}

/**
 * Joins object keys the way event-ruler flattens both events and rules, so a policy key `a.b`, a nested
 * policy `{"a":{"b":…}}` and a body `{"a.b":…}` all meet at the same path.
 */
export function joinKeyPath(prefix: string | undefined, key: string): string {
  return prefix === undefined ? key : `${prefix}.${key}`;
}
