import { networkContains, parseIpAddress, type IpNetwork } from './cidr';

/** A scalar a message can carry at a path: JSON types stay distinct (`100` is not `"100"`). */
export type LeafValue = string | number | boolean | null;

export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

export interface NumericComparison {
  readonly operator: NumericOperator;
  readonly operand: number;
}

/** One entry of a policy key's value array, after validation. The entries of one key are ORed. */
export type Pattern =
  | { readonly kind: 'exact-string'; readonly value: string }
  | { readonly kind: 'exact-number'; readonly value: number }
  | { readonly kind: 'literal'; readonly value: boolean | null }
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'suffix'; readonly value: string }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | {
      readonly kind: 'anything-but';
      readonly strings: readonly string[];
      readonly numbers: readonly number[];
    }
  | { readonly kind: 'anything-but-prefix'; readonly value: string }
  | { readonly kind: 'numeric'; readonly comparisons: readonly NumericComparison[] }
  | { readonly kind: 'cidr'; readonly network: IpNetwork }
  | { readonly kind: 'exists'; readonly value: boolean };

function compare(value: number, { operator, operand }: NumericComparison): boolean {
  switch (operator) {
    case '=':
      return value === operand;
    case '<':
      return value < operand;
    case '<=':
      return value <= operand;
    case '>':
      return value > operand;
    case '>=':
      return value >= operand;
  }
}

/**
 * Whether one leaf value satisfies one pattern. Semantics per the Amazon SNS Developer Guide pages
 * "String value matching", "Numeric value matching" and "Key matching", and event-ruler for the operators
 * added later (suffix, equals-ignore-case). `exists: false` is about absence, which no leaf can show, so
 * the caller handles it.
 */
export function leafMatches(pattern: Pattern, value: LeafValue): boolean {
  switch (pattern.kind) {
    case 'exact-string':
      return value === pattern.value;
    case 'exact-number':
      return typeof value === 'number' && value === pattern.value;
    case 'literal':
      return value === pattern.value;
    case 'prefix':
      // Prefixes apply to strings only ("Numeric value matching": prefixes are for string matching).
      return typeof value === 'string' && value.startsWith(pattern.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(pattern.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === pattern.value.toLowerCase();
    case 'anything-but':
      // Typed comparison: anything-but "100" does not exclude the number 100, and vice versa.
      if (typeof value === 'string') return !pattern.strings.includes(value);
      if (typeof value === 'number') return !pattern.numbers.includes(value);
      return true;
    case 'anything-but-prefix':
      return typeof value !== 'string' || !value.startsWith(pattern.value);
    case 'numeric':
      // Only JSON numbers (Number attributes, number elements) take numeric rules; strings never coerce.
      return (
        typeof value === 'number' && pattern.comparisons.every((comparison) => compare(value, comparison))
      );
    case 'cidr': {
      if (typeof value !== 'string') return false;
      const address = parseIpAddress(value);
      return address !== undefined && networkContains(pattern.network, address);
    }
    case 'exists':
      return pattern.value;
  }
}

/** True when a key whose path is absent from the message is still satisfied by one of its entries. */
export function acceptsAbsence(patterns: readonly Pattern[]): boolean {
  return patterns.some((pattern) => pattern.kind === 'exists' && !pattern.value);
}
