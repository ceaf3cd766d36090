import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { resolveModel, type EventBusModel } from './model';
import { loadRequests, type LoadOptions } from './request';

export interface ValidationResult {
  /** Present only when there is no error. */
  readonly model?: EventBusModel;
  /** Every problem of every file, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads, schema-checks and resolves the requests: the front door of every command. */
export function validateRequests(options: LoadOptions): ValidationResult {
  const loaded = loadRequests(options);
  const resolved = resolveModel(loaded);
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...resolved.diagnostics]);
  const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return { ...(valid && resolved.model ? { model: resolved.model } : {}), diagnostics };
}
