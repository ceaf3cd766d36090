import { describe, expect, it } from 'vitest';
import { isMap, isPair, isSeq, parseAllDocuments } from 'yaml';
import { expectFirstProblem, expectNesting, isTooDeep, parseText } from './helpers';

/** Depth of yaml's own AST over all documents: what the reader must measure. */
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

describe('nesting depth', () => {
  it.each([
    ['a: 1', 1],
    ['a: [1]', 2],
    ['- - - x', 3],
    ['a:\n- b\n- c: d\n', 3],
    ['[a: [b: c]]', 4],
    ['? [a]\n: b\n', 2],
    ['a: {b: [c, {d: e}]}', 4],
  ])('counts collections in %j', (text, depth) => {
    expectNesting(text, depth);
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
    expectNesting(text, yamlDepth(text));
  });

  it.each([
    ['a quoted scalar at a less indented line', 'a: "x\nb: [[[1]]]\n'],
    ['a block scalar at a less indented line', 'a: |\n  text\nb: [[[1]]]\n'],
    ['a block scalar with an explicit indentation', 'a: |2\n    text\n  x\nb: [[1]]\n'],
    ['a flow collection at a less indented line', 'a:\n  [x,\nb: [[1]]\n'],
    ['a plain scalar at a document marker', 'x\n---\n[[[1]]]\n'],
  ])('ends %s where yaml does', (_, text) => {
    expectNesting(text, yamlDepth(text));
  });

  it('counts the mappings yaml nests for several colons on one line (its error recovery)', () => {
    expectNesting('k: a: b: c\n', yamlDepth('k: a: b: c\n'));
    expectNesting('[a: b: c: d]', yamlDepth('[a: b: c: d]'));
  });

  it('reports the bracket that passes the limit', () => {
    const text = `a: ${'['.repeat(40)}`;
    expectFirstProblem(parseText(text, { maxDepth: 32 }), 'yaml-nesting-too-deep', 1, 3 + 31 + 1);
    expect(isTooDeep(text, 41)).toBe(false);
  });

  it('handles CRLF line ends', () => {
    expectNesting('a:\r\n  b:\r\n    - [c]\r\n', 4);
  });

  it('is linear on long inputs', () => {
    const started = performance.now();
    parseText("a: \"x\\\"y\", b: 'c''d', e: [f, g]\n".repeat(2000), { maxBytes: 256 * 1024 });
    parseText(`"${'\\'.repeat(60_000)}"`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
