import { Token } from 'aws-cdk-lib';
import type { StackPlan } from '../model';
import { CloudFormationPlanError } from './errors';

/**
 * Text from request files reaches the template verbatim, and two layers would execute parts of it:
 * aws-cdk-lib replaces "${Token[...]}" markers with other resources' attributes, and CloudFormation
 * resolves "{{resolve:...}}" dynamic references (SSM parameters, secrets) and "Ref"/"Fn::" keys in
 * JSON properties such as filter policies. Requests reject such text when they are loaded; this
 * second guard makes sure a gap there can never turn a request into a secret read or a reference.
 */
export function assertNothingEvaluable(plans: readonly StackPlan[]): void {
  // Plans hold every policy and filter of their stack: one pass without paths finds the rare plan
  // that holds such text, and only that one is walked again to name where. Plans share their
  // teams, environments and entries, and what one plan showed to be clean is clean in the next.
  const clean = new Set<object>();
  for (const plan of plans) if (holdsEvaluable(plan, clean)) reportEvaluable(plan);
}

function holdsEvaluable(plan: StackPlan, visited: Set<object>): boolean {
  const visit = (value: unknown): boolean => {
    if (typeof value === 'string') return isEvaluableText(value);
    if (typeof value !== 'object' || value === null || visited.has(value)) return false;
    visited.add(value);
    // An array's keys are its indices, which no check accepts.
    if (Array.isArray(value)) return value.some(visit);
    for (const key of Object.keys(value)) {
      if (isEvaluableText(key) || key === 'Ref' || key.startsWith('Fn::')) return true;
      if (visit((value as Record<string, unknown>)[key])) return true;
    }
    return false;
  };
  return visit(plan);
}

// Every text either check accepts holds one of these: one search rules out nearly every string.
const SUSPECT = /Token\[|\{\{resolve:/i;

function isEvaluableText(text: string): boolean {
  // Both markers hold "[" or "{{", which names, ARNs and actions never do: a plan's thousands of
  // strings are ruled out without running the expression on each.
  if (!text.includes('[') && !text.includes('{{')) return false;
  return SUSPECT.test(text) && (Token.isUnresolved(text) || DYNAMIC_REFERENCE.test(text));
}

function reportEvaluable(plan: StackPlan): void {
  const visited = new WeakSet<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      rejectEvaluableText(plan, value, path);
      return;
    }
    if (typeof value !== 'object' || value === null || visited.has(value)) return;
    visited.add(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
      rejectEvaluableText(plan, key, `${childPath} (key)`);
      if (key === 'Ref' || key.startsWith('Fn::')) {
        throw new CloudFormationPlanError(
          `${childPath} in the plan of "${plan.name}" is named like a CloudFormation intrinsic function, which CloudFormation would evaluate`,
        );
      }
      visit(child, childPath);
    }
  };
  visit(plan, 'plan');
}

const DYNAMIC_REFERENCE = /\{\{resolve:/i;

function rejectEvaluableText(plan: StackPlan, text: string, path: string): void {
  const evaluator = Token.isUnresolved(text)
    ? 'aws-cdk-lib would replace its token marker'
    : DYNAMIC_REFERENCE.test(text)
      ? 'CloudFormation would resolve its dynamic reference'
      : undefined;
  if (!evaluator) return;
  const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  throw new CloudFormationPlanError(
    `${path} in the plan of "${plan.name}" is ${JSON.stringify(shown)}: ${evaluator} instead of writing the text`,
  );
}
