import type { SourcePosition } from '../../diagnostics';
import type { ForbiddenCharacter } from './characters';
import { describeForbiddenCharacters, findForbiddenCharacters, quoteForMessage } from './characters';
import type { Problem } from './problems';
import type { SourceText } from './source-text';

export interface RawCharacterScan {
  /** One problem per line that holds forbidden characters, at the first of them. */
  readonly problems: readonly Problem[];
  /** Offset of every raw forbidden character, ascending; lets string checks tell raw from escaped. */
  readonly offsets: readonly number[];
}

const EXCERPT_LEAD = 20;

interface LineFinding {
  readonly position: SourcePosition;
  readonly characters: ForbiddenCharacter[];
}

/**
 * Finds forbidden characters written directly in the file, anywhere: in keys and values, but also
 * in comments, where a bidi override can make a reviewer misread the lines around it (Trojan
 * Source). Runs on the decoded text before yaml sees it, so each is reported at its exact place.
 */
export function scanRawCharacters(source: SourceText): RawCharacterScan {
  const characters = findForbiddenCharacters(source.text);
  const problems = groupByLine(source, characters).map((finding) => lineProblem(source, finding));
  return { problems, offsets: characters.map((character) => character.index) };
}

function groupByLine(source: SourceText, characters: readonly ForbiddenCharacter[]): LineFinding[] {
  const findings: LineFinding[] = [];
  for (const character of characters) {
    const position = source.position(character.index);
    const current = findings[findings.length - 1];
    if (current !== undefined && current.position.line === position.line) {
      current.characters.push(character);
    } else {
      findings.push({ position, characters: [character] });
    }
  }
  return findings;
}

function lineProblem(source: SourceText, finding: LineFinding): Problem {
  const firstIndex = finding.characters[0]?.index ?? 0;
  const lineStart = source.text.lastIndexOf('\n', firstIndex - 1) + 1;
  const lineEnd = source.text.indexOf('\n', firstIndex);
  // Start shortly before the character so it is inside the excerpt however long the line is.
  const excerptStart = Math.max(lineStart, firstIndex - EXCERPT_LEAD);
  const excerpt = source.text.slice(excerptStart, lineEnd === -1 ? undefined : lineEnd);
  const lead = excerptStart > lineStart ? '…' : '';
  return {
    code: 'forbidden-character',
    position: finding.position,
    message: `Line contains ${describeForbiddenCharacters(finding.characters)}: request files may hold only printable text, tabs and line breaks; text given: ${lead}${quoteForMessage(excerpt)}.`,
    hint: 'Delete the character; it may be invisible in your editor, so retype the text around it rather than copying it.',
  };
}

/** How many of `offsets` (ascending) fall in [start, end). */
export function countOffsetsWithin(offsets: readonly number[], start: number, end: number): number {
  return lowerBound(offsets, end) - lowerBound(offsets, start);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
