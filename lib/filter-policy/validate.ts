import { filterPolicyComplexity, policyKeyPaths } from './complexity';
import type { Condition } from './conditions';
import { describeValue, isPlainObject, measureJson, type JsonObject } from './json';
import { MAX_POLICY_BYTES, MAX_POLICY_COMPLEXITY, MAX_POLICY_KEYS, MAX_WALK_DEPTH } from './limits';
import { createDiagnosticSink, describePath, type DiagnosticSink } from './report';
import { walkPolicy } from './structure';
import type { FilterPolicyDiagnostic, FilterPolicyScope } from './types';

export interface PolicyAnalysis {
  readonly diagnostics: FilterPolicyDiagnostic[];
  /** Present only when there is no error: the policy SNS would accept, ready to evaluate. */
  readonly conditions: readonly Condition[] | undefined;
}

function isScope(scope: unknown): scope is FilterPolicyScope {
  return scope === 'MessageAttributes' || scope === 'MessageBody';
}

/** Size, JSON-ness and depth; false when the rest of the checks cannot run safely. */
function checkDocument(policy: unknown, sink: DiagnosticSink): boolean {
  const measure = measureJson(policy, MAX_POLICY_BYTES, MAX_WALK_DEPTH);
  switch (measure.kind) {
    case 'ok':
      return true;
    case 'too-large':
      // "Filter policy constraints": the maximum size of a policy is 256 KB.
      sink.error(
        'filter-policy-too-large',
        [],
        `filter policy is over ${MAX_POLICY_BYTES} bytes as compact JSON text, but SNS allows at most 256 KB per policy`,
        'match on fewer values: one prefix, suffix or numeric range can replace a long list of values',
      );
      return false;
    case 'not-json':
      sink.error(
        'filter-policy-not-json',
        measure.path,
        `filter policy holds ${describeValue(measure.value)} at ${describePath(measure.path)}, which JSON cannot represent`,
        'use only strings, finite numbers, true, false, null, arrays and plain objects',
      );
      return false;
    case 'too-deep':
      sink.error(
        'filter-policy-too-deep',
        measure.path,
        `filter policy nests more than ${MAX_WALK_DEPTH} levels deep, which SNS could never accept (every nested object raises the complexity, limited to ${MAX_POLICY_COMPLEXITY}, and match values cannot be arrays)`,
        'flatten the policy; SNS policies are rarely more than a few levels deep',
      );
      return false;
  }
}

function checkKeyCount(policy: JsonObject, scope: FilterPolicyScope, sink: DiagnosticSink): void {
  const keys = policyKeyPaths(policy);
  if (keys.length <= MAX_POLICY_KEYS) return;
  const rule =
    scope === 'MessageAttributes'
      ? 'MessageAttributes scope counts every key'
      : 'MessageBody scope: counted conservatively, every nested key';
  const excess = keys.length - MAX_POLICY_KEYS;
  // Another subscription would not help: SNS ANDs the keys of one policy, while a queue's second
  // subscription to the topic is the same subscription, and one on another queue delivers elsewhere.
  sink.error(
    'filter-policy-too-many-keys',
    [],
    `filter policy has ${keys.length} keys, but SNS allows at most ${MAX_POLICY_KEYS} (${rule}): ${keys.join(', ')}`,
    `remove ${excess === 1 ? 'one key' : `${excess} keys`} and check ${excess === 1 ? 'its condition' : 'their conditions'} in the consumer instead (the queue then receives the messages only ${excess === 1 ? 'that key' : 'those keys'} would have dropped); keys inside "$or" branches count too, so moving a condition into "$or" does not help`,
  );
}

function checkComplexity(policy: JsonObject, sink: DiagnosticSink): void {
  const complexity = filterPolicyComplexity(policy);
  if (complexity <= MAX_POLICY_COMPLEXITY) return;
  const shown = Number.isFinite(complexity) ? String(complexity) : 'too large to count';
  sink.error(
    'filter-policy-too-complex',
    [],
    `filter policy complexity is ${shown}, but SNS allows at most ${MAX_POLICY_COMPLEXITY} (values per key x nesting depth, multiplied across keys, summed across $or branches)`,
    'match fewer values per key, replace a list of values with one prefix, suffix or numeric range, or remove a key and check its condition in the consumer instead',
  );
}

/**
 * Runs every check SNS applies when a policy is attached, and compiles the policy when none fails.
 * Never throws: a policy is data from a user's file, and a getter or proxy could still surprise us, so
 * anything unexpected becomes a diagnostic.
 */
export function analyzeFilterPolicy(policy: unknown, scope: unknown): PolicyAnalysis {
  const sink = createDiagnosticSink();
  try {
    if (!isScope(scope)) {
      sink.error(
        'filter-policy-invalid-scope',
        [],
        `filter policy scope must be MessageAttributes or MessageBody, but got ${describeValue(scope)}`,
        'set the scope to MessageAttributes (the SNS default) or MessageBody',
      );
      return { diagnostics: sink.diagnostics, conditions: undefined };
    }
    if (!isPlainObject(policy)) {
      sink.error(
        'filter-policy-not-object',
        [],
        `filter policy must be a JSON object, but got ${describeValue(policy)}`,
        'write the policy as a mapping of keys to arrays, e.g. {"store": ["example_corp"]}',
      );
      return { diagnostics: sink.diagnostics, conditions: undefined };
    }
    if (!checkDocument(policy, sink)) return { diagnostics: sink.diagnostics, conditions: undefined };
    if (Object.keys(policy).length === 0) {
      sink.error(
        'filter-policy-empty-object',
        [],
        'filter policy is an empty object, but SNS does not allow empty objects',
        'add a key, or remove the filter policy to deliver every message',
      );
      return { diagnostics: sink.diagnostics, conditions: undefined };
    }
    const conditions = walkPolicy(policy, scope, sink);
    checkKeyCount(policy, scope, sink);
    checkComplexity(policy, sink);
    const valid = sink.diagnostics.every((diagnostic) => diagnostic.severity !== 'error');
    return { diagnostics: sink.diagnostics, conditions: valid ? conditions : undefined };
  } catch (error) {
    sink.error(
      'filter-policy-not-json',
      [],
      `filter policy could not be read: ${error instanceof Error ? error.message : 'unknown error'}`,
      'pass plain data parsed from JSON or YAML',
    );
    return { diagnostics: sink.diagnostics, conditions: undefined };
  }
}

/**
 * Every problem SNS would reject the policy for (errors), plus warnings about numbers SNS compares less
 * precisely than written. An empty list means SNS accepts the policy.
 */
export function validateFilterPolicy(policy: unknown, scope: FilterPolicyScope): FilterPolicyDiagnostic[] {
  return analyzeFilterPolicy(policy, scope).diagnostics;
}
