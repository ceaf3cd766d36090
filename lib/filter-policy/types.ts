import type { DocumentPath, Severity } from '../diagnostics';

/** Where a filter policy is applied: SNS's FilterPolicyScope. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** Stable codes of the filter-policy validator. */
export type FilterPolicyCode = 'filter-policy-invalid';

export interface FilterPolicyDiagnostic {
  readonly code: FilterPolicyCode;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  /** JSON path inside the policy. */
  readonly path: DocumentPath;
}
