import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { DocumentPath, SourcePosition } from '../../diagnostics';
import type { AnchorIndex } from './anchors';
import type { SourceText } from './source-text';
import { START_OF_FILE } from './source-text';

/** Which part of a mapping entry a position is wanted for. */
export type LocatePart = 'key' | 'value';

/**
 * Position of the node at `path` in yaml's AST, block or flow style alike. For a path that does
 * not exist, the deepest entry on it that does: the key that names the mapping lacking the rest
 * (`shipments:` for a field shipments does not set), or the list item lacking it. Never throws.
 */
export function locate(
  root: unknown,
  source: SourceText,
  path: DocumentPath,
  part: LocatePart = 'value',
  anchors?: AnchorIndex,
): SourcePosition {
  try {
    return positionOf(findNode(root, path, part, anchors), source);
  } catch {
    return START_OF_FILE;
  }
}

function findNode(
  root: unknown,
  path: DocumentPath,
  part: LocatePart,
  anchors: AnchorIndex | undefined,
): unknown {
  let node = root;
  // What names the current node: its key in a mapping, or the list item itself.
  let holder = root;
  for (const [index, segment] of path.entries()) {
    const current = followAlias(node, anchors);
    const isLast = index === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === String(segment),
      );
      if (pair === undefined) {
        return holder;
      }
      if (isLast && part === 'key') {
        return pair.key;
      }
      // An entry with no value (`key:` and nothing else) is best shown at its key.
      node = isAbsent(pair.value) ? pair.key : pair.value;
      holder = pair.key;
    } else if (isSeq(current)) {
      const item = current.items[sequenceIndex(segment)];
      if (item === undefined) {
        return holder;
      }
      node = item;
      holder = item;
    } else {
      return holder;
    }
  }
  return node;
}

/** yaml gives `key:` an empty null scalar of zero length; there is nothing to point at there. */
function isAbsent(node: unknown): boolean {
  if (node === null || node === undefined) {
    return true;
  }
  return (
    isScalar(node) &&
    node.value === null &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}

/** Accepts numbers and digit strings (JSON pointers carry indexes as strings). */
function sequenceIndex(segment: string | number): number {
  if (typeof segment === 'number') {
    return Number.isInteger(segment) ? segment : -1;
  }
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
}

function followAlias(node: unknown, anchors: AnchorIndex | undefined): unknown {
  return isAlias(node) && anchors !== undefined ? (anchors.resolve(node) ?? node) : node;
}

function positionOf(node: unknown, source: SourceText): SourcePosition {
  const range = (node as Partial<Node> | null | undefined)?.range;
  return range === undefined || range === null ? START_OF_FILE : source.position(range[0]);
}
