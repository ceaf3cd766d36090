import type { DocumentPath } from '../diagnostics';
import { joinKeyPath, OR_KEY, type Condition } from './conditions';
import { describeValue, isPlainObject, ownEntries, type JsonObject } from './json';
import { parseMatchEntry, SNS_OPERATORS } from './operators';
import type { Pattern } from './patterns';
import type { DiagnosticSink } from './report';
import type { FilterPolicyScope } from './types';

const OPERATOR_LIKE_KEYS: readonly string[] = [...SNS_OPERATORS, 'wildcard'];

interface WalkContext {
  readonly scope: FilterPolicyScope;
  readonly sink: DiagnosticSink;
}

/**
 * The two ways out of a nested MessageAttributes policy. Exported so that the request layer can
 * offer only the first where it knows the MessageBody scope is closed to the subscription.
 */
export const FLATTEN_ATTRIBUTES_HINT =
  'message attributes do not nest: make each key the name of one attribute, with an array of values';
export const NESTED_ATTRIBUTES_HINT = `${FLATTEN_ATTRIBUTES_HINT}; or set the scope to MessageBody to filter nested fields of the message body`;

const OR_SHAPE_HINT = 'write "$or": [{...}, {...}] with one policy object per alternative';

function looksLikeBareOperator(object: JsonObject): boolean {
  const keys = Object.keys(object);
  return keys.length === 1 && OPERATOR_LIKE_KEYS.includes(keys[0] ?? '');
}

function bareOperatorHint(key: string, operatorObject: JsonObject): string {
  return `an operator must sit inside the key's array: write "${key}": [${JSON.stringify(operatorObject)}]`;
}

/** A key's value array: every entry must parse, and at least one must match at evaluation time. */
function walkValueArray(
  values: readonly unknown[],
  path: DocumentPath,
  keyPath: string,
  context: WalkContext,
): Condition | undefined {
  if (values.length === 0) {
    context.sink.error(
      'filter-policy-empty-array',
      path,
      `"${keyPath}" has an empty array, but SNS needs at least one match value`,
      'add the values to match, or remove the key (and an object that removing it leaves empty)',
    );
    return undefined;
  }
  const patterns: Pattern[] = [];
  let complete = true;
  values.forEach((value, index) => {
    const pattern = parseMatchEntry(value, [...path, index], context.sink);
    if (pattern === undefined) complete = false;
    else patterns.push(pattern);
  });
  if (!complete) return undefined;
  return { kind: 'field', path: keyPath, patterns, signature: `${keyPath}\u0000${JSON.stringify(values)}` };
}

/**
 * `$or` must be an array of at least two objects (event-ruler README, "$or"; the SNS page "AND/OR logic").
 * Its branches keep the nesting depth of the object that holds it.
 */
function walkOr(value: unknown, path: DocumentPath, prefix: string | undefined, context: WalkContext) {
  const orPath = joinKeyPath(prefix, OR_KEY);
  const fail = (at: DocumentPath, problem: string, hint = OR_SHAPE_HINT): undefined => {
    context.sink.error(
      'filter-policy-or',
      at,
      `"${orPath}" must be an array of at least 2 objects, but ${problem}`,
      hint,
    );
    return undefined;
  };
  if (!Array.isArray(value)) return fail(path, `got ${describeValue(value)}`);
  const branches: unknown[] = value;
  let complete = true;
  const compiled: Condition[][] = [];
  branches.forEach((branch, index) => {
    const branchPath = [...path, index];
    if (!isPlainObject(branch)) {
      complete = false;
      fail(branchPath, `branch ${index} is ${describeValue(branch)}`);
    } else if (Object.keys(branch).length === 0) {
      complete = false;
      context.sink.error(
        'filter-policy-empty-object',
        branchPath,
        `"${orPath}" branch ${index} is an empty object, but SNS does not allow empty objects`,
        branches.length > 2
          ? 'give the branch at least one key, or remove it'
          : 'give the branch at least one key ("$or" needs two branches)',
      );
    } else {
      compiled.push(walkObject(branch, branchPath, prefix, context));
    }
  });
  if (branches.length < 2) {
    fail(
      path,
      `it has ${branches.length === 0 ? 'no objects' : '1 object'}`,
      branches.length === 1 && isPlainObject(branches[0])
        ? 'one alternative needs no "$or": write the keys of its object in place of "$or"'
        : 'write "$or": [{...}, {...}] with one policy object per alternative, or remove "$or"',
    );
    return undefined;
  }
  return complete ? ({ kind: 'or', path: orPath, branches: compiled } as const) : undefined;
}

function walkNestedObject(
  object: JsonObject,
  path: DocumentPath,
  key: string,
  keyPath: string,
  context: WalkContext,
): Condition[] {
  if (context.scope === 'MessageAttributes') {
    // "Filter policy constraints": SNS doesn't accept a nested filter policy for attribute-based filtering.
    context.sink.error(
      'filter-policy-nested-in-attributes',
      path,
      `"${keyPath}" holds a nested object, but MessageAttributes scope accepts only flat policies (every value an array)`,
      looksLikeBareOperator(object) ? bareOperatorHint(key, object) : NESTED_ATTRIBUTES_HINT,
    );
    return [];
  }
  if (Object.keys(object).length === 0) {
    context.sink.error(
      'filter-policy-empty-object',
      path,
      `"${keyPath}" is an empty object, but SNS does not allow empty objects`,
      'add keys under it, or remove it (and an object that removing it leaves empty)',
    );
    return [];
  }
  return walkObject(object, path, keyPath, context);
}

/** Walks one policy object (the root, a nested object, or an `$or` branch), in key order. */
function walkObject(
  object: JsonObject,
  path: DocumentPath,
  prefix: string | undefined,
  context: WalkContext,
): Condition[] {
  const conditions: Condition[] = [];
  for (const [key, value] of ownEntries(object)) {
    const keyPathInPolicy = [...path, key];
    if (key === OR_KEY) {
      const or = walkOr(value, keyPathInPolicy, prefix, context);
      if (or !== undefined) conditions.push(or);
      continue;
    }
    const keyPath = joinKeyPath(prefix, key);
    if (Array.isArray(value)) {
      const condition = walkValueArray(value, keyPathInPolicy, keyPath, context);
      if (condition !== undefined) conditions.push(condition);
    } else if (isPlainObject(value)) {
      conditions.push(...walkNestedObject(value, keyPathInPolicy, key, keyPath, context));
    } else {
      const parentKey = path[path.length - 1];
      const isBareOperator = OPERATOR_LIKE_KEYS.includes(key) && typeof parentKey === 'string';
      context.sink.error(
        'filter-policy-value-not-array',
        keyPathInPolicy,
        `"${keyPath}" must be an array of match values${context.scope === 'MessageBody' ? ' or a nested object' : ''}, but got ${describeValue(value)}`,
        isBareOperator
          ? bareOperatorHint(String(parentKey), { [key]: value })
          : `wrap the value in an array: "${key}": [${JSON.stringify(value) ?? '...'}]`,
      );
    }
  }
  return conditions;
}

/**
 * Checks the structure of a policy object against its scope and turns it into conditions. Conditions
 * with problems are left out; the caller must not evaluate when the sink holds errors.
 */
export function walkPolicy(policy: JsonObject, scope: FilterPolicyScope, sink: DiagnosticSink): Condition[] {
  return walkObject(policy, [], undefined, { scope, sink });
}
