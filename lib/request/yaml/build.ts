import { isAlias, isCollection, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { DocumentPath, SourcePosition } from '../../diagnostics';
import { describeForbiddenCharacters, findForbiddenCharacters, quoteForMessage } from './characters';
import type { YamlLimits } from './limits';
import { START_OF_FILE } from './problems';
import type { Problem, SourceText } from './problems';
import {
  findTemplateExpression,
  holdsEncodedNumberToken,
  isEncodedNumberToken,
  isIntrinsicKey,
} from './templates';

/** Keys a later merge of the value into another object turns into prototype pollution (yaml keeps them as own properties). */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The node each alias stands for: the closest `&name` before `*name`, as a walk in document order meets them. */
export type AliasTargets = ReadonlyMap<Alias, Node | undefined>;

export function aliasTargets(root: Node | null): AliasTargets {
  const anchored = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(root, {
    Node: (_, node) => {
      if (isAlias(node)) {
        targets.set(node, anchored.get(node.source));
      } else if (node.anchor) {
        anchored.set(node.anchor, node);
      }
    },
  });
  return targets;
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

  /** `aliases` only when they are allowed (maxAliases > 0); parse.ts refuses them otherwise. */
  constructor(
    private readonly source: SourceText,
    private readonly limits: YamlLimits,
    private readonly aliases?: AliasTargets,
  ) {}

  valueOf(node: unknown, path: DocumentPath = [], depth = 0): unknown {
    if (isCollection(node) && depth + 1 > this.limits.maxDepth) {
      if (!this.reportedTooDeep) {
        this.reportedTooDeep = true;
        this.report(node, path, {
          code: 'yaml-nesting-too-deep',
          message: `Nesting is too deep: mappings and lists may be nested at most ${this.limits.maxDepth} levels; this one is nested deeper.`,
          hint: 'Flatten the structure; a request file needs only a few levels.',
        });
      }
      return null;
    }
    if (isMap(node)) {
      return this.mappingValue(node, path, depth + 1);
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => this.valueOf(item, [...path, index], depth + 1));
    }
    if (isScalar(node)) {
      return this.scalarValue(node, path);
    }
    return isAlias(node) ? this.aliasValue(node, path, depth) : null; // null: `key:` with nothing after it
  }

  private mappingValue(map: YAMLMap, path: DocumentPath, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const firstKeys = new Map<string, Node>();
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = this.keyOf(pair, path);
      const value = this.valueOf(pair.value, [...path, key ?? ''], depth);
      const first = key === undefined ? undefined : firstKeys.get(key);
      if (key === undefined || FORBIDDEN_KEYS.has(key)) {
        continue;
      } else if (first !== undefined) {
        const { line, column } = this.positionOf(first);
        this.report(pair.key, [...path, key], {
          code: 'yaml-duplicate-key',
          message: `Key ${quoteForMessage(key)} appears twice in the same mapping: keys must be unique; it was first given at line ${line}, column ${column}.`,
          hint: 'Remove one of the entries, or merge them into one.',
        });
      } else {
        firstKeys.set(key, pair.key as Node);
        // defineProperty never runs a setter, whatever the key; plain assignment to "__proto__" would.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return result;
  }

  /** The core schema without custom or known tags gives every scalar a string, number, boolean or null. */
  private scalarValue(scalar: Scalar, path: DocumentPath): unknown {
    const { value } = scalar;
    if (typeof value === 'string') {
      this.checkText(value, scalar, path, 'value');
    } else if (typeof value === 'number' && isEncodedNumberToken(value)) {
      this.problems.push(
        this.numberTokenProblem(quoteForMessage(this.sourceOf(scalar)), scalar, path, 'Value'),
      );
      return null;
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      this.report(scalar, path, {
        code: 'yaml-syntax',
        message: `Number ${quoteForMessage(this.sourceOf(scalar))} is not allowed: numbers must be finite (no .inf, .nan or out-of-range values).`,
        hint: 'Write a finite number, or quote the value if it is meant as text.',
      });
      return null;
    }
    return value;
  }

  /** The key as a string, or undefined after reporting why it cannot be one. */
  private keyOf(pair: Pair<unknown, unknown>, path: DocumentPath): string | undefined {
    const { key } = pair;
    if (isScalar(key) && typeof key.value === 'string') {
      const text = key.value;
      const reason = FORBIDDEN_KEYS.has(text)
        ? '__proto__, constructor and prototype can change JavaScript objects when merged (prototype pollution)'
        : isIntrinsicKey(text)
          ? 'CloudFormation and aws-cdk-lib evaluate "Ref", "Condition" and "Fn::..." keys as intrinsic functions wherever they stand'
          : undefined;
      if (reason !== undefined) {
        this.report(key, [...path, text], {
          code: 'forbidden-key',
          message: `Key ${quoteForMessage(text)} is not allowed: ${reason}.`,
          hint: FORBIDDEN_KEYS.has(text)
            ? 'Remove this entry; no request field has this name.'
            : 'Rename the key: a filter policy key with this name would be evaluated, not sent to SNS.',
        });
      }
      this.checkText(text, key, [...path, text], 'key');
      return text;
    }
    if (isAlias(key)) {
      // Without allowed aliases parse.ts has reported it already.
      if (this.aliases !== undefined) {
        this.report(key, path, {
          code: 'yaml-alias',
          message: `Key ${quoteForMessage(`*${key.source}`)} is an alias: keys must be written out as text.`,
          hint: 'Write the key out in full.',
        });
      }
      return undefined;
    }
    this.report(isScalar(key) || isCollection(key) ? key : pair.value, path, {
      code: 'forbidden-key',
      message: `Key must be text: keys are field names; found ${this.describeKey(key)}.`,
      hint: isScalar(key)
        ? 'Quote the key (for example "1": ...) or rename it to a field name.'
        : 'Use a plain text key; lists and mappings cannot be keys.',
    });
    return undefined;
  }

  private describeKey(key: unknown): string {
    if (!isScalar(key)) {
      return isMap(key) ? 'a mapping' : isSeq(key) ? 'a list' : 'no key at all';
    }
    const written = this.sourceOf(key);
    if (key.value === null) {
      return written === '' ? 'an empty key' : `null (${quoteForMessage(written)})`;
    }
    return `${typeof key.value === 'number' ? 'the number' : 'the value'} ${quoteForMessage(written)}`;
  }

  private aliasValue(alias: Alias, path: DocumentPath, depth: number): unknown {
    if (this.aliases === undefined) {
      return null; // reported by parse.ts
    }
    this.aliasExpansions += 1;
    const target = this.aliases.get(alias);
    if (this.aliasExpansions > this.limits.maxAliases) {
      if (this.aliasExpansions === this.limits.maxAliases + 1) {
        this.report(this.outermostAlias ?? alias, path, {
          code: 'yaml-alias',
          message: `Too many alias expansions: at most ${this.limits.maxAliases} are allowed per file, counting aliases inside expanded values; this is expansion ${this.aliasExpansions}.`,
          hint: 'Write the values out instead of nesting aliases.',
        });
      }
      return null;
    }
    if (target === undefined) {
      this.report(alias, path, {
        code: 'yaml-alias',
        message: `Alias ${quoteForMessage(`*${alias.source}`)} refers to no anchor: an alias must follow an anchor &${alias.source}.`,
        hint: 'Define the anchor before the alias, or write the value out.',
      });
      return null;
    }
    const outermost = this.outermostAlias;
    this.outermostAlias = outermost ?? alias;
    const value = this.valueOf(target, path, depth);
    this.outermostAlias = outermost;
    return value;
  }

  /** Forbidden characters from escapes (raw ones are reported per line already), template openers, number tokens. */
  private checkText(text: string, node: Node, path: DocumentPath, role: 'key' | 'value'): void {
    const [start, end] = node.range ?? [0, 0];
    const what = role === 'key' ? 'Key' : 'Value';
    const found = findForbiddenCharacters(text);
    if (found.length > 0 && found.length > findForbiddenCharacters(this.sourceOf(node)).length) {
      this.report(node, path, {
        code: 'forbidden-character',
        message: `${what} contains ${describeForbiddenCharacters(found)}, written as an escape sequence: keys and values may hold only printable text, tabs and line breaks; ${role} given: ${quoteForMessage(text)}.`,
        hint: 'Remove the escape sequence (such as \\u202e or \\x1b) from the quoted text.',
      });
    }
    const template = findTemplateExpression(text);
    if (template !== undefined) {
      // Point at the opener itself when it is written as is; escapes like "$\x7b" only have the scalar's position.
      const written = this.source.text.indexOf(template.opener, start);
      const offset = written !== -1 && written + template.opener.length <= end ? written : start;
      this.problems.push({
        code: 'template-expression',
        position: this.source.position(offset),
        path,
        message: `${what} contains "${template.opener}", which ${template.evaluator}: keys and values may not contain "\${", "%{", "{{", "#{" or "&{"; ${role} given: ${quoteForMessage(text)}.`,
        hint: `Remove "${template.opener}" from the text; request values are taken literally, and the generated Terraform or CloudFormation would evaluate it.`,
      });
    }
    if (holdsEncodedNumberToken(text)) {
      this.problems.push(this.numberTokenProblem(quoteForMessage(text), node, path, what));
    }
  }

  /** A number (or text that reads as one) in the range the engines use to encode number tokens. */
  private numberTokenProblem(written: string, node: Node, path: DocumentPath, what: string): Problem {
    return {
      code: 'template-expression',
      position: this.positionOf(node),
      path,
      message: `${what} ${written} is how aws-cdk-lib and cdktf encode a number token: the generated Terraform or CloudFormation would resolve it to something else, or fail to synthesize.`,
      hint: 'Write the number you mean; no real value lies in this range (near -1.9e+289).',
    };
  }

  private report(node: unknown, path: DocumentPath, problem: Omit<Problem, 'position' | 'path'>): void {
    this.problems.push({ ...problem, position: this.positionOf(node), path });
  }

  private positionOf(node: unknown): SourcePosition {
    return this.source.position((node as Partial<Node> | null | undefined)?.range?.[0] ?? 0);
  }

  private sourceOf(node: Node): string {
    return this.source.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  }
}

/**
 * Callers read fields from the top level, so anything but a mapping there is reported, all under
 * `yaml-empty` ("no mapping of fields"): an empty file, only comments, `null`, a single value, or
 * a list. Each message says which it was.
 */
export function checkTopLevel(root: unknown, source: SourceText): Problem | undefined {
  if (isMap(root)) {
    return undefined;
  }
  const range = (root as Partial<Node> | null | undefined)?.range;
  let found = 'Expected a mapping of fields, found something else';
  if (isSeq(root)) {
    found = 'Expected a mapping of fields, found a list';
  } else if (isScalar(root) && root.value === null) {
    found = 'Top level is null, not a mapping';
  } else if (isScalar(root)) {
    found = `Expected a mapping of fields, found the single value ${quoteForMessage(source.text.slice(range?.[0], range?.[1]))}`;
  } else if (root === null || root === undefined) {
    found = 'File is empty (nothing but whitespace or comments)';
  }
  return {
    code: 'yaml-empty',
    position: range ? source.position(range[0]) : START_OF_FILE,
    message: `${found}: a request file must hold a mapping of fields ("field: value" lines).`,
    hint: isSeq(root)
      ? 'Write the fields as "field: value" lines without a leading "- ", or put each list item in a file of its own.'
      : 'Write the fields as "field: value" lines: a request needs at least "team:" and "owner:", the platform config "environments:".',
  };
}
