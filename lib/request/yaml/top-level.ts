import { isMap, isScalar, isSeq } from 'yaml';
import { quoteForMessage } from './characters';
import type { Problem } from './problems';
import type { SourceText } from './source-text';
import { START_OF_FILE } from './source-text';

const EXPECTED = 'a request file must hold a mapping of fields ("field: value" lines)';

/**
 * Callers read fields from the top level, so anything but a mapping there is reported here, all
 * under `yaml-empty` ("no mapping of fields"): an empty file, only comments, `null`, a single
 * value, or a list. Each message says which it was.
 */
export function checkTopLevel(root: unknown, source: SourceText): Problem | undefined {
  if (isMap(root)) {
    return undefined;
  }
  const position = hasRange(root) ? source.position(root.range[0]) : START_OF_FILE;
  return {
    code: 'yaml-empty',
    position,
    message: `${describeTopLevel(root, source)}: ${EXPECTED}.`,
    hint: isSeq(root)
      ? 'Write the fields as "field: value" lines without a leading "- ", or put each list item in a file of its own.'
      : 'Write the fields as "field: value" lines: a request needs at least "team:" and "owner:", the platform config "environments:".',
  };
}

function describeTopLevel(root: unknown, source: SourceText): string {
  if (isSeq(root)) {
    return 'Expected a mapping of fields, found a list';
  }
  if (isScalar(root)) {
    if (root.value === null) {
      return 'Top level is null, not a mapping';
    }
    const [start, end] = root.range ?? [0, 0];
    const written = source.text.slice(start, end);
    return `Expected a mapping of fields, found the single value ${quoteForMessage(written)}`;
  }
  if (root === null || root === undefined) {
    return 'File is empty (nothing but whitespace or comments)';
  }
  return 'Expected a mapping of fields, found something else';
}

function hasRange(node: unknown): node is { range: [number, number, number] } {
  const range = (node as { range?: unknown } | null | undefined)?.range;
  return Array.isArray(range) && typeof range[0] === 'number';
}
