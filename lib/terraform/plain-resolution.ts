import type { Construct } from 'constructs';
import * as tokens from 'cdktf/lib/_tokens';

type Resolve = typeof tokens.resolve;

/**
 * cdktf's resolve walks every value of a stack three times (prepare, each element, the merged
 * document), and at each value it builds closures and contexts and runs several regular
 * expressions, whether the value can hold a token or not. Most of a stack is plain text: names,
 * ARNs, tags, policies. This walk copies plain values as cdktf's resolve would (objects and arrays
 * rebuilt without `undefined`) and hands everything else to cdktf's own resolve, unchanged: any
 * string with a token marker or that cdktf's number-token pattern matches, any number that could
 * encode a token, any object that is not a plain object or has a key that is not plain, any array
 * holding a list or number token. The result is the same value, at a fraction of the cost.
 */
export function resolvePlainly(
  resolve: Resolve,
  scope: Construct,
  value: unknown,
  preparing: boolean,
): unknown {
  const walk = (item: unknown): unknown => {
    switch (typeof item) {
      case 'string':
        return isPlainString(item) ? item : resolve(scope, item, preparing);
      case 'number':
        return isPlainNumber(item) ? item : resolve(scope, item, preparing);
      case 'boolean':
      case 'undefined':
        return item;
      case 'object': {
        if (item === null) return null;
        if (Array.isArray(item)) {
          if (!item.every(isPlainElement)) return resolve(scope, item, preparing);
          const resolved: unknown[] = [];
          for (const element of item) {
            const value = walk(element);
            if (value !== undefined) resolved.push(value);
          }
          return resolved;
        }
        const prototype = Object.getPrototypeOf(item) as unknown;
        const keys = Object.keys(item);
        if (
          (prototype !== Object.prototype && prototype !== null) ||
          typeof (item as { resolve?: unknown }).resolve === 'function' ||
          !keys.every(isPlainString)
        ) {
          return resolve(scope, item, preparing);
        }
        const resolved: Record<string, unknown> = {};
        for (const key of keys) {
          const value = walk((item as Record<string, unknown>)[key]);
          if (value !== undefined) resolved[key] = value;
        }
        return resolved;
      }
      default:
        // Functions, symbols and bigints: cdktf decides (it rejects functions).
        return resolve(scope, item, preparing);
    }
  };
  return walk(value);
}

// cdktf's encoding (tokens/private/encoding.js): string, list and map tokens are embedded as
// "${TfToken[...]}", "#{TfToken[...]}" and "&{TfToken[...]}"; this is its number-token pattern.
const TOKEN_MARKER = 'TfToken[';
const NUMBER_TOKEN = new RegExp('[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)');
// Token.STRING_MAP_TOKEN_VALUE, Token.ANY_MAP_TOKEN_VALUE and Token.NUMBER_MAP_TOKEN_VALUE, which
// cdktf's resolve rejects where they stand alone.
const MAP_TOKEN_VALUES: readonly unknown[] = ['String Map Token Value', 'Any Map Token Value', -123456789];

function isPlainString(text: string): boolean {
  return !text.includes(TOKEN_MARKER) && !NUMBER_TOKEN.test(text) && !MAP_TOKEN_VALUES.includes(text);
}

/** Tokens are encoded as doubles of a magnitude near 1e289; no quantity a stack holds comes close. */
function isPlainNumber(value: number): boolean {
  return Math.abs(value) < 1e100 && !MAP_TOKEN_VALUES.includes(value);
}

function isPlainElement(element: unknown): boolean {
  if (typeof element === 'string') return !element.includes(TOKEN_MARKER);
  if (typeof element === 'number') return isPlainNumber(element);
  return true;
}

/**
 * Runs `render` with cdktf's resolve (the one its stacks call to render themselves) replaced by
 * the plain walk above, and restores it afterwards.
 */
export function withPlainResolution<T>(render: () => T): T {
  const module = tokens as { resolve: Resolve };
  const resolve = module.resolve;
  module.resolve = ((scope: Construct, value: unknown, preparing = false) =>
    resolvePlainly(resolve, scope, value, preparing)) as Resolve;
  try {
    return render();
  } finally {
    module.resolve = resolve;
  }
}
