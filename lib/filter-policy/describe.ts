import { formatNetwork } from './cidr';
import type { Condition, FieldCondition } from './conditions';
import type { NumericComparison, Pattern } from './patterns';
import type { FilterPolicyScope } from './types';
import { analyzeFilterPolicy } from './validate';

/**
 * A valid policy in words, one phrase per condition that SNS ANDs, in policy order: `attribute
 * "region" starts with "eu-"`. Undefined for a policy SNS would refuse, which has no meaning to
 * describe. Names and values are quoted as JSON, so a reader sees exactly what is compared.
 */
export function describeFilterPolicy(policy: unknown, scope: FilterPolicyScope): string[] | undefined {
  const { conditions } = analyzeFilterPolicy(policy, scope);
  return conditions?.map((condition) => describeCondition(condition, scope));
}

function describeCondition(condition: Condition, scope: FilterPolicyScope): string {
  if (condition.kind === 'field') return describeField(condition, scope);
  const branches = condition.branches.map(
    (branch) => `(${branch.map((inner) => describeCondition(inner, scope)).join(' and ')})`,
  );
  return `either ${branches.join(' or ')}`;
}

function describeField(condition: FieldCondition, scope: FilterPolicyScope): string {
  const subject = `${scope === 'MessageAttributes' ? 'attribute' : 'body field'} ${JSON.stringify(condition.path)}`;
  // Plain values read as one list ("is one of ..."); every operator is its own alternative.
  const values = condition.patterns.flatMap((pattern) => {
    if (pattern.kind === 'exact-string' || pattern.kind === 'exact-number' || pattern.kind === 'literal') {
      return [quote(pattern.value)];
    }
    return [];
  });
  const alternatives = [
    ...(values.length === 0
      ? []
      : [values.length === 1 ? `is ${values[0]}` : `is one of ${values.join(', ')}`]),
    ...condition.patterns.flatMap((pattern) => {
      const phrase = describeOperator(pattern);
      return phrase === undefined ? [] : [phrase];
    }),
  ];
  return `${subject} ${alternatives.join(' or ')}`;
}

function describeOperator(pattern: Pattern): string | undefined {
  switch (pattern.kind) {
    case 'exact-string':
    case 'exact-number':
    case 'literal':
      return undefined;
    case 'prefix':
      return `starts with ${quote(pattern.value)}`;
    case 'suffix':
      return `ends with ${quote(pattern.value)}`;
    case 'equals-ignore-case':
      return `is ${quote(pattern.value)} ignoring case`;
    case 'anything-but': {
      const excluded = [...pattern.strings, ...pattern.numbers].map(quote);
      return excluded.length === 1 ? `is anything but ${excluded[0]}` : `is none of ${excluded.join(', ')}`;
    }
    case 'anything-but-prefix':
      return `does not start with ${quote(pattern.value)}`;
    case 'numeric':
      return `is a number ${pattern.comparisons.map(describeComparison).join(' and ')}`;
    case 'cidr':
      return `is an IP address in ${formatNetwork(pattern.network)}`;
    case 'exists':
      return pattern.value ? 'is present' : 'is absent';
  }
}

function describeComparison({ operator, operand }: NumericComparison): string {
  return `${operator} ${String(operand)}`;
}

function quote(value: string | number | boolean | null): string {
  return JSON.stringify(value);
}
