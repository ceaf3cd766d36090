import type { DocumentPath, FilterPolicyCode } from '../diagnostics';
import type { FilterPolicyDiagnostic } from './types';

/** Collects diagnostics while the policy is walked; the walk never stops at the first problem. */
export interface DiagnosticSink {
  readonly diagnostics: FilterPolicyDiagnostic[];
  error(code: FilterPolicyCode, path: DocumentPath, message: string, hint?: string): void;
  warning(code: FilterPolicyCode, path: DocumentPath, message: string, hint?: string): void;
}

export function createDiagnosticSink(): DiagnosticSink {
  const diagnostics: FilterPolicyDiagnostic[] = [];
  const add = (
    severity: 'error' | 'warning',
    code: FilterPolicyCode,
    path: DocumentPath,
    message: string,
    hint?: string,
  ): void => {
    diagnostics.push(
      hint === undefined ? { code, severity, message, path } : { code, severity, message, hint, path },
    );
  };
  return {
    diagnostics,
    error: (code, path, message, hint) => add('error', code, path, message, hint),
    warning: (code, path, message, hint) => add('warning', code, path, message, hint),
  };
}

/** `detail.scope[0].numeric`: the path as a reader of the policy would name it. */
export function describePath(path: DocumentPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(policy)' : text;
}
