import { sortDiagnostics } from '../../diagnostics';
import type { Diagnostic, DocumentPath, LoadCode, SourcePosition } from '../../diagnostics';

/** Enough to fix a file by; beyond this, the rest is summarised in one entry. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/** One finding of this reader, before it is stamped with the file name. */
export interface Problem {
  readonly code: LoadCode;
  readonly position: SourcePosition;
  /** What is wrong, the constraint, and the value given. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  readonly path?: DocumentPath;
}

/**
 * Collects the problems of one file. Every problem is an error: this reader has no warnings,
 * because yaml's own warnings (unresolved tags, unknown directives) are exactly the silent
 * conversions the reference (security.md §3) says to refuse.
 */
export class ProblemList {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {}

  get isEmpty(): boolean {
    return this.diagnostics.length === 0;
  }

  add(problem: Problem): void {
    const exactKey = `${positionKey(problem)}\u0000${problem.message}`;
    if (this.seen.has(exactKey)) {
      return;
    }
    this.seen.add(exactKey);
    this.seen.add(positionKey(problem));
    this.diagnostics.push({
      code: problem.code,
      severity: 'error',
      message: problem.message,
      hint: problem.hint,
      file: this.file,
      line: problem.position.line,
      column: problem.position.column,
      path: problem.path ?? [],
    });
  }

  /** Adds a problem unless one with the same code was already reported at the same place (our own, clearer wording wins over yaml's). */
  addUnlessReported(problem: Problem): void {
    if (!this.seen.has(positionKey(problem))) {
      this.add(problem);
    }
  }

  /**
   * The diagnostics in order, at most MAX_DIAGNOSTICS_PER_FILE of them: a garbled 64 KiB file can
   * yield tens of thousands (one per stray "]"), which no one reads; a last entry says how many
   * more there were.
   */
  sorted(): Diagnostic[] {
    const all = sortDiagnostics(this.diagnostics);
    if (all.length <= MAX_DIAGNOSTICS_PER_FILE) {
      return all;
    }
    const shown = all.slice(0, MAX_DIAGNOSTICS_PER_FILE - 1);
    const firstHidden = all[MAX_DIAGNOSTICS_PER_FILE - 1];
    const hidden = all.length - shown.length;
    return [
      ...shown,
      {
        code: 'yaml-syntax',
        severity: 'error',
        message: `Too many problems to list: ${all.length} were found in this file; the first ${shown.length} are listed and ${hidden} more are left out from here on.`,
        hint: 'Fix the problems listed (often one early mistake causes the rest) and run again.',
        file: this.file,
        line: firstHidden?.line ?? 1,
        column: firstHidden?.column ?? 1,
        path: [],
      },
    ];
  }
}

function positionKey(problem: Problem): string {
  return `${problem.code}@${problem.position.line}:${problem.position.column}`;
}
