import { describe, expect, it } from 'vitest';
import { isMap, isPair, isSeq, parseAllDocuments } from 'yaml';
import { measureNesting } from '../../../lib/request/yaml/prescan';

/** Depth of yaml's own AST over all documents: what the pre-scan must match. */
function yamlDepth(text: string): number {
  const depthOf = (node: unknown): number => {
    if (isPair(node)) {
      return Math.max(depthOf(node.key), depthOf(node.value));
    }
    if (isMap(node) || isSeq(node)) {
      return 1 + Math.max(0, ...(node.items as unknown[]).map(depthOf));
    }
    return 0;
  };
  const documents = parseAllDocuments(text);
  return Array.isArray(documents)
    ? Math.max(0, ...documents.map((document) => depthOf(document.contents)))
    : 0;
}

describe('measureNesting', () => {
  it.each([
    ['a: 1', 1],
    ['a: [1]', 2],
    ['- - - x', 3],
    ['a:\n- b\n- c: d\n', 3],
    ['[a: [b: c]]', 4],
    ['? [a]\n: b\n', 2],
    ['a: {b: [c, {d: e}]}', 4],
  ])('counts collections in %j', (text, depth) => {
    expect(measureNesting(text, 100).deepest).toBe(depth);
    expect(yamlDepth(text)).toBe(depth);
  });

  it.each([
    ['brackets in quoted scalars', "a: \"[[[[\\\"[[\"\nb: '{{{{'''\n"],
    ['brackets in block scalars', 'a: |\n  [[[[\n  {{{{\nb: >-\n  [[[[\n'],
    ['brackets in comments', 'a: x # [[[[\n# {{{{\n'],
    ['brackets in plain scalars', 'a: x [[[[ {{{{\nb: y]]]]\n'],
    ['quotes inside plain scalars', "a: it's [[\nb: [[1]]\n"],
    ['quotes inside flow plain scalars', "a: [it's, [[1]]]\n"],
  ])('sees through %s exactly as yaml does', (_, text) => {
    expect(measureNesting(text, 100).deepest).toBe(yamlDepth(text));
  });

  it.each([
    ['a quoted scalar at a less indented line', 'a: "x\nb: [[[1]]]\n'],
    ['a block scalar at a less indented line', 'a: |\n  text\nb: [[[1]]]\n'],
    ['a block scalar with an explicit indentation', 'a: |2\n    text\n  x\nb: [[1]]\n'],
    ['a flow collection at a less indented line', 'a:\n  [x,\nb: [[1]]\n'],
    ['a plain scalar at a document marker', 'x\n---\n[[[1]]]\n'],
  ])('ends %s where yaml does', (_, text) => {
    expect(measureNesting(text, 100).deepest).toBe(yamlDepth(text));
  });

  it('counts the mappings yaml nests for several colons on one line (its error recovery)', () => {
    expect(measureNesting('k: a: b: c\n', 100).deepest).toBe(yamlDepth('k: a: b: c\n'));
    expect(measureNesting('[a: b: c: d]', 100).deepest).toBe(yamlDepth('[a: b: c: d]'));
  });

  it('reports the offset of the bracket that passes the limit', () => {
    const text = `a: ${'['.repeat(40)}`;
    expect(measureNesting(text, 32).violation).toEqual({ offset: 3 + 31 });
    expect(measureNesting(text, 41).violation).toBeUndefined();
  });

  it('handles CRLF line ends', () => {
    expect(measureNesting('a:\r\n  b:\r\n    - [c]\r\n', 100).deepest).toBe(4);
  });

  it('is linear on long inputs', () => {
    const started = performance.now();
    measureNesting("a: \"x\\\"y\", b: 'c''d', e: [f, g]\n".repeat(2000), 32);
    measureNesting(`"${'\\'.repeat(60_000)}"`, 32);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
