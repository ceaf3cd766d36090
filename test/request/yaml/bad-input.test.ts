/**
 * One test per row of the bad-input table in /work/shared/reference/security.md §3 (yaml 2.9.1
 * behaviour), each pinning the code and the position the reader reports.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../lib/request/yaml';
import { expectFirstProblem, expectOnlyProblem, FILE, found, parseText } from './helpers';

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let index = 1; index < names.length; index += 1) {
    const name = names[index] as string;
    const previous = names[index - 1] as string;
    lines.push(`${name}: &${name} [${Array<string>(9).fill(`*${previous}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('billion laughs (aliases)', () => {
  it('rejects every anchor and alias by default, starting at the first anchor', () => {
    const result = parseText(billionLaughs());
    expectFirstProblem(result, 'yaml-alias', 1, 4);
    expect(new Set(result.diagnostics.map((diagnostic) => diagnostic.code))).toEqual(new Set(['yaml-alias']));
    expect(found(result.diagnostics)).toContainEqual({ code: 'yaml-alias', line: 2, column: 8 });
  });

  it('refuses the bomb as written, without expanding it: one diagnostic per anchor and per alias', () => {
    const result = parseText(billionLaughs());
    expect(result.document).toBeUndefined();
    // 9 anchors and 8 × 9 aliases; a single expansion would have added more.
    expect(result.diagnostics).toHaveLength(81);
    expect(result.diagnostics.filter(({ message }) => message.startsWith('Anchor'))).toHaveLength(9);
    const fifthLine = result.diagnostics.find(({ line, column }) => line === 5 && column === 8);
    expect(fifthLine?.code).toBe('yaml-alias');
    expect(fifthLine?.message).toContain('Alias "*d" is not allowed');
  });

  it('refuses a bomb that would expand to 2^40 values, listing at most 100 problems', () => {
    const levels = Array.from({ length: 40 }, (_, level) =>
      level === 0 ? 'l0: &l0 [lol, lol]' : `l${level}: &l${level} [*l${level - 1}, *l${level - 1}]`,
    );
    const result = parseText(`${levels.join('\n')}\n`);
    expectFirstProblem(result, 'yaml-alias', 1, 5);
    expect(result.diagnostics).toHaveLength(100);
    expect(new Set(result.diagnostics.slice(0, 99).map(({ code }) => code))).toEqual(new Set(['yaml-alias']));
    expect(result.diagnostics[99]?.message).toMatch(/118 were found/);
  });

  it('refuses even a harmless alias: nothing is ever expanded', () => {
    const result = parseText('base: &base {fifo: true}\ncopy: *base\n');
    expect(result.document).toBeUndefined();
    expect(found(result.diagnostics)).toEqual([
      { code: 'yaml-alias', line: 1, column: 7 },
      { code: 'yaml-alias', line: 2, column: 7 },
    ]);
  });
});

describe('huge files', () => {
  // That this and billion laughs are rejected in under a second is a target of `npm run bench`.
  it('rejects a 40k-key file by its size, before parsing', () => {
    const text = Array.from({ length: 40_000 }, (_, index) => `key${index}: ${index}`).join('\n');
    const result = parseText(text);
    const diagnostic = expectOnlyProblem(result, 'file-too-large', 1, 1);
    expect(diagnostic.message).toContain('65536 bytes');
  });
});

describe('deep nesting', () => {
  it('rejects deep flow nesting twice in one process without crashing it', () => {
    for (const opener of ['[', '{', '[', '{']) {
      const result = parseText(`a: ${opener.repeat(60_000)}`);
      // The mapping is level 1, so the 32nd bracket (column 4 + 31) is level 33.
      expectOnlyProblem(result, 'yaml-nesting-too-deep', 1, 35);
    }
  });

  it('rejects deep block indentation at the first key past the limit', () => {
    const text = Array.from({ length: 40 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n');
    expectOnlyProblem(parseText(text), 'yaml-nesting-too-deep', 33, 33);
  });

  it('rejects compact nested lists on one line', () => {
    expectOnlyProblem(parseText(`${'- '.repeat(40)}x\n`), 'yaml-nesting-too-deep', 1, 65);
  });

  it("rejects the nesting yaml's error recovery builds, where no bracket or indentation shows it", () => {
    // Each of these nests one level per repetition in yaml 2.9 (checked against its AST); at a few
    // thousand levels yaml's parser overflowed the stack with an uncaught RangeError.
    const hostile = [
      'k: a: b: c\n'.repeat(5000),
      ': | {\n'.repeat(8000),
      '- | [\n'.repeat(8000),
      `[${'a: '.repeat(20_000)}`,
    ];
    for (const text of [...hostile, ...hostile]) {
      const result = parseText(text);
      expect(result.document).toBeUndefined();
      expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['yaml-nesting-too-deep']);
    }
  });
});

describe('duplicate keys', () => {
  it('reports the second occurrence and names the first', () => {
    const diagnostic = expectOnlyProblem(parseText('a: 1\nb: 2\na: 3\n'), 'yaml-duplicate-key', 3, 1);
    expect(diagnostic.message).toContain('line 1, column 1');
    expect(diagnostic.path).toEqual(['a']);
  });

  it('finds duplicates in flow mappings too', () => {
    expectOnlyProblem(parseText('x: {p: 1, p: 2}\n'), 'yaml-duplicate-key', 1, 11);
  });
});

describe('directives', () => {
  it('rejects %YAML 1.1, which would switch yaml to 1.1 rules', () => {
    const diagnostic = expectOnlyProblem(
      parseText('%YAML 1.1\n---\nenabled: yes\nmode: 0755\n'),
      'yaml-directive',
      1,
      1,
    );
    expect(diagnostic.message).toContain('%YAML 1.1');
  });

  it('rejects %TAG and unknown directives', () => {
    expectOnlyProblem(parseText('%TAG !e! tag:example.com,2000:\n---\na: 1\n'), 'yaml-directive', 1, 1);
    expectOnlyProblem(parseText('%FOO bar\n---\na: 1\n'), 'yaml-directive', 1, 1);
  });
});

describe('tags', () => {
  it('rejects !!js/function, which yaml only warns about and turns into a string', () => {
    expectOnlyProblem(parseText('handler: !!js/function "function () { return 1 }"\n'), 'yaml-tag', 1, 10);
  });

  it('rejects CloudFormation short-form intrinsics such as !Ref', () => {
    expectOnlyProblem(parseText('topic: !Ref OrderTopic\n'), 'yaml-tag', 1, 8);
    expectOnlyProblem(parseText('events:\n  - !Sub "orders-x"\n'), 'yaml-tag', 2, 5);
  });

  it('rejects !!binary, !!set and !!timestamp, which would become a Buffer, a Set and a Date', () => {
    const result = parseText('a: !!binary aGVsbG8=\nb: !!set {x, y}\nc: !!timestamp 2001-12-14\n');
    expect(found(result.diagnostics)).toEqual([
      { code: 'yaml-tag', line: 1, column: 4 },
      { code: 'yaml-tag', line: 2, column: 4 },
      { code: 'yaml-tag', line: 3, column: 4 },
    ]);
    expect(result.document).toBeUndefined();
  });
});

describe('encodings', () => {
  it('rejects invalid UTF-8 at the offending byte', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('team: orders\nowner: caf'), 0xe9, 0x0a]);
    const diagnostic = expectOnlyProblem(parseYaml(FILE, latin1), 'file-encoding', 2, 11);
    expect(diagnostic.message).toContain('0xE9');
  });

  it('rejects UTF-16 with a byte order mark, little and big endian', () => {
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('team: orders\n', 'utf16le')]);
    const bigEndian = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('team: orders\n', 'utf16le').swap16(),
    ]);
    expect(expectOnlyProblem(parseYaml(FILE, littleEndian), 'file-encoding', 1, 1).message).toContain(
      'UTF-16 LE',
    );
    expect(expectOnlyProblem(parseYaml(FILE, bigEndian), 'file-encoding', 1, 1).message).toContain(
      'UTF-16 BE',
    );
  });

  it('rejects UTF-16 without a byte order mark by its NUL bytes', () => {
    expectOnlyProblem(parseYaml(FILE, Buffer.from('team: orders\n', 'utf16le')), 'file-encoding', 1, 2);
  });

  it('accepts a UTF-8 byte order mark and counts columns after it', () => {
    const result = parseYaml(
      FILE,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('team: orders\n')]),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.locate(['team'])).toEqual({ line: 1, column: 7 });
  });
});

describe('multiple documents', () => {
  it('rejects a second document where it starts', () => {
    expectOnlyProblem(parseText('team: a\n---\nteam: b\n'), 'yaml-multiple-documents', 2, 1);
  });

  it('accepts one document with explicit start and end markers', () => {
    expect(parseText('---\nteam: a\n...\n').document?.value).toEqual({ team: 'a' });
  });
});

describe('tabs as indentation', () => {
  it("keeps yaml's TAB_AS_INDENT error as yaml-syntax", () => {
    const diagnostic = expectOnlyProblem(parseText('topics:\n\torders: {}\n'), 'yaml-syntax', 2, 1);
    expect(diagnostic.hint).toContain('spaces');
  });
});

describe('control, bidi and zero-width characters', () => {
  it('rejects them written raw, in keys, values and comments, at the character', () => {
    const result = parseText(
      'te\u200bam: orders\ndescription: x\u001b[31mred\n# note \u2066 hidden\nz: a\u007fb\u2028c\nw: "\u202e"\n',
    );
    expect(found(result.diagnostics)).toEqual([
      { code: 'forbidden-character', line: 1, column: 3 },
      { code: 'forbidden-character', line: 2, column: 15 },
      { code: 'forbidden-character', line: 3, column: 8 },
      { code: 'forbidden-character', line: 4, column: 5 },
      { code: 'forbidden-character', line: 5, column: 5 },
    ]);
    expect(result.diagnostics[3]?.message).toContain('U+007F');
    expect(result.diagnostics[3]?.message).toContain('U+2028');
    // Messages never carry the raw character into a log.
    const messages = result.diagnostics.map((diagnostic) => diagnostic.message).join('');
    for (const raw of ['\u001b', '\u202e', '\u2066']) {
      expect(messages).not.toContain(raw);
    }
  });

  it('rejects them produced by escapes, at the string', () => {
    const result = parseText(
      'description: "x\\u202ey"\n"te\\u200Bam": orders\nc1: "\\x85"\ninner: "a\\ufeffb"\nesc: "\\e[2J"\n',
    );
    expect(found(result.diagnostics)).toEqual([
      { code: 'forbidden-character', line: 1, column: 14 },
      { code: 'forbidden-character', line: 2, column: 1 },
      { code: 'forbidden-character', line: 3, column: 5 },
      { code: 'forbidden-character', line: 4, column: 8 },
      { code: 'forbidden-character', line: 5, column: 6 },
    ]);
    expect(result.diagnostics[0]?.path).toEqual(['description']);
    expect(result.diagnostics[0]?.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it('allows tabs and line breaks inside text', () => {
    const result = parseText('description: "a\\tb"\nnotes: |\n  line one\r\n  line\ttwo\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.value).toEqual({ description: 'a\tb', notes: 'line one\nline\ttwo\n' });
  });
});

describe('prototype keys', () => {
  it('rejects __proto__, constructor and prototype keys at any depth and never pollutes', () => {
    const result = parseText(
      '__proto__: {polluted: true}\ntopics:\n  prototype: 1\nflow: {constructor: 2}\n',
    );
    expect(found(result.diagnostics)).toEqual([
      { code: 'forbidden-key', line: 1, column: 1 },
      { code: 'forbidden-key', line: 3, column: 3 },
      { code: 'forbidden-key', line: 4, column: 8 },
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects keys that are not text', () => {
    const result = parseText('1: x\n? [a]\n: y\ntrue: z\nnull: n\n');
    expect(found(result.diagnostics)).toEqual([
      { code: 'forbidden-key', line: 1, column: 1 },
      { code: 'forbidden-key', line: 2, column: 3 },
      { code: 'forbidden-key', line: 4, column: 1 },
      { code: 'forbidden-key', line: 5, column: 1 },
    ]);
  });
});

describe('numbers', () => {
  it('leaves unquoted numbers as numbers (the schema stage asks to quote ids)', () => {
    const result = parseText('account: 012345678901\nport: 0x1F\nratio: 1.5e3\nyes: yes\nempty:\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.value).toEqual({
      account: 12345678901,
      port: 31,
      ratio: 1500,
      yes: 'yes',
      empty: null,
    });
  });

  it('rejects non-finite numbers', () => {
    const result = parseText('big: 1e999\nneg: -.inf\nnan: .NaN\n');
    expect(found(result.diagnostics)).toEqual([
      { code: 'yaml-syntax', line: 1, column: 6 },
      { code: 'yaml-syntax', line: 2, column: 6 },
      { code: 'yaml-syntax', line: 3, column: 6 },
    ]);
  });
});

describe('no mapping at the top level', () => {
  it('reports an empty file, whitespace and comments only', () => {
    expectOnlyProblem(parseText(''), 'yaml-empty', 1, 1);
    expectOnlyProblem(parseText('  \n\n'), 'yaml-empty', 1, 1);
    expectOnlyProblem(parseText('# nothing here\n# yet\n'), 'yaml-empty', 1, 1);
  });

  it('reports a top-level null', () => {
    expectOnlyProblem(parseText('null\n'), 'yaml-empty', 1, 1);
    expectOnlyProblem(parseText('# comment\n~\n'), 'yaml-empty', 2, 1);
  });

  it('reports a top-level list as "expected a mapping of fields, found a list"', () => {
    const diagnostic = expectOnlyProblem(parseText('- team: a\n- team: b\n'), 'yaml-empty', 1, 1);
    expect(diagnostic.message.toLowerCase()).toContain('expected a mapping of fields, found a list');
  });

  it('reports a top-level scalar', () => {
    expect(expectOnlyProblem(parseText('hello\n'), 'yaml-empty', 1, 1).message).toContain('"hello"');
  });
});

describe('template expressions', () => {
  it('rejects a Terraform interpolation such as ${file("/etc/passwd")}', () => {
    const diagnostic = expectOnlyProblem(
      parseText('name: x-${file("/etc/passwd")}\n'),
      'template-expression',
      1,
      9,
    );
    expect(diagnostic.path).toEqual(['name']);
  });

  it('rejects a Terraform directive such as %{ if }', () => {
    expectOnlyProblem(parseText('description: "%{ if true }yes%{ endif }"\n'), 'template-expression', 1, 15);
  });

  it('rejects a CloudFormation dynamic reference such as {{resolve:secretsmanager:x}}', () => {
    expectOnlyProblem(parseText('owner: "{{resolve:secretsmanager:x}}"\n'), 'template-expression', 1, 9);
  });

  it('rejects them in keys, and when produced by escapes (at the string)', () => {
    expectOnlyProblem(parseText('"${x}": 1\n'), 'template-expression', 1, 2);
    expectOnlyProblem(parseText('a: "$\\x7bvar}"\n'), 'template-expression', 1, 4);
  });
});

describe('collecting problems', () => {
  it('reports every problem of a file, sorted by position', () => {
    const result = parseText(
      'team: !Ref Team\nname: x-${file("/etc/passwd")}\nteam: again\n__proto__: 1\ndescription: "a\u202eb"\n',
    );
    expect(found(result.diagnostics)).toEqual([
      { code: 'yaml-tag', line: 1, column: 7 },
      { code: 'template-expression', line: 2, column: 9 },
      { code: 'yaml-duplicate-key', line: 3, column: 1 },
      { code: 'forbidden-key', line: 4, column: 1 },
      { code: 'forbidden-character', line: 5, column: 16 },
    ]);
  });

  it("keeps yaml's own error list for syntax errors", () => {
    const result = parseText('a: [1, 2\nb: "unclosed\n');
    expect(result.document).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((diagnostic) => diagnostic.code === 'yaml-syntax')).toBe(true);
  });

  it('lists at most 100 problems and says how many more there were', () => {
    const result = parseText(']'.repeat(5000));
    expect(result.diagnostics).toHaveLength(100);
    expect(result.diagnostics[99]?.message).toMatch(/5001 were found/);
  });
});
