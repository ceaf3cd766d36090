import type { LineCounter } from 'yaml';
import { sortDiagnostics } from '../../diagnostics';
import type { Diagnostic, DocumentPath, LoadCode, SourcePosition } from '../../diagnostics';
import { yamlLibrary } from './library';

/** Enough to fix a file by; beyond this, the rest is summarised in one entry. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

export const START_OF_FILE: SourcePosition = Object.freeze({ line: 1, column: 1 });

/** One finding of this reader, before it is stamped with the file name. */
export interface Problem {
  readonly code: LoadCode;
  readonly position: SourcePosition;
  /** What is wrong, the constraint, and the value given; the hint says how to fix it. */
  readonly message: string;
  readonly hint: string;
  readonly path?: DocumentPath;
}

/** A problem before the reader knows where it is. */
export type Finding = Omit<Problem, 'position' | 'path'>;

/** Where each reader stage hands its problems, as it finds them. */
export type Report = (problem: Problem) => void;

/** The decoded text; its line index (UTF-16 columns, as yaml counts) is built when first needed. */
export class SourceText {
  private lines: LineCounter | undefined;

  constructor(readonly text: string) {}

  /** Position of `offset`, clamped into the text so a stray offset can never produce line 0. */
  position(offset: number): SourcePosition {
    const clamped = Number.isFinite(offset) ? Math.min(Math.max(Math.trunc(offset), 0), this.text.length) : 0;
    const { line, col } = this.lineIndex().linePos(clamped);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }

  private lineIndex(): LineCounter {
    if (this.lines === undefined) {
      this.lines = new (yamlLibrary().LineCounter)();
      let start = 0;
      for (const line of this.text.split('\n')) {
        this.lines.addNewLine(start);
        start += line.length + 1;
      }
    }
    return this.lines;
  }
}

export const FLATTEN_HINT = 'Flatten the structure; a request file needs only a few levels.';

/** The problems of one file, all errors: yaml's warnings are silent conversions (security.md §3). */
export class ProblemList {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly file: string) {}

  get isEmpty(): boolean {
    return this.diagnostics.length === 0;
  }

  add(problem: Problem): void {
    const place = placeOf(problem);
    const exact = `${place}\u0000${problem.message}`;
    if (!this.seen.has(exact)) {
      this.seen.add(exact).add(place);
      this.diagnostics.push(this.diagnostic(problem));
    }
  }

  /** Adds a problem unless one with the same code was already reported at the same place (our own, clearer wording wins over yaml's). */
  addUnlessReported(problem: Problem): void {
    if (!this.seen.has(placeOf(problem))) this.add(problem);
  }

  /** In order, at most MAX_DIAGNOSTICS_PER_FILE: a garbled file can yield thousands (one per stray "]"). */
  sorted(): Diagnostic[] {
    const all = sortDiagnostics(this.diagnostics);
    if (all.length <= MAX_DIAGNOSTICS_PER_FILE) return all;
    const shown = all.slice(0, MAX_DIAGNOSTICS_PER_FILE - 1);
    const message = `Too many problems to list: ${all.length} were found in this file; the first ${shown.length} are listed and ${all.length - shown.length} more are left out from here on.`;
    const hint = 'Fix the problems listed (often one early mistake causes the rest) and run again.';
    const position = all[shown.length] ?? START_OF_FILE;
    return [...shown, this.diagnostic({ code: 'yaml-syntax', message, hint, position })];
  }

  private diagnostic({ code, message, hint, position: { line, column }, path = [] }: Problem): Diagnostic {
    return { code, severity: 'error', message, hint, file: this.file, line, column, path };
  }
}

function placeOf({ code, position }: Problem): string {
  return `${code}@${position.line}:${position.column}`;
}
