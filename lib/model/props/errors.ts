import type { DiagnosticCode, DocumentPath } from '../../diagnostics';

/** A problem with one prop, under the code a request file with the same mistake gets. */
export interface PropsProblem {
  readonly code: DiagnosticCode;
  /** The prop, outermost first: `["deadLetter", "retention"]`. */
  readonly path: DocumentPath;
  readonly message: string;
  readonly hint?: string;
}

/**
 * The one error the constructs throw for invalid props or requests: every problem at once, each
 * with its code, so a caller fixes them all in one go and tooling can match on codes.
 */
export class InvalidPropsError extends Error {
  readonly problems: readonly PropsProblem[];

  constructor(subject: string, problems: readonly PropsProblem[]) {
    super(
      [
        `${subject}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
        ...problems.map(
          (problem) =>
            `  ${problem.code}${problem.path.length > 0 ? ` at ${problem.path.join('.')}` : ''}: ${problem.message}${problem.hint === undefined ? '' : ` (${problem.hint})`}`,
        ),
      ].join('\n'),
    );
    this.name = 'InvalidPropsError';
    this.problems = problems;
  }
}

/** Throws when there is any problem; `subject` names what was being built. */
export function assertNoProblems(subject: string, problems: readonly PropsProblem[]): void {
  if (problems.length > 0) throw new InvalidPropsError(subject, problems);
}
