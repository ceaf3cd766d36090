import type { FilterPolicyCode } from '../diagnostics';

/** What each code means, for the rules reference. A Record, so a new code cannot go undocumented. */
export const FILTER_POLICY_CODES: Readonly<Record<FilterPolicyCode, string>> = {
  'filter-policy-invalid-scope': 'The scope is neither MessageAttributes nor MessageBody.',
  'filter-policy-not-json': 'A value JSON cannot hold.',
  'filter-policy-too-large': 'The policy is over 256 KB of JSON.',
  'filter-policy-too-deep': 'The policy nests deeper than any policy SNS could accept.',
  'filter-policy-not-object': 'The policy is not a JSON object.',
  'filter-policy-too-many-keys': 'More than 5 keys.',
  'filter-policy-too-complex': "More than 150 value combinations (SNS's complexity count).",
  'filter-policy-value-not-array':
    "A key's value is a single value instead of a list (or, for bodies, a nested object).",
  'filter-policy-empty-array': 'An empty list.',
  'filter-policy-empty-object': 'An empty object.',
  'filter-policy-nested-in-attributes': 'A nested object in a MessageAttributes policy.',
  'filter-policy-or': '`$or` is not a list of at least two objects.',
  'filter-policy-match-value-type': 'A list entry is neither a value nor an operator object.',
  'filter-policy-multiple-operators': 'An operator object with more than one key.',
  'filter-policy-unknown-operator': 'An operator SNS does not know.',
  'filter-policy-unsupported-operator':
    'An operator form SNS rejects (`wildcard`, `anything-but` with `suffix`, ...).',
  'filter-policy-operand-type': "An operator's operand has the wrong type.",
  'filter-policy-invalid-cidr': 'A malformed CIDR block.',
  'filter-policy-numeric': 'A malformed `numeric` expression.',
  'filter-policy-numeric-range': 'A `numeric` range whose bottom is not below its top.',
  'filter-policy-number-out-of-range': 'A number outside -1e9 to 1e9.',
  'filter-policy-number-precision': 'A number with more than 5 decimal places (warning: SNS compares 5).',
};
