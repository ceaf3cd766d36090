import { joinKeyPath, OR_KEY } from './conditions';
import { isPlainObject, ownEntries, type JsonObject } from './json';
import { MAX_WALK_DEPTH } from './limits';

/**
 * SNS's complexity ("Filter policy constraints": "the total combination of values must not exceed 150").
 * A key's weight is the number of entries in its array times its nesting depth (1 at the top level): the
 * page's example, 4 values three levels down and 3 values two levels down, is "3 x 4 x 2 x 3 = 72".
 * An object multiplies the weights of its keys and the complexities of its nested objects; an `$or`
 * contributes the SUM of its branches, which keep the depth of the object holding the `$or`. This
 * reproduces what AWS recorded: 152 and 160 rejected, 150 accepted, 216 rejected.
 *
 * Malformed parts (already reported by the structure walk) count as 1, so the number stays meaningful.
 */
export function filterPolicyComplexity(policy: unknown): number {
  return isPlainObject(policy) ? objectComplexity(policy, 1) : 0;
}

function objectComplexity(object: JsonObject, depth: number): number {
  // Deeper than we walk: the depth factor alone is already far above the limit.
  if (depth > MAX_WALK_DEPTH) return Number.POSITIVE_INFINITY;
  let product = 1;
  for (const [key, value] of ownEntries(object)) {
    if (key === OR_KEY) {
      product *= orComplexity(value, depth);
    } else if (Array.isArray(value)) {
      product *= Math.max(1, value.length) * depth;
    } else if (isPlainObject(value)) {
      product *= objectComplexity(value, depth + 1);
    }
  }
  return product;
}

function orComplexity(branches: unknown, depth: number): number {
  if (!Array.isArray(branches)) return 1;
  let sum = 0;
  for (const branch of branches) {
    if (isPlainObject(branch)) sum += objectComplexity(branch, depth);
  }
  return Math.max(1, sum);
}

/**
 * The keys that count toward SNS's limit of five. Counted conservatively, because the sources disagree:
 * every distinct leaf key path (the dotted path to an array), including keys inside nested objects and
 * inside `$or` branches. "Filter policy constraints" counts every attribute name in MessageAttributes
 * scope; for MessageBody an earlier revision counted nested leaf keys while the current page counts only
 * parent keys, and how `$or` counts is undocumented. The policy AWS accepted with complexity 150 has
 * exactly five such keys, so this never rejects it.
 */
export function policyKeyPaths(policy: JsonObject): string[] {
  const paths = new Set<string>();
  collectKeyPaths(policy, undefined, paths, 0);
  return [...paths];
}

function collectKeyPaths(
  object: JsonObject,
  prefix: string | undefined,
  paths: Set<string>,
  depth: number,
): void {
  if (depth > MAX_WALK_DEPTH) return;
  for (const [key, value] of ownEntries(object)) {
    if (key === OR_KEY && Array.isArray(value)) {
      for (const branch of value) {
        if (isPlainObject(branch)) collectKeyPaths(branch, prefix, paths, depth + 1);
      }
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      collectKeyPaths(value, joinKeyPath(prefix, key), paths, depth + 1);
    } else {
      paths.add(joinKeyPath(prefix, key));
    }
  }
}
