import { LineCounter } from 'yaml';
import type { SourcePosition } from '../../diagnostics';

/**
 * The decoded text of a file with a line index, so every stage (the character scan before yaml
 * runs, yaml's own errors, the AST walk) turns offsets into the same 1-based line and column.
 * Columns count UTF-16 code units, as yaml and most editors do.
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

export const START_OF_FILE: SourcePosition = Object.freeze({ line: 1, column: 1 });
