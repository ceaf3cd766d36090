import type { DocumentPath, Severity } from '../diagnostics';

/** Where a filter policy is applied: SNS's FilterPolicyScope. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/**
 * Stable codes of the filter-policy validator. Tests and tooling match on these, never on the wording,
 * so a code is never renamed or reused for another rule.
 */
export type FilterPolicyCode =
  /** The scope is neither MessageAttributes nor MessageBody. */
  | 'filter-policy-invalid-scope'
  /** A value JSON cannot represent: undefined, NaN, Infinity, a function, a class instance. */
  | 'filter-policy-not-json'
  /** The policy's JSON text is over 256 KB. */
  | 'filter-policy-too-large'
  /** Nesting deeper than this checker walks; such a policy could never pass SNS's other limits. */
  | 'filter-policy-too-deep'
  /** The policy itself is not a JSON object. */
  | 'filter-policy-not-object'
  /** More than 5 keys. */
  | 'filter-policy-too-many-keys'
  /** Complexity (value combinations) above 150. */
  | 'filter-policy-too-complex'
  /** A key's value is a string, number, boolean or null instead of an array (or nested object). */
  | 'filter-policy-value-not-array'
  | 'filter-policy-empty-array'
  | 'filter-policy-empty-object'
  /** A nested object in MessageAttributes scope, which accepts flat policies only. */
  | 'filter-policy-nested-in-attributes'
  /** `$or` is not an array of at least two objects. */
  | 'filter-policy-or'
  /** A match-array entry that is an array (or otherwise not a value or operator object). */
  | 'filter-policy-match-value-type'
  /** An operator object with more (or fewer) than one key. */
  | 'filter-policy-multiple-operators'
  | 'filter-policy-unknown-operator'
  /** An event-ruler operator or operator form that SNS does not accept. */
  | 'filter-policy-unsupported-operator'
  /** An operator's operand has the wrong type (e.g. a number for `prefix`). */
  | 'filter-policy-operand-type'
  | 'filter-policy-invalid-cidr'
  /** A malformed `numeric` expression. */
  | 'filter-policy-numeric'
  /** A `numeric` range whose bottom is not below its top. */
  | 'filter-policy-numeric-range'
  /** A policy number outside -1e9..1e9. */
  | 'filter-policy-number-out-of-range'
  /** Warning: a policy number with more than 5 decimal places. */
  | 'filter-policy-number-precision';

export interface FilterPolicyDiagnostic {
  readonly code: FilterPolicyCode;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  /** JSON path inside the policy. */
  readonly path: DocumentPath;
}

/** One SNS message attribute, as Publish takes it. */
export interface FilterMessageAttribute {
  readonly DataType: 'String' | 'String.Array' | 'Number' | 'Binary';
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** The parts of a published message a filter policy can look at. */
export interface FilterMessage {
  readonly attributes?: { readonly [name: string]: FilterMessageAttribute };
  /** The message text; MessageBody scope needs it to be a JSON object. */
  readonly body?: string;
}

/** Why a message was not delivered, for a CLI that shows the routing decision. */
export interface FilterExplanation {
  readonly matched: boolean;
  /** Dotted name of the first policy key (in policy order) that failed, e.g. `detail.scope` or `$or`. */
  readonly rejectedBy?: string;
  /** Set when no single key is to blame. */
  readonly reason?: 'invalid-policy' | 'body-not-json-object';
}
