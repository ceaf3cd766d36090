import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ToStringOptions } from 'yaml';
import type { DocumentPath } from '../../../lib/diagnostics';
import { parseYaml } from '../../../lib/request/yaml';
import type { ParseYamlResult } from '../../../lib/request/yaml';
import { findInvalidUtf8 } from '../../../lib/request/yaml/decode';
import { isEncodedNumberToken } from '../../../lib/request/yaml/templates';
import { yieldingProperty } from '../../support/event-loop';
import { expectNesting, FILE, parseText, SAMPLE_REQUEST } from './helpers';

/** Pieces that exercise every YAML context: indicators, quotes, block scalars, props, markers. */
const YAML_PIECES = [
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  ': ',
  '- ',
  '? ',
  '"',
  "'",
  '\\',
  '#',
  ' #',
  '|',
  '>',
  '|2',
  '\n',
  '\n  ',
  '\n    ',
  ' ',
  '\t',
  'a',
  'k: ',
  '&x ',
  '*x',
  '!t ',
  '!!binary ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '\r\n',
  '${',
  '{{',
  '\u202e',
  '\\u202e',
  '\u0000',
  '__proto__: ',
  '1: ',
  '.inf',
  '0x1F',
  'é',
  '😀',
];

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whatever the input: a document and no diagnostics, or no document and at least one error. */
function expectWellFormed(result: ParseYamlResult): void {
  expect(result.document === undefined).toBe(result.diagnostics.length > 0);
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.severity).toBe('error');
    expect(diagnostic.file).toBe(FILE);
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.message).not.toBe('');
    expect(diagnostic.hint).not.toBe('');
    expect(Array.isArray(diagnostic.path)).toBe(true);
  }
  if (result.document !== undefined) {
    const { value } = result.document;
    expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
    for (const path of plainDataPaths(value)) {
      const position = result.document.locate(path);
      expect(position.line).toBeGreaterThanOrEqual(1);
      expect(position.column).toBeGreaterThanOrEqual(1);
    }
  }
}

/**
 * Asserts `value` is JSON-compatible data (plain objects without prototype keys, arrays,
 * strings, finite numbers, booleans, null) and returns the path of every node in it.
 */
function plainDataPaths(value: unknown, path: DocumentPath = []): DocumentPath[] {
  if (Array.isArray(value)) {
    return [path, ...value.flatMap((item, index) => plainDataPaths(item, [...path, index]))];
  }
  if (typeof value === 'object' && value !== null) {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    return [
      path,
      ...Object.entries(value).flatMap(([key, item]) => {
        expect(FORBIDDEN_KEYS.has(key)).toBe(false);
        return plainDataPaths(item, [...path, key]);
      }),
    ];
  }
  if (typeof value === 'number') {
    expect(Number.isFinite(value)).toBe(true);
  } else {
    expect(value === null || typeof value === 'string' || typeof value === 'boolean').toBe(true);
  }
  return [path];
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) {
    return 0;
  }
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

const safeText = fc
  .string({ unit: fc.constantFrom(...'abcxyz -_.:#[]{}"\'|>!&*%@`,?\n\t0123456789é漢😀'), maxLength: 24 })
  .filter((text) => !/\$\{|%\{|\{\{|#\{|&\{/.test(text));

const safeKey = safeText.filter((key) => !FORBIDDEN_KEYS.has(key));

const scalar = fc.oneof(
  safeText,
  fc.integer(),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((number) => !Object.is(number, -0) && !isEncodedNumberToken(number)),
  fc.boolean(),
  fc.constant(null),
);

const { data } = fc.letrec<{ data: unknown }>((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('data'), { maxLength: 4 }),
    fc.dictionary(safeKey, tie('data'), { maxKeys: 4 }),
  ),
}));

const requestData = fc.dictionary(safeKey, data, { maxKeys: 5 });

const styles: fc.Arbitrary<ToStringOptions> = fc.constantFrom<ToStringOptions>(
  {},
  { collectionStyle: 'flow' },
  { indentSeq: false },
  { indent: 4 },
  { defaultStringType: 'QUOTE_DOUBLE' },
  { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
  { blockQuote: 'literal', lineWidth: 20 },
);

/** Whether yaml itself reads `text` back as `value`. */
function yamlReadsBack(text: string, value: unknown): boolean {
  try {
    return isDeepStrictEqual(parse(text), value);
  } catch {
    return false;
  }
}

function applyMutation(
  text: string,
  mutation: { at: number; length: number; kind: string; piece: string },
): string {
  const at = text.length === 0 ? 0 : mutation.at % text.length;
  switch (mutation.kind) {
    case 'insert':
      return text.slice(0, at) + mutation.piece + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'replace':
      return text.slice(0, at) + mutation.piece + text.slice(at + mutation.length);
    default:
      return text.slice(0, at) + text.slice(at, at + mutation.length * 8) + text.slice(at);
  }
}

const mutation = fc.record({
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 12 }),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate'),
  piece: fc.oneof(fc.constantFrom(...YAML_PIECES), fc.string({ unit: 'binary', maxLength: 3 })),
});

describe('parseYaml never throws', () => {
  it('on arbitrary bytes', async () => {
    await fc.assert(
      yieldingProperty(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        expectWellFormed(parseYaml(FILE, bytes)),
      ),
      { numRuns: 400 },
    );
  });

  it('on arbitrary strings', async () => {
    await fc.assert(
      yieldingProperty(fc.string({ unit: 'binary', maxLength: 200 }), (text) =>
        expectWellFormed(parseText(text)),
      ),
      { numRuns: 400 },
    );
  });

  it('on soups of YAML syntax', async () => {
    const soup = fc
      .array(fc.constantFrom(...YAML_PIECES), { maxLength: 40 })
      .map((pieces) => pieces.join(''));
    await fc.assert(
      yieldingProperty(soup, (text) => expectWellFormed(parseText(text))),
      { numRuns: 1500 },
    );
  });

  it('on mutations of a valid request file', async () => {
    expectWellFormed(parseText(SAMPLE_REQUEST));
    await fc.assert(
      yieldingProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) =>
        expectWellFormed(parseText(mutations.reduce(applyMutation, SAMPLE_REQUEST))),
      ),
      { numRuns: 600 },
    );
  });

  it('on non-byte input and odd limits', () => {
    expectWellFormed(parseYaml(FILE, 'team: a' as unknown as Uint8Array));
    expectWellFormed(parseYaml(FILE, null as unknown as Uint8Array));
    expectWellFormed(parseText('a: [[1]]', { maxDepth: 0, maxBytes: Number.NaN }));
    expectWellFormed(parseText('a: 1', { maxDepth: 1e9, maxBytes: Number.POSITIVE_INFINITY }));
  });
});

describe('plain data round-trips', () => {
  it('reads back what yaml writes, in any style', async () => {
    await fc.assert(
      yieldingProperty(requestData, styles, (value, style) => {
        const text = stringify(value, style);
        // yaml's writer has rare bugs of its own (a string ":\na" in flow style reads back as a pair).
        fc.pre(yamlReadsBack(text, value));
        const result = parseText(text);
        expect(result.diagnostics).toEqual([]);
        expect(result.document?.value).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly the files nested no deeper than maxDepth', async () => {
    const nested = fc
      .array(fc.constantFrom('mapping', 'list'), { minLength: 0, maxLength: 40 })
      .map((kinds) =>
        kinds.reduceRight<unknown>((inner, kind) => (kind === 'list' ? [inner] : { k: inner }), 'x'),
      );
    await fc.assert(
      yieldingProperty(nested, fc.integer({ min: 1, max: 40 }), styles, (inner, maxDepth, style) => {
        const value = { top: inner };
        const result = parseText(stringify(value, style), { maxDepth });
        if (depthOf(value) <= maxDepth) {
          expect(result.diagnostics).toEqual([]);
        } else {
          expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['yaml-nesting-too-deep']);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('has its nesting measured exactly', async () => {
    await fc.assert(
      yieldingProperty(requestData, styles, (value, style) => {
        const text = stringify(value, style);
        // As above: a string ":\na" written in flow style reads back as a pair, one level deeper.
        fc.pre(yamlReadsBack(text, value));
        expectNesting(text, depthOf(value));
      }),
      { numRuns: 300 },
    );
  });
});

describe('UTF-8 validation', () => {
  it('agrees with the fatal TextDecoder on which byte sequences are valid', async () => {
    const bytes = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff })), {
        maxLength: 24,
      })
      .map((list) => new Uint8Array(list));
    await fc.assert(
      yieldingProperty(bytes, (input) => {
        let decodes = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(input);
        } catch {
          decodes = false;
        }
        expect(findInvalidUtf8(input) === undefined).toBe(decodes);
      }),
      { numRuns: 3000 },
    );
  });
});
