import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { SourcePosition } from '../../diagnostics';
import { describeForbiddenCharacters, findForbiddenCharacters, quoteForMessage } from './characters';
import { FORBIDDEN_KEYS } from './forbidden-keys';
import { isAlias, isCollection, isMap, isScalar, isSeq } from './library';
import { FLATTEN_HINT, START_OF_FILE } from './problems';
import type { Finding, Problem, Report, SourceText } from './problems';
import {
  findTemplateExpression,
  holdsEncodedNumberToken,
  isEncodedNumberToken,
  isIntrinsicKey,
} from './templates';

/**
 * Builds the value from yaml's AST, not with `toJS` (which assigns `__proto__` keys, stringifies
 * collection keys and keeps non-finite numbers), checking every key and string on the way.
 */
export class ValueBuilder {
  /** Keys and indexes down to the node being built, copied only into a problem. */
  private readonly path: (string | number)[] = [];
  private reportedTooDeep = false;

  constructor(
    private readonly source: SourceText,
    private readonly maxDepth: number,
    private readonly problems: Report,
  ) {}

  valueOf(node: unknown, depth = 0): unknown {
    if (isCollection(node) && depth >= this.maxDepth) {
      if (!this.reportedTooDeep) {
        this.reportedTooDeep = true;
        this.report(node, {
          code: 'yaml-nesting-too-deep',
          message: `Nesting is too deep: mappings and lists may be nested at most ${this.maxDepth} levels; this one is nested deeper.`,
          hint: FLATTEN_HINT,
        });
      }
      return null;
    }
    if (isMap(node)) return this.mappingValue(node, depth + 1);
    if (isSeq(node)) {
      const values: unknown[] = [];
      for (const item of node.items) {
        this.path.push(values.length);
        values.push(this.valueOf(item, depth + 1));
        this.path.pop();
      }
      return values;
    }
    return isScalar(node) ? this.scalarValue(node) : null; // null: `key:` with nothing after it
  }

  private mappingValue(map: YAMLMap, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const firstKeys = new Map<string, Node>();
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const key = this.keyOf(pair);
      this.path.push(key ?? '');
      const value = this.valueOf(pair.value, depth);
      const first = key === undefined ? undefined : firstKeys.get(key);
      if (key === undefined || FORBIDDEN_KEYS.has(key)) {
        // Reported by keyOf.
      } else if (first !== undefined) {
        const { line, column } = this.positionOf(first);
        this.report(pair.key, {
          code: 'yaml-duplicate-key',
          message: `Key ${quoteForMessage(key)} appears twice in the same mapping: keys must be unique; it was first given at line ${line}, column ${column}.`,
          hint: 'Remove one of the entries, or merge them into one.',
        });
      } else {
        firstKeys.set(key, pair.key as Node);
        // Assignment runs a setter only for "__proto__", the one accessor of Object.prototype, skipped above.
        result[key] = value;
      }
      this.path.pop();
    }
    return result;
  }

  /** The core schema without custom or known tags gives every scalar a string, number, boolean or null. */
  private scalarValue(scalar: Scalar): unknown {
    const { value } = scalar;
    if (typeof value === 'string') {
      this.checkText(value, scalar, 'value');
    } else if (typeof value === 'number' && isEncodedNumberToken(value)) {
      this.report(scalar, numberTokenProblem(quoteForMessage(this.sourceOf(scalar)), 'Value'));
      return null;
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      this.report(scalar, {
        code: 'yaml-syntax',
        message: `Number ${quoteForMessage(this.sourceOf(scalar))} is not allowed: numbers must be finite (no .inf, .nan or out-of-range values).`,
        hint: 'Write a finite number, or quote the value if it is meant as text.',
      });
      return null;
    }
    return value;
  }

  /** The key as a string, or undefined after reporting why it cannot be one. */
  private keyOf({ key, value }: Pair<unknown, unknown>): string | undefined {
    if (isScalar(key) && typeof key.value === 'string') {
      const text = key.value;
      this.path.push(text);
      const reason = FORBIDDEN_KEYS.has(text)
        ? '__proto__, constructor and prototype can change JavaScript objects when merged (prototype pollution)'
        : isIntrinsicKey(text)
          ? 'CloudFormation and aws-cdk-lib evaluate "Ref", "Condition" and "Fn::..." keys as intrinsic functions wherever they stand'
          : undefined;
      if (reason !== undefined) {
        this.report(key, {
          code: 'forbidden-key',
          message: `Key ${quoteForMessage(text)} is not allowed: ${reason}.`,
          hint: FORBIDDEN_KEYS.has(text)
            ? 'Remove this entry; no request field has this name.'
            : 'Rename the key: a filter policy key with this name would be evaluated, not sent to SNS.',
        });
      }
      this.checkText(text, key, 'key');
      this.path.pop();
      return text;
    }
    if (!isAlias(key)) {
      this.report(isScalar(key) || isCollection(key) ? key : value, {
        code: 'forbidden-key',
        message: `Key must be text: keys are field names; found ${this.describeKey(key)}.`,
        hint: isScalar(key)
          ? 'Quote the key (for example "1": ...) or rename it to a field name.'
          : 'Use a plain text key; lists and mappings cannot be keys.',
      });
    }
    return undefined;
  }

  private describeKey(key: unknown): string {
    if (!isScalar(key)) return isMap(key) ? 'a mapping' : isSeq(key) ? 'a list' : 'no key at all';
    const written = this.sourceOf(key);
    if (key.value === null) return written === '' ? 'an empty key' : `null (${quoteForMessage(written)})`;
    return `${typeof key.value === 'number' ? 'the number' : 'the value'} ${quoteForMessage(written)}`;
  }

  /** Forbidden characters from escapes (raw ones are reported per line already), template openers, number tokens. */
  private checkText(text: string, node: Node, role: 'key' | 'value'): void {
    const [start, end] = node.range ?? [0, 0];
    const what = role === 'key' ? 'Key' : 'Value';
    const found = findForbiddenCharacters(text);
    if (found.length > 0 && found.length > findForbiddenCharacters(this.sourceOf(node)).length) {
      this.report(node, {
        code: 'forbidden-character',
        message: `${what} contains ${describeForbiddenCharacters(found)}, written as an escape sequence: keys and values may hold only printable text, tabs and line breaks; ${role} given: ${quoteForMessage(text)}.`,
        hint: 'Remove the escape sequence (such as \\u202e or \\x1b) from the quoted text.',
      });
    }
    const template = findTemplateExpression(text);
    if (template !== undefined) {
      // Point at the opener itself when it is written as is; escapes like "$\x7b" only have the scalar's position.
      const written = this.source.text.indexOf(template.opener, start);
      this.report(written !== -1 && written + template.opener.length <= end ? written : start, {
        code: 'template-expression',
        message: `${what} contains "${template.opener}", which ${template.evaluator}: keys and values may not contain "\${", "%{", "{{", "#{" or "&{"; ${role} given: ${quoteForMessage(text)}.`,
        hint: `Remove "${template.opener}" from the text; request values are taken literally, and the generated Terraform or CloudFormation would evaluate it.`,
      });
    }
    if (holdsEncodedNumberToken(text)) this.report(node, numberTokenProblem(quoteForMessage(text), what));
  }

  /** A problem at a node (or an offset) and the path being built. */
  private report(at: unknown, finding: Finding): void {
    const position = typeof at === 'number' ? this.source.position(at) : this.positionOf(at);
    this.problems({ ...finding, position, path: [...this.path] });
  }

  private positionOf(node: unknown): SourcePosition {
    return this.source.position((node as Partial<Node> | null | undefined)?.range?.[0] ?? 0);
  }

  private sourceOf(node: Node): string {
    return this.source.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  }
}

/** A number (or text that reads as one) in the range the engines use to encode number tokens. */
function numberTokenProblem(written: string, what: string): Finding {
  return {
    code: 'template-expression',
    message: `${what} ${written} is how aws-cdk-lib and cdktf encode a number token: the generated Terraform or CloudFormation would resolve it to something else, or fail to synthesize.`,
    hint: 'Write the number you mean; no real value lies in this range (near -1.9e+289).',
  };
}

/** Callers read fields from the top level: anything but a mapping there is `yaml-empty`, saying what it is. */
export function checkTopLevel(root: unknown, source: SourceText): Problem | undefined {
  if (isMap(root)) return undefined;
  const range = (root as Partial<Node> | null | undefined)?.range;
  const found = isSeq(root)
    ? 'Expected a mapping of fields, found a list'
    : isScalar(root) && root.value === null
      ? 'Top level is null, not a mapping'
      : isScalar(root)
        ? `Expected a mapping of fields, found the single value ${quoteForMessage(source.text.slice(range?.[0], range?.[1]))}`
        : root === null || root === undefined
          ? 'File is empty (nothing but whitespace or comments)'
          : 'Expected a mapping of fields, found something else';
  return {
    code: 'yaml-empty',
    position: range ? source.position(range[0]) : START_OF_FILE,
    message: `${found}: a request file must hold a mapping of fields ("field: value" lines).`,
    hint: isSeq(root)
      ? 'Write the fields as "field: value" lines without a leading "- ", or put each list item in a file of its own.'
      : 'Write the fields as "field: value" lines: a request needs at least "team:" and "owner:", the platform config "environments:".',
  };
}
