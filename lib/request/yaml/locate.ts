import type { Node } from 'yaml';
import type { DocumentPath, SourcePosition } from '../../diagnostics';
import { isMap, isScalar, isSeq } from './library';
import { START_OF_FILE } from './problems';
import type { SourceText } from './problems';

/** Which part of a mapping entry a position is wanted for. */
export type LocatePart = 'key' | 'value';

export interface ParsedYaml {
  readonly file: string;
  /** JSON-compatible value: plain objects (never with __proto__, constructor or prototype keys), arrays, strings, finite numbers, booleans, null. The top level is always a mapping. */
  readonly value: unknown;
  /** The file's text, decoded: what positions are counted in. */
  readonly text: string;
  /** Position of the node (or its key) at `path`, or of its deepest existing ancestor. Never throws. */
  locate(path: DocumentPath, part?: LocatePart): SourcePosition;
}

/** A read file: `locate` (a closure, so it works detached) reads the AST on its first call. */
export function createParsedYaml(
  file: string,
  value: unknown,
  source: SourceText,
  root: () => unknown,
): ParsedYaml {
  let rootNode: unknown;
  const locate = (path: DocumentPath, part: LocatePart = 'value'): SourcePosition => {
    try {
      rootNode ??= root();
      const node = findNode(rootNode, Array.isArray(path) ? path : [], part) as Partial<Node> | null;
      return node?.range ? source.position(node.range[0]) : START_OF_FILE;
    } catch {
      return START_OF_FILE;
    }
  };
  return Object.freeze({ file, value, text: source.text, locate });
}

/**
 * The node at `path`, or else the deepest entry on it that exists: the key naming the mapping
 * that lacks the rest (`shipments:` for a field shipments does not set), or the list item.
 */
function findNode(root: unknown, path: DocumentPath, part: LocatePart): unknown {
  let node = root;
  // What names the current node: its key in a mapping, or the list item itself.
  let holder = root;
  for (const [index, segment] of path.entries()) {
    const item = isSeq(node) ? node.items[sequenceIndex(segment)] : undefined;
    const pair = isMap(node)
      ? node.items.find((entry) => isScalar(entry.key) && entry.key.value === String(segment))
      : undefined;
    if (pair !== undefined && index === path.length - 1 && part === 'key') return pair.key;
    if (pair !== undefined) {
      // An entry with no value (`key:` and nothing else) is best shown at its key.
      const absent =
        isScalar(pair.value) && pair.value.value === null && pair.value.range?.[0] === pair.value.range?.[1];
      node = pair.value === null || pair.value === undefined || absent ? pair.key : pair.value;
      holder = pair.key;
    } else if (item !== undefined) {
      node = item;
      holder = item;
    } else {
      return holder;
    }
  }
  return node;
}

/** Accepts numbers and digit strings (JSON pointers carry indexes as strings). */
function sequenceIndex(segment: string | number): number {
  if (typeof segment === 'number') return Number.isInteger(segment) ? segment : -1;
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
}
