import type { DocumentPath } from '../diagnostics';

/**
 * A file with schema errors still takes part in the cross-file rules where it can: each part the
 * schema rejected is cut away, up to the nearest mapping entry outside any list (so the indexes
 * of what is left, and with them every position, stay as written). Users then see the rest of the
 * file's problems in the same run. The schema errors already fail the run, so nothing cut away
 * could ever be synthesized.
 *
 * Returns undefined when a rejected part is the document itself (a missing `team`, say).
 */
export function pruneRejected(value: unknown, rejected: readonly DocumentPath[]): unknown {
  let pruned: unknown = structuredClone(value);
  for (const path of rejected) {
    const cut = cutPoint(path);
    if (cut.length === 0) return undefined;
    pruned = without(pruned, cut);
  }
  return pruned;
}

function cutPoint(path: DocumentPath): DocumentPath {
  const firstIndex = path.findIndex((segment) => typeof segment === 'number');
  return firstIndex === -1 ? path : path.slice(0, firstIndex);
}

function without(root: unknown, path: DocumentPath): unknown {
  let parent: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (!isMapping(parent) || !Object.hasOwn(parent, segment)) return root;
    parent = parent[segment];
  }
  const last = path[path.length - 1] as string;
  if (isMapping(parent)) Reflect.deleteProperty(parent, last);
  return root;
}

function isMapping(value: unknown): value is Record<string | number, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
