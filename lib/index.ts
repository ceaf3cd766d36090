/**
 * eventbus-infra: declarative requests for an SNS-to-SQS event bus, validated into a
 * backend-neutral model. This entry point loads neither cdktf nor aws-cdk-lib; the backends are
 * separate entry points (`eventbus-infra/terraform`).
 */
export type { Diagnostic, DiagnosticCode, DocumentPath, Severity, SourcePosition } from './diagnostics';
export { sortDiagnostics, hasErrors } from './diagnostics';
export { loadRequests, SCHEMAS } from './request';
export type { LoadOptions, LoadedRequests } from './request';
export { resolveModel, planStacks, formatKey, GRANTS, RULES, InvalidPropsError } from './model';
export type * from './model';
export { validateRequests, type ValidationResult } from './pipeline';
export { Duration, Size } from './units';
export * from './filter-policy';
