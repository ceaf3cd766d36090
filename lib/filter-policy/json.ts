import type { DocumentPath } from '../diagnostics';

/** A JSON object as parsed from JSON or YAML: only its own string keys matter. */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * True for objects JSON.parse or a YAML loader could have made. Class instances (Date, Map) and objects
 * with a foreign prototype are refused, so nothing inherited can ever be read as a policy key.
 */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Own enumerable entries only; `__proto__` parsed from JSON is an ordinary own key here. */
export function ownEntries(object: JsonObject): [string, unknown][] {
  return Object.keys(object).map((key) => [key, object[key]]);
}

/** A short, human description of a value for diagnostic messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
  return `a value of type ${typeof value}`;
}

export type JsonMeasure =
  | { readonly kind: 'ok'; readonly bytes: number }
  | { readonly kind: 'too-large'; readonly bytes: number }
  | { readonly kind: 'not-json'; readonly path: DocumentPath; readonly value: unknown }
  | { readonly kind: 'too-deep'; readonly path: DocumentPath };

interface PendingNode {
  readonly value: unknown;
  readonly parent: PendingNode | undefined;
  readonly key: string | number | undefined;
  readonly depth: number;
}

function pathOf(node: PendingNode): DocumentPath {
  const path: (string | number)[] = [];
  for (let at: PendingNode | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

const utf8 = new TextEncoder();
/** Printable ASCII but `"` and `\`: JSON writes such text as it is, one byte per character. */
const WRITTEN_AS_IS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function jsonTextBytes(text: string): number {
  if (WRITTEN_AS_IS.test(text)) return text.length + 2;
  // JSON.stringify escapes lone surrogates, so the encoded length is the length SNS would receive.
  return utf8.encode(JSON.stringify(text)).length;
}

/**
 * Size in UTF-8 bytes of the compact JSON text of `value`, found without recursion (so no input can
 * overflow the stack) and without JSON.stringify (which silently drops `undefined` and turns NaN into null,
 * both of which would hide a broken policy). Stops early once `limit` is passed: the rest cannot matter.
 */
export function measureJson(value: unknown, limit: number, maxDepth: number): JsonMeasure {
  let bytes = 0;
  const stack: PendingNode[] = [{ value, parent: undefined, key: undefined, depth: 0 }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (bytes > limit) return { kind: 'too-large', bytes };
    const current = node.value;
    if (node.depth > maxDepth) return { kind: 'too-deep', path: pathOf(node) };
    if (typeof current === 'string') bytes += jsonTextBytes(current);
    else if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { kind: 'not-json', path: pathOf(node), value: current };
      bytes += String(current).length;
    } else if (typeof current === 'boolean') bytes += current ? 4 : 5;
    else if (current === null) bytes += 4;
    else if (Array.isArray(current)) {
      bytes += 2 + Math.max(0, current.length - 1);
      for (let index = current.length - 1; index >= 0; index -= 1) {
        stack.push({ value: current[index], parent: node, key: index, depth: node.depth + 1 });
      }
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current);
      bytes += 2 + Math.max(0, keys.length - 1);
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] ?? '';
        bytes += jsonTextBytes(key) + 1;
        stack.push({ value: current[key], parent: node, key, depth: node.depth + 1 });
      }
    } else return { kind: 'not-json', path: pathOf(node), value: current };
  }
  return bytes > limit ? { kind: 'too-large', bytes } : { kind: 'ok', bytes };
}
