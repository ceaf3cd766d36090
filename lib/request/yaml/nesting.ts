import type { Problem } from './problems';
import { measureNesting } from './prescan';
import type { SourceText } from './source-text';

/** The raw-text pre-scan's verdict, as a problem. */
export function findNestingProblem(source: SourceText, maxDepth: number): Problem | undefined {
  const { violation } = measureNesting(source.text, maxDepth);
  return violation === undefined ? undefined : nestingProblemAt(source, violation.offset, maxDepth);
}

export function nestingProblemAt(source: SourceText, offset: number, maxDepth: number): Problem {
  return {
    code: 'yaml-nesting-too-deep',
    position: source.position(offset),
    message: `Nesting is too deep: mappings and lists may be nested at most ${maxDepth} levels, and here they go deeper; the file was not parsed further.`,
    hint: 'Flatten the structure; a request file needs only a few levels. Look for unclosed [ or {, or several "key: value" pairs on one line.',
  };
}
