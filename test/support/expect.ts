import { expect } from 'vitest';
import type { DiagnosticCode } from '../../lib/diagnostics';
import { problems } from './workspace';

/** Asserts that the requests produce exactly one diagnostic with this code, at this file and line. */
export function expectOnly(
  code: DiagnosticCode,
  at: { file: string; line: number; column?: number },
  requests: Record<string, string>,
  config?: string,
): void {
  const found = problems(requests, config).filter((problem) => problem.code === code);
  expect(found).toEqual([
    expect.objectContaining({
      code,
      file: at.file,
      line: at.line,
      ...(at.column ? { column: at.column } : {}),
    }),
  ]);
}

/** Asserts that the requests produce no diagnostic with this code, and no error at all. */
export function expectClean(code: DiagnosticCode, requests: Record<string, string>, config?: string): void {
  const found = problems(requests, config);
  expect(found.filter((problem) => problem.code === code)).toEqual([]);
  expect(found.filter((problem) => problem.severity === 'error')).toEqual([]);
}
