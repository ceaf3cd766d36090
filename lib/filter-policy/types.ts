import type { DocumentPath, FilterPolicyCode, Severity } from '../diagnostics';

/** Where a filter policy is applied: SNS's FilterPolicyScope. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

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
