import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Alias, Node } from 'yaml';

interface AnchoredNode {
  readonly name: string;
  readonly offset: number;
  readonly node: Node;
}

/**
 * The anchors of one document, for resolving aliases when a caller allows them. YAML resolves
 * `*name` to the closest `&name` written before it; this index answers that by offset, without
 * yaml's `toJS`, whose alias expansion is what the billion-laughs file blows up (security.md §3).
 */
export class AnchorIndex {
  private readonly anchored: AnchoredNode[] = [];

  constructor(root: unknown) {
    const pending: unknown[] = [root];
    while (pending.length > 0) {
      const node = pending.pop();
      if (isScalar(node) || isMap(node) || isSeq(node)) {
        if (typeof node.anchor === 'string' && node.anchor !== '') {
          this.anchored.push({ name: node.anchor, offset: node.range?.[0] ?? 0, node });
        }
      }
      if (isMap(node) || isSeq(node)) {
        for (const item of node.items) {
          if (isPair(item)) {
            pending.push(item.key, item.value);
          } else {
            pending.push(item);
          }
        }
      }
    }
    this.anchored.sort((a, b) => a.offset - b.offset);
  }

  /** The node `alias` refers to, or undefined when no anchor of that name comes before it. */
  resolve(alias: Alias): Node | undefined {
    const aliasOffset = alias.range?.[0] ?? Number.POSITIVE_INFINITY;
    let found: Node | undefined;
    for (const candidate of this.anchored) {
      if (candidate.offset >= aliasOffset) {
        break;
      }
      if (candidate.name === alias.source) {
        found = candidate.node;
      }
    }
    return found;
  }
}
