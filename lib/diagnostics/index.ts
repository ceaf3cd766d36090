/**
 * The one shape every problem takes, whichever stage finds it. Stages append to one list; only
 * the CLI decides what the list means for the exit code.
 */
export type Severity = 'error' | 'warning';

/** A path into a parsed document: object keys and array indexes, outermost first. */
export type DocumentPath = readonly (string | number)[];

/** 1-based line and column, as editors and CI annotations count them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Problems found while reading a file, before its content is looked at. */
export type LoadCode =
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-encoding'
  | 'yaml-syntax'
  | 'yaml-nesting-too-deep'
  | 'yaml-multiple-documents'
  | 'yaml-directive'
  | 'yaml-tag'
  | 'yaml-alias'
  | 'yaml-duplicate-key'
  | 'yaml-empty'
  | 'forbidden-key'
  | 'forbidden-character'
  | 'template-expression';

/** Problems the JSON Schema finds in one file's shape. */
export type SchemaCode =
  | 'schema-unknown-field'
  | 'schema-missing-field'
  | 'schema-type'
  | 'schema-pattern'
  | 'schema-enum'
  | 'schema-range'
  | 'schema-invalid';

/** Problems the model's cross-file rules find. Each has one rule file in lib/model/rules. */
export type RuleCode =
  | 'team-declaration-mismatch'
  | 'duplicate-resource'
  | 'name-collision'
  | 'identifier-collision'
  | 'unknown-environment'
  | 'local-endpoint'
  | 'unknown-team'
  | 'unknown-topic'
  | 'topic-not-in-environment'
  | 'subscription-not-allowed'
  | 'team-file-location'
  | 'fifo-mismatch'
  | 'content-deduplication-needs-fifo'
  | 'event-not-carried'
  | 'events-filter-conflict'
  | 'duplicate-subscription'
  | 'invalid-principal'
  | 'principal-account-not-allowed'
  | 'principal-outside-environments'
  | 'principal-partition'
  | 'policy-too-large'
  | 'encryption-breaks-delivery'
  | 'name-too-long'
  | 'out-of-range'
  | 'dead-letter-retention-too-short'
  | 'dead-letter-disabled'
  | 'resource-retired'
  | 'filter-policy';

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

/** Problems found by comparing the requests with those of a base commit (`validate --base`). */
export type ComparisonCode = 'resource-removed' | 'base-invalid';

export type DiagnosticCode = LoadCode | SchemaCode | RuleCode | FilterPolicyCode | ComparisonCode;

export interface Diagnostic {
  /** Stable identifier; tests and tooling match on it, never on the message. */
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** What is wrong, the constraint, and the value given. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** Path of the file, as the caller named it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the document the problem is. Empty for the document as a whole. */
  readonly path: DocumentPath;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

/** Orders diagnostics by file, then position, then code, so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}

/** Code-point order: unlike localeCompare it is the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
