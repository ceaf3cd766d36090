import type { DocumentPath, SourcePosition } from '../../diagnostics';
import type { AnchorIndex } from './anchors';
import { locate } from './locate';
import type { LocatePart } from './locate';
import type { SourceText } from './source-text';

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
  anchors: AnchorIndex | undefined,
): ParsedYaml {
  return Object.freeze({
    file,
    value,
    locate: (path: DocumentPath, part: LocatePart = 'value'): SourcePosition =>
      locate(root, source, Array.isArray(path) ? path : [], part, anchors),
  });
}
