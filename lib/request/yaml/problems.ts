import { LineCounter } from 'yaml';
import { sortDiagnostics } from '../../diagnostics';
import type { Diagnostic, DocumentPath, LoadCode, SourcePosition } from '../../diagnostics';

/** Enough to fix a file by; beyond this, the rest is summarised in one entry. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

export const START_OF_FILE: SourcePosition = Object.freeze({ line: 1, column: 1 });

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
 * The decoded text with its line index, so the character scan, yaml's errors and the AST walk
 * turn offsets into the same 1-based line and column (in UTF-16 code units, as yaml and most
 * editors count them).
 */
export class SourceText {
  private readonly lines = new LineCounter();

  constructor(readonly text: string) {
    this.lines.addNewLine(0);
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', newline + 1)) {
      this.lines.addNewLine(newline + 1);
    }
  }

  /** Position of `offset`, clamped into the text so a stray offset can never produce line 0. */
  position(offset: number): SourcePosition {
    const clamped = Number.isFinite(offset) ? Math.min(Math.max(Math.trunc(offset), 0), this.text.length) : 0;
    const { line, col } = this.lines.linePos(clamped);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }
}

/**
 * Collects the problems of one file. Every problem is an error: yaml's own warnings (unresolved
 * tags, unknown directives) are exactly the silent conversions security.md §3 says to refuse.
 */
export class ProblemList {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {}

  get isEmpty(): boolean {
    return this.diagnostics.length === 0;
  }

  add(problem: Problem): void {
    const { code, message, hint, position } = problem;
    const place = placeOf(problem);
    const exact = `${place}\u0000${message}`;
    if (!this.seen.has(exact)) {
      this.seen.add(exact).add(place);
      const { line, column } = position;
      this.diagnostics.push({
        code,
        severity: 'error',
        message,
        hint,
        file: this.file,
        line,
        column,
        path: problem.path ?? [],
      });
    }
  }

  /** Adds a problem unless one with the same code was already reported at the same place (our own, clearer wording wins over yaml's). */
  addUnlessReported(problem: Problem): void {
    if (!this.seen.has(placeOf(problem))) {
      this.add(problem);
    }
  }

  /**
   * The diagnostics in order, at most MAX_DIAGNOSTICS_PER_FILE: a garbled 64 KiB file can yield
   * tens of thousands (one per stray "]"), which no one reads; a last entry says how many more.
   */
  sorted(): Diagnostic[] {
    const all = sortDiagnostics(this.diagnostics);
    if (all.length <= MAX_DIAGNOSTICS_PER_FILE) {
      return all;
    }
    const shown = all.slice(0, MAX_DIAGNOSTICS_PER_FILE - 1);
    const { line, column } = all[MAX_DIAGNOSTICS_PER_FILE - 1] ?? START_OF_FILE;
    const message = `Too many problems to list: ${all.length} were found in this file; the first ${shown.length} are listed and ${all.length - shown.length} more are left out from here on.`;
    const hint = 'Fix the problems listed (often one early mistake causes the rest) and run again.';
    return [
      ...shown,
      { code: 'yaml-syntax', severity: 'error', message, hint, file: this.file, line, column, path: [] },
    ];
  }
}

function placeOf(problem: Problem): string {
  return `${problem.code}@${problem.position.line}:${problem.position.column}`;
}
