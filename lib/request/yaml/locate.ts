import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { DocumentPath, SourcePosition } from '../../diagnostics';
import type { AliasTargets } from './build';
import { START_OF_FILE } from './problems';
import type { SourceText } from './problems';

/** Which part of a mapping entry a position is wanted for. */
export type LocatePart = 'key' | 'value';

export interface ParsedYaml {
  readonly file: string;
  /** JSON-compatible value: plain objects (never with __proto__, constructor or prototype keys), arrays, strings, finite numbers, booleans, null. The top level is always a mapping. */
  readonly value: unknown;
  /**
   * Position of the node at `path` (keys and indexes). `part: 'key'` gives the key's position
   * for a mapping entry; for a path that does not exist, the position of the deepest existing
   * ancestor. Never throws.
   */
  locate(path: DocumentPath, part?: LocatePart): SourcePosition;
}

/** A read file, keeping yaml's AST for `locate`. `locate` is a closure, so it works detached too. */
export function createParsedYaml(
  file: string,
  value: unknown,
  root: unknown,
  source: SourceText,
  aliases: AliasTargets | undefined,
): ParsedYaml {
  const locate = (path: DocumentPath, part: LocatePart = 'value'): SourcePosition => {
    try {
      const node = findNode(root, Array.isArray(path) ? path : [], part, aliases) as Partial<Node> | null;
      return node?.range ? source.position(node.range[0]) : START_OF_FILE;
    } catch {
      return START_OF_FILE;
    }
  };
  return Object.freeze({ file, value, locate });
}

/**
 * The node at `path`, block or flow style alike. For a path that does not exist, the deepest
 * entry on it that does: the key that names the mapping lacking the rest (`shipments:` for a
 * field shipments does not set), or the list item lacking it.
 */
function findNode(root: unknown, path: DocumentPath, part: LocatePart, aliases?: AliasTargets): unknown {
  let node = root;
  // What names the current node: its key in a mapping, or the list item itself.
  let holder = root;
  for (const [index, segment] of path.entries()) {
    const current = isAlias(node) ? (aliases?.get(node) ?? node) : node;
    const item = isSeq(current) ? current.items[sequenceIndex(segment)] : undefined;
    const pair = isMap(current)
      ? current.items.find(
          (entry) => isPair(entry) && isScalar(entry.key) && entry.key.value === String(segment),
        )
      : undefined;
    if (pair !== undefined && index === path.length - 1 && part === 'key') {
      return pair.key;
    } else if (pair !== undefined) {
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
  if (typeof segment === 'number') {
    return Number.isInteger(segment) ? segment : -1;
  }
  return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : -1;
}
