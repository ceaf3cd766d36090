import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Alias, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { DocumentPath, SourcePosition } from '../../diagnostics';
import type { AnchorIndex } from './anchors';
import { quoteForMessage } from './characters';
import type { YamlLimits } from './limits';
import type { Problem } from './problems';
import type { SourceText } from './source-text';
import { checkText, numberTokenProblem } from './strings';
import { isEncodedNumberToken, isIntrinsicKey } from './templates';
import type { TextSite } from './strings';

/**
 * Keys that reach Object.prototype when a value is later merged into another object. The
 * reference notes yaml keeps `__proto__` as an own property, which a later merge turns into
 * prototype pollution.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface BuildSettings {
  readonly source: SourceText;
  readonly limits: YamlLimits;
  /** Present only when aliases are allowed (maxAliases > 0); otherwise parse.ts rejects them. */
  readonly anchors?: AnchorIndex;
}

/**
 * Builds the JSON-compatible value from yaml's AST itself instead of calling `toJS`: `toJS`
 * expands aliases without a useful bound (billion laughs throws a ReferenceError, security.md §3),
 * assigns `__proto__` keys, turns collection keys into strings with a process warning, and keeps
 * non-finite numbers. Here every key and string is checked on the way, with its position.
 */
export class ValueBuilder {
  readonly problems: Problem[] = [];
  private aliasExpansions = 0;
  /** The alias written outside any expansion that is being expanded now: problems point there. */
  private outermostAlias: Alias | undefined;
  private reportedTooDeep = false;
  private reportedTooManyAliases = false;

  constructor(private readonly settings: BuildSettings) {}

  build(root: unknown): unknown {
    return this.valueOf(root, [], 0);
  }

  private valueOf(node: unknown, path: DocumentPath, depth: number): unknown {
    if (isMap(node) || isSeq(node)) {
      if (depth + 1 > this.settings.limits.maxDepth) {
        this.reportTooDeep(node, path);
        return null;
      }
      return isMap(node)
        ? this.mappingValue(node, path, depth + 1)
        : this.sequenceValue(node, path, depth + 1);
    }
    if (isScalar(node)) {
      return this.scalarValue(node, path);
    }
    if (isAlias(node)) {
      return this.aliasValue(node, path, depth);
    }
    return null; // an absent value, as in `key:` with nothing after it
  }

  private mappingValue(map: YAMLMap, path: DocumentPath, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const firstKeys = new Map<string, Node>();
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = this.keyOf(pair, path);
      const value = this.valueOf(pair.value, [...path, key ?? ''], depth);
      if (key === undefined || FORBIDDEN_KEYS.has(key)) {
        continue;
      }
      const first = firstKeys.get(key);
      if (first !== undefined) {
        this.reportDuplicateKey(key, first, pair.key as Node, path);
        continue;
      }
      firstKeys.set(key, pair.key as Node);
      // defineProperty never runs a setter, whatever the key; plain assignment to "__proto__" would.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return result;
  }

  private sequenceValue(sequence: YAMLSeq, path: DocumentPath, depth: number): unknown[] {
    return sequence.items.map((item, index) => this.valueOf(item, [...path, index], depth));
  }

  private scalarValue(scalar: Scalar, path: DocumentPath): unknown {
    const value: unknown = scalar.value;
    if (typeof value === 'string') {
      this.problems.push(...checkText(value, this.textSite(scalar, path, 'value')));
      return value;
    }
    if (typeof value === 'number') {
      if (isEncodedNumberToken(value)) {
        this.problems.push(
          numberTokenProblem(quoteForMessage(this.sourceOf(scalar)), this.textSite(scalar, path, 'value')),
        );
        return null;
      }
      if (Number.isFinite(value)) {
        return value;
      }
      this.report(scalar, path, {
        code: 'yaml-syntax',
        message: `Number ${quoteForMessage(this.sourceOf(scalar))} is not allowed: numbers must be finite (no .inf, .nan or out-of-range values).`,
        hint: 'Write a finite number, or quote the value if it is meant as text.',
      });
      return null;
    }
    if (typeof value === 'boolean' || value === null) {
      return value;
    }
    this.report(scalar, path, {
      code: 'yaml-tag',
      message: `Value ${quoteForMessage(this.sourceOf(scalar))} is not plain data: values must be text, numbers, true/false or null.`,
      hint: 'Write the value as plain text, without a tag.',
    });
    return null;
  }

  /** The key as a string, or undefined after reporting why it cannot be one. */
  private keyOf(pair: Pair<unknown, unknown>, path: DocumentPath): string | undefined {
    const key = pair.key;
    if (isScalar(key) && typeof key.value === 'string') {
      return this.checkedKey(key, key.value, path);
    }
    if (isAlias(key)) {
      // Without allowed aliases parse.ts has reported it already.
      if (this.settings.anchors !== undefined) {
        this.report(key, path, {
          code: 'yaml-alias',
          message: `Key ${quoteForMessage(`*${key.source}`)} is an alias: keys must be written out as text.`,
          hint: 'Write the key out in full.',
        });
      }
      return undefined;
    }
    this.report(isScalar(key) || isMap(key) || isSeq(key) ? key : pair.value, path, {
      code: 'forbidden-key',
      message: `Key must be text: keys are field names; found ${this.describeKey(key)}.`,
      hint: isScalar(key)
        ? 'Quote the key (for example "1": ...) or rename it to a field name.'
        : 'Use a plain text key; lists and mappings cannot be keys.',
    });
    return undefined;
  }

  private checkedKey(key: Scalar, text: string, path: DocumentPath): string {
    if (FORBIDDEN_KEYS.has(text)) {
      this.report(key, [...path, text], {
        code: 'forbidden-key',
        message: `Key ${quoteForMessage(text)} is not allowed: __proto__, constructor and prototype can change JavaScript objects when merged (prototype pollution).`,
        hint: 'Remove this entry; no request field has this name.',
      });
    }
    if (isIntrinsicKey(text)) {
      this.report(key, [...path, text], {
        code: 'forbidden-key',
        message: `Key ${quoteForMessage(text)} is not allowed: CloudFormation and aws-cdk-lib evaluate "Ref", "Condition" and "Fn::..." keys as intrinsic functions wherever they stand.`,
        hint: 'Rename the key: a filter policy key with this name would be evaluated, not sent to SNS.',
      });
    }
    this.problems.push(...checkText(text, this.textSite(key, [...path, text], 'key')));
    return text;
  }

  private describeKey(key: unknown): string {
    if (isMap(key)) {
      return 'a mapping';
    }
    if (isSeq(key)) {
      return 'a list';
    }
    if (!isScalar(key)) {
      return 'no key at all';
    }
    const written = this.sourceOf(key);
    if (key.value === null) {
      return written === '' ? 'an empty key' : `null (${quoteForMessage(written)})`;
    }
    return `${typeof key.value === 'number' ? 'the number' : 'the value'} ${quoteForMessage(written)}`;
  }

  private aliasValue(alias: Alias, path: DocumentPath, depth: number): unknown {
    const anchors = this.settings.anchors;
    if (anchors === undefined) {
      return null; // reported by parse.ts
    }
    this.aliasExpansions += 1;
    if (this.aliasExpansions > this.settings.limits.maxAliases) {
      if (!this.reportedTooManyAliases) {
        this.reportedTooManyAliases = true;
        this.report(this.outermostAlias ?? alias, path, {
          code: 'yaml-alias',
          message: `Too many alias expansions: at most ${this.settings.limits.maxAliases} are allowed per file, counting aliases inside expanded values; this is expansion ${this.aliasExpansions}.`,
          hint: 'Write the values out instead of nesting aliases.',
        });
      }
      return null;
    }
    const target = anchors.resolve(alias);
    if (target === undefined) {
      this.report(alias, path, {
        code: 'yaml-alias',
        message: `Alias ${quoteForMessage(`*${alias.source}`)} refers to no anchor: an alias must follow an anchor &${alias.source}.`,
        hint: 'Define the anchor before the alias, or write the value out.',
      });
      return null;
    }
    if (this.outermostAlias !== undefined) {
      return this.valueOf(target, path, depth);
    }
    this.outermostAlias = alias;
    try {
      return this.valueOf(target, path, depth);
    } finally {
      this.outermostAlias = undefined;
    }
  }

  private reportTooDeep(node: Node, path: DocumentPath): void {
    if (this.reportedTooDeep) {
      return;
    }
    this.reportedTooDeep = true;
    this.report(node, path, {
      code: 'yaml-nesting-too-deep',
      message: `Nesting is too deep: mappings and lists may be nested at most ${this.settings.limits.maxDepth} levels; this one is nested deeper.`,
      hint: 'Flatten the structure; a request file needs only a few levels.',
    });
  }

  private reportDuplicateKey(key: string, first: Node, duplicate: Node, path: DocumentPath): void {
    const firstAt = this.positionOf(first);
    this.report(duplicate, [...path, key], {
      code: 'yaml-duplicate-key',
      message: `Key ${quoteForMessage(key)} appears twice in the same mapping: keys must be unique; it was first given at line ${firstAt.line}, column ${firstAt.column}.`,
      hint: 'Remove one of the entries, or merge them into one.',
    });
  }

  private report(node: unknown, path: DocumentPath, problem: Omit<Problem, 'position' | 'path'>): void {
    this.problems.push({ ...problem, position: this.positionOf(node), path });
  }

  private textSite(node: Node, path: DocumentPath, role: 'key' | 'value'): TextSite {
    const [start, end] = node.range ?? [0, 0];
    return {
      source: this.settings.source,
      start,
      end,
      path,
      role,
    };
  }

  private positionOf(node: unknown): SourcePosition {
    const range = (node as Partial<Node> | null | undefined)?.range;
    return this.settings.source.position(range?.[0] ?? 0);
  }

  private sourceOf(node: Node): string {
    const [start, end] = node.range ?? [0, 0];
    return this.settings.source.text.slice(start, end);
  }
}
