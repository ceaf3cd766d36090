import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ToStringOptions } from 'yaml';
import { generateOrganisation } from '../../../bench/organisation';
import { DEFAULT_YAML_LIMITS, readWithYaml } from '../../../lib/request/yaml';
import { scanRawCharacters } from '../../../lib/request/yaml/characters';
import { readPlainSubset } from '../../../lib/request/yaml/plain-subset';
import { ProblemList, SourceText } from '../../../lib/request/yaml/problems';
import { yieldingProperty } from '../../support/event-loop';
import { FILE } from './helpers';

const REPO = path.resolve(__dirname, '../../..');

/**
 * The plain subset's value for `text`, checked against yaml's: when the subset reads the text,
 * yaml must read it without a problem into the same value, keys in the same order. False when
 * the subset leaves the text to yaml (or the text holds characters refused before either reads).
 */
function readsAsYamlDoes(text: string, maxDepth = DEFAULT_YAML_LIMITS.maxDepth): boolean {
  const source = new SourceText(text);
  const problems = new ProblemList(FILE);
  scanRawCharacters(source, (problem) => problems.add(problem));
  if (!problems.isEmpty) return false;
  const plain = readPlainSubset(text, maxDepth);
  if (plain === undefined) return false;
  const read = readWithYaml(source, { ...DEFAULT_YAML_LIMITS, maxDepth }, problems);
  expect(problems.sorted(), text).toEqual([]);
  expect(plain.value, text).toStrictEqual(read?.value);
  expect(JSON.stringify(plain.value), text).toBe(JSON.stringify(read?.value));
  return true;
}

function yamlFilesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && /\.ya?ml$/i.test(entry.name) && !file.includes('node_modules') ? [file] : [];
  });
}

const generatedRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-plain-subset-'));
afterAll(() => fs.rmSync(generatedRoot, { recursive: true, force: true }));

describe('the plain subset reads request files as yaml does', () => {
  it('for the bundled requests and a generated organisation, every one of them', () => {
    const generated = generateOrganisation(generatedRoot, 12);
    const files = [
      ...yamlFilesUnder(path.join(REPO, 'requests')),
      path.join(REPO, 'eventbus.config.yaml'),
      generated.configFile,
      ...yamlFilesUnder(generated.requestsDir),
    ];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      expect(readsAsYamlDoes(fs.readFileSync(file, 'utf8')), file).toBe(true);
    }
  });

  it('for every YAML file of the tests that it reads', () => {
    const files = [
      ...yamlFilesUnder(path.join(REPO, 'test')),
      ...yamlFilesUnder(path.join(REPO, 'examples')),
    ];
    const read = files.filter((file) => readsAsYamlDoes(fs.readFileSync(file, 'utf8')));
    expect(read.length).toBeGreaterThan(files.length / 2);
  });
});

/** Scalars whose reading depends on the core schema, quoting and comments. */
const SCALARS: readonly (readonly [written: string, value: unknown])[] = [
  ['plain text', 'plain text'],
  ['a#b', 'a#b'],
  ['a #b', 'a'],
  ['a:b', 'a:b'],
  ["it's", "it's"],
  ["'it''s'", "it's"],
  ['"a # b"', 'a # b'],
  ["''", ''],
  ['""', ''],
  ['~', null],
  ['null', null],
  ['NULL', null],
  ['Null', null],
  ['nULL', 'nULL'],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['tRUE', 'tRUE'],
  ['False', false],
  ['yes', 'yes'],
  ['off', 'off'],
  ['007', 7],
  ['+1', 1],
  ['0o17', 15],
  ['0x1F', 31],
  ['0b101', '0b101'],
  ['1_000', '1_000'],
  ['1e3', 1000],
  ['1.50', 1.5],
  ['.5', 0.5],
  ['1.', 1],
  ['12:30', '12:30'],
  ['2026-12-03', '2026-12-03'],
  ['99999999999999999999', 1e20],
  ['1m', '1m'],
  ['-1', -1],
  ['-.5', -0.5],
  ['-foo', '-foo'],
  [':x', ':x'],
  ['?x', '?x'],
  ['é漢😀', 'é漢😀'],
  ['no-break space\u00a0', 'no-break space\u00a0'],
  ['ideographic space\u3000', 'ideographic space\u3000'],
];

describe('scalars', () => {
  it.each(SCALARS)('%s reads as yaml reads it, in every place a scalar stands', (written, value) => {
    const flowSafe = !/[,[\]{}:#]/.test(written) || /^['"].*['"]$/.test(written);
    const places = [
      `key: ${written}`,
      `key:\n  - ${written}\n  - other`,
      `key:\n- ${written}`,
      `key: ${written} # a comment`,
      ...(flowSafe
        ? [`key: [${written}, other]`, `key: { inner: ${written} }`, `key: [{ inner: ${written} }]`]
        : []),
    ];
    for (const text of places) {
      expect(readsAsYamlDoes(text), text).toBe(true);
    }
    expect(readPlainSubset(`key: ${written}`, DEFAULT_YAML_LIMITS.maxDepth)).toEqual({
      value: { key: value },
    });
  });
});

/** Texts outside the subset, each for its own reason: yaml reads or refuses them. */
const LEFT_TO_YAML: readonly (readonly [reason: string, text: string])[] = [
  ['an anchor', 'a: &x 1\nb: 2'],
  ['an alias', 'a: 1\nb: *x'],
  ['a tag', 'a: !!str 1'],
  ['a directive', '%YAML 1.1\n---\na: 1'],
  ['a document marker', '---\na: 1'],
  ['a second document', 'a: 1\n---\nb: 2'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a tab', 'a:\t1'],
  ['carriage returns', 'a: 1\r\nb: 2\r\n'],
  ['a byte order mark', '\ufeffa: 1'],
  ['a literal block scalar', 'a: |\n  text\n'],
  ['a folded block scalar', 'a: >\n  text\n'],
  ['a plain scalar over two lines', 'a: one\n  two'],
  ['a quoted scalar over two lines', 'a: "one\n  two"'],
  ['a flow list over two lines', 'a: [one,\n  two]'],
  ['an escape', 'a: "\\u0041"'],
  ['a trailing comma', 'a: [one, ]'],
  ['an empty flow entry', 'a: [one, , two]'],
  ['a flow pair', 'a: [b: c]'],
  ['a value without a key in a flow mapping', 'a: { b }'],
  ['an explicit key', '? a\n: 1'],
  ['a quoted block key', '"a": 1'],
  ['a key with a space', 'a b: 1'],
  ['a key followed by a space', 'a : 1'],
  ['a number key', '1: a'],
  ['a boolean key', 'true: a'],
  ['a null key', 'null: a'],
  ['a duplicate key', 'a: 1\na: 2'],
  ['a duplicate flow key', 'a: { b: 1, b: 2 }'],
  ['a prototype key', '__proto__: 1'],
  ['a constructor key', 'a: { constructor: 1 }'],
  ['an intrinsic key', 'Ref: a'],
  ['an intrinsic flow key', 'a: { "Fn::Sub": b }'],
  ['a template', 'a: ${var.x}'],
  ['a token marker', 'a: "#{Token[1]}"'],
  ['an infinite number', 'a: .inf'],
  ['not a number', 'a: .nan'],
  ['a negative infinity', 'a: -.inf'],
  ['a number out of range', 'a: 1e400'],
  ['an engine number token', 'a: -1.8881545897087626e+289'],
  ['a mapping in a value', 'a: b: c'],
  ['a value ending in a colon', 'a: b:'],
  ['a list entry after a key', 'a: - 1'],
  ['a lone "-" as a value', 'a: -'],
  ['a plain scalar starting with "@"', 'a: @b'],
  ['text after a quoted scalar', 'a: "b" c'],
  ['a comment glued to a quoted scalar', 'a: "b"#c'],
  ['a misindented key', 'a:\n  b: 1\n c: 2'],
  ['a key deeper than its mapping', 'a: 1\n  b: 2'],
  ['a list deeper than its items', 'a:\n  - 1\n   - 2'],
  ['an entry on the next line', 'a:\n  -\n    b: 1'],
  ['an empty nested entry', 'a:\n  - -'],
  ['a list item that is only a comment', 'a:\n  - # nothing'],
  ['a scalar below its key', 'a:\n  text'],
  ['a top-level list', '- a'],
  ['a top-level scalar', 'text'],
  ['an indented top level', '  a: 1'],
  ['only comments', '# nothing\n'],
  ['an empty file', ''],
];

describe('what the subset leaves to yaml', () => {
  it.each(LEFT_TO_YAML)('%s', (_reason, text) => {
    expect(readPlainSubset(text, DEFAULT_YAML_LIMITS.maxDepth)).toBeUndefined();
  });

  it('nesting one level short of the limit, so that yaml reports nesting past it', () => {
    const nested = (levels: number): string =>
      Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n') + ' 1';
    expect(readsAsYamlDoes(nested(3), 4)).toBe(true);
    expect(readPlainSubset(nested(4), 4)).toBeUndefined();
    expect(readPlainSubset('a: [[[[1]]]]', 4)).toBeUndefined();
  });
});

const texts = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9 ._/@-]{0,15}$/), weight: 3 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'abz09 -_./:#\'"@?'), minLength: 1, maxLength: 12 }),
    weight: 1,
  },
);
const key = fc.stringMatching(/^[a-z][a-z0-9._/-]{0,8}$/);
const scalar = fc.oneof(
  texts,
  fc.constantFrom(...SCALARS.map(([, value]) => value)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((n) => !Object.is(n, -0)),
);
const { data } = fc.letrec<{ data: unknown }>((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('data'), { maxLength: 4 }),
    fc.dictionary(key, tie('data'), { maxKeys: 4 }),
  ),
}));
const STYLES: readonly ToStringOptions[] = [
  {},
  { indentSeq: false },
  { indent: 4 },
  { collectionStyle: 'flow' },
  { defaultStringType: 'QUOTE_SINGLE' },
  { defaultStringType: 'QUOTE_DOUBLE' },
  { flowCollectionPadding: false, collectionStyle: 'flow' },
];
/** Blank lines and comment lines at any indentation, between lines of the document. */
const interleaved = fc.array(fc.constantFrom('', '   ', '# c', '    # c', '  #'), { maxLength: 6 });

describe('the plain subset agrees with yaml', () => {
  it('on documents written in every style yaml writes, with comments between their lines', async () => {
    let read = 0;
    await fc.assert(
      yieldingProperty(
        fc.dictionary(key, data, { minKeys: 1, maxKeys: 5 }),
        fc.constantFrom(...STYLES),
        interleaved,
        fc.nat(),
        (value, style, extra, seed) => {
          const lines = stringify(value, { ...style, lineWidth: 0 }).split('\n');
          extra.forEach((line, index) => lines.splice((seed + index * 7) % (lines.length + 1), 0, line));
          if (readsAsYamlDoes(lines.join('\n'), 2 + (seed % 6))) read += 1;
        },
      ),
      { numRuns: 600 },
    );
    // Many of them are in the subset (the others hold nesting past their limit, escapes, tricky
    // text): the agreement above is not vacuous.
    expect(read).toBeGreaterThan(60);
  });

  it('on request files with characters inserted, deleted or replaced', async () => {
    const samples = yamlFilesUnder(path.join(REPO, 'requests')).map((file) => fs.readFileSync(file, 'utf8'));
    const pieces = [...' \n:-#[]{},\'"abz09', ': ', '- ', ' #', '\n  ', '\n- ', '  ', 'true', '~', '1e3'];
    let read = 0;
    await fc.assert(
      yieldingProperty(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...pieces)), {
          minLength: 1,
          maxLength: 3,
        }),
        (sample, edits) => {
          let text = sample;
          for (const [at, removed, piece] of edits) {
            const index = at % (text.length + 1);
            text = text.slice(0, index) + piece + text.slice(index + removed);
          }
          if (readsAsYamlDoes(text)) read += 1;
        },
      ),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(150);
  });
});
