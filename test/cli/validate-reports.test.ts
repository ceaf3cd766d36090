import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCodeQuality } from '../../lib/cli/code-quality';
import { formatJunit } from '../../lib/cli/junit';
import type { Diagnostic } from '../../lib/diagnostics';
import { childrenNamed, parseXml, type XmlElement } from '../support/xml';
import { copyOfExample, REPO, runCli } from './run-cli';

interface JsonDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

interface Finding {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: string;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** The example's files in the order the loader reads them: the platform config, then requests by path. */
const EXAMPLE_FILES = [
  'eventbus.config.yaml',
  'requests/analytics.yaml',
  'requests/orders.yaml',
  'requests/payments/ledger.yaml',
  'requests/payments/payments.yaml',
  'requests/shipping.yaml',
];

/**
 * Errors in two request files, a warning beside the errors of one of them, and a hidden file
 * that the loader reports but does not read.
 */
function brokenCopy(): string {
  const root = copyOfExample();
  edit(root, 'requests/shipping.yaml', (text) =>
    text
      .replace('visibilityTimeout: 5m', 'visibilityTimeout: 13h')
      .replace('topic: orders/order-events\n        events:', 'topic: orders/order-event\n        events:')
      .replace('  express-shipments:\n', '  express-shipments:\n    deadLetter: false\n'),
  );
  fs.appendFileSync(path.join(root, 'requests/analytics.yaml'), 'colour: blue\n');
  fs.writeFileSync(path.join(root, 'requests/.draft.yaml'), 'team: draft\n');
  return root;
}

function edit(root: string, file: string, change: (text: string) => string): void {
  const absolute = path.join(root, file);
  const before = fs.readFileSync(absolute, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(absolute, after);
}

async function jsonReport(root: string): Promise<JsonDiagnostic[]> {
  const result = await runCli(['validate', '--format', 'json'], root);
  return (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

async function gitlabReport(root: string): Promise<Finding[]> {
  const result = await runCli(['validate', '--format', 'gitlab'], root);
  expect(result.stderr).toBe('');
  expect(result.stdout.charCodeAt(0)).not.toBe(0xfeff);
  return JSON.parse(result.stdout) as Finding[];
}

async function junitReport(root: string): Promise<{ status: number | null; suite: XmlElement }> {
  const result = await runCli(['validate', '--format', 'junit'], root);
  expect(result.stderr).toBe('');
  expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const testsuites = parseXml(result.stdout);
  expect(testsuites.name).toBe('testsuites');
  const suites = childrenNamed(testsuites, 'testsuite');
  expect(suites).toHaveLength(1);
  const suite = suites[0] as XmlElement;
  expect(testsuites.attributes['tests']).toBe(suite.attributes['tests']);
  expect(testsuites.attributes['failures']).toBe(suite.attributes['failures']);
  return { status: result.status, suite };
}

describe('eventbus validate --format gitlab', () => {
  it('writes one Code Quality finding per diagnostic, with our code, severity, file and line', async () => {
    const root = brokenCopy();
    const result = await runCli(['validate', '--format', 'gitlab'], root);
    expect(result.status).toBe(1);
    const findings = await gitlabReport(root);
    const diagnostics = await jsonReport(root);
    expect(diagnostics.map(({ code, severity }) => ({ code, severity }))).toEqual(
      expect.arrayContaining([
        { code: 'file-unreadable', severity: 'error' },
        { code: 'schema-unknown-field', severity: 'error' },
        { code: 'out-of-range', severity: 'error' },
        { code: 'unknown-topic', severity: 'error' },
        { code: 'dead-letter-disabled', severity: 'warning' },
      ]),
    );
    expect(findings).toHaveLength(diagnostics.length);
    for (const [index, finding] of findings.entries()) {
      const diagnostic = diagnostics[index] as JsonDiagnostic;
      expect(Object.keys(finding).sort()).toEqual([
        'check_name',
        'description',
        'fingerprint',
        'location',
        'severity',
      ]);
      expect(finding).toEqual({
        description: diagnostic.hint
          ? `${diagnostic.message} (hint: ${diagnostic.hint})`
          : diagnostic.message,
        check_name: diagnostic.code,
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: diagnostic.severity === 'error' ? 'critical' : 'minor',
        location: { path: diagnostic.file, lines: { begin: diagnostic.line } },
      });
    }
    expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(findings.length);
  });

  it('keeps every fingerprint across runs and across blank lines inserted above the findings', async () => {
    const root = brokenCopy();
    const first = await gitlabReport(root);
    const second = await gitlabReport(root);
    expect(second).toEqual(first);

    edit(root, 'requests/shipping.yaml', (text) =>
      text.replace('\nteam: shipping\n', '\n\n\n\nteam: shipping\n'),
    );
    const shifted = await gitlabReport(root);
    const shipping = (findings: readonly Finding[]): Finding[] =>
      findings.filter((finding) => finding.location.path === 'requests/shipping.yaml');
    expect(shipping(first).length).toBeGreaterThanOrEqual(3);
    expect(shipping(shifted).map((finding) => finding.location.lines.begin)).toEqual(
      shipping(first).map((finding) => finding.location.lines.begin + 3),
    );
    expect(shifted.map((finding) => finding.fingerprint).sort()).toEqual(
      first.map((finding) => finding.fingerprint).sort(),
    );
  });

  it('writes an empty array for the clean example, and exits 0', async () => {
    const result = await runCli(['validate', '--format', 'gitlab'], REPO);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('[]\n');
  });

  it('tells apart identical findings by their order, and changes no other fingerprint for them', () => {
    const yamlProblem: Diagnostic = {
      code: 'yaml-syntax',
      severity: 'error',
      message: 'a stray "]"',
      file: 'requests/orders.yaml',
      line: 3,
      column: 1,
      path: [],
    };
    const other: Diagnostic = { ...yamlProblem, code: 'yaml-tag', line: 1 };
    const once = JSON.parse(formatCodeQuality([other, yamlProblem])) as Finding[];
    const twice = JSON.parse(
      formatCodeQuality([other, yamlProblem, { ...yamlProblem, line: 9 }]),
    ) as Finding[];
    expect(new Set(twice.map((finding) => finding.fingerprint)).size).toBe(3);
    expect(twice.slice(0, 2)).toEqual(once);
  });
});

describe('eventbus validate --format junit', () => {
  it('has a passing test case per file of the clean example', async () => {
    const { status, suite } = await junitReport(REPO);
    expect(status).toBe(0);
    expect(suite.attributes).toEqual(
      expect.objectContaining({ name: 'eventbus validate', tests: '6', failures: '0', errors: '0' }),
    );
    const cases = childrenNamed(suite, 'testcase');
    expect(cases.map((testcase) => testcase.attributes)).toEqual(
      EXAMPLE_FILES.map((file) => ({ classname: file, name: file, file })),
    );
    expect(cases.every((testcase) => testcase.children.length === 0)).toBe(true);
  });

  it('fails the test case of each file with errors, once per error, and lists warnings as output', async () => {
    const root = brokenCopy();
    const { status, suite } = await junitReport(root);
    expect(status).toBe(1);
    const diagnostics = await jsonReport(root);
    const cases = childrenNamed(suite, 'testcase');
    expect(cases.map((testcase) => testcase.attributes['name'])).toEqual([
      ...EXAMPLE_FILES,
      'requests/.draft.yaml',
    ]);
    const failed = cases.filter((testcase) => childrenNamed(testcase, 'failure').length > 0);
    expect(failed.map((testcase) => testcase.attributes['name'])).toEqual([
      'requests/analytics.yaml',
      'requests/shipping.yaml',
      'requests/.draft.yaml',
    ]);
    expect(suite.attributes).toEqual(expect.objectContaining({ tests: '7', failures: '3' }));

    for (const testcase of cases) {
      const file = testcase.attributes['name'] as string;
      expect(testcase.attributes['classname']).toBe(file);
      const ofFile = diagnostics.filter((diagnostic) => diagnostic.file === file);
      const errors = ofFile.filter((diagnostic) => diagnostic.severity === 'error');
      expect(childrenNamed(testcase, 'failure').map((failure) => failure.attributes['message'])).toEqual(
        errors.map((error) => `${error.code} ${error.message}`),
      );
      expect(childrenNamed(testcase, 'failure').map((failure) => failure.text)).toEqual(
        errors.map(
          (error) =>
            `${error.file}:${error.line}:${error.column} ${error.code} ${error.message}\n  hint: ${error.hint}`,
        ),
      );
      const warnings = ofFile.filter((diagnostic) => diagnostic.severity === 'warning');
      expect(childrenNamed(testcase, 'system-out').map((output) => output.text)).toEqual(
        warnings.length === 0
          ? []
          : [
              warnings
                .map(
                  (warning) =>
                    `${warning.file}:${warning.line}:${warning.column} warning ${warning.code} ${warning.message}\n  hint: ${warning.hint}`,
                )
                .join('\n'),
            ],
      );
    }
    const shipping = cases.find((testcase) => testcase.attributes['name'] === 'requests/shipping.yaml');
    expect(childrenNamed(shipping as XmlElement, 'system-out')[0]?.text).toContain(
      ' warning dead-letter-disabled ',
    );
  });

  it('escapes markup and replaces what XML cannot hold, in file names and quoted keys', async () => {
    const root = copyOfExample();
    const oddName = 'odd\u0001\u001b\ufffe\uffff<&>"\'x.yaml';
    fs.writeFileSync(
      path.join(root, 'requests', oddName),
      'team: shipping\nowner: shipping-oncall@example.com\nqueues:\n  "q\\uFFFF<&>]]>": {}\n',
    );
    const { status, suite } = await junitReport(root);
    expect(status).toBe(1);
    const shown = 'requests/odd\\u{1}\\u{1b}\\u{fffe}\\u{ffff}<&>"\'x.yaml';
    const odd = childrenNamed(suite, 'testcase').find((testcase) => testcase.attributes['file'] === shown);
    expect(odd?.attributes).toEqual({ classname: shown, name: shown, file: shown });
    const messages = childrenNamed(odd as XmlElement, 'failure').map(
      (failure) => failure.attributes['message'],
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`team-file-location ${shown} is not a place of any team`),
        expect.stringContaining('schema-pattern name "q\\u{ffff}<&>]]>"'),
      ]),
    );
    expect(
      childrenNamed(odd as XmlElement, 'failure')
        .map((failure) => failure.text)
        .join('\n'),
    ).toContain('name "q\\u{ffff}<&>]]>" must match');

    // JSON holds every one of them: the Code Quality report keeps the path as it is.
    const findings = await gitlabReport(root);
    expect(findings.map((finding) => finding.location.path)).toContain(`requests/${oddName}`);
  });

  it('keeps whitespace in attributes, escapes unpaired surrogates and gives diagnostics without a file a case', () => {
    const diagnostic: Diagnostic = {
      code: 'yaml-syntax',
      severity: 'error',
      message: 'tab\there, line\nbreak, return\r, nul \u0000, lone \ud800 and \udfff, pair \u{1f600}, \ufffe',
      hint: 'fix <it> & "rerun"',
      file: 'requests/orders.yaml',
      line: 2,
      column: 4,
      path: [],
    };
    const warning: Diagnostic = { ...diagnostic, severity: 'warning', file: '' };
    const suite = childrenNamed(
      parseXml(formatJunit([diagnostic, warning], ['eventbus.config.yaml', 'requests/orders.yaml'])),
      'testsuite',
    )[0] as XmlElement;
    const cases = childrenNamed(suite, 'testcase');
    expect(cases.map((testcase) => testcase.attributes['name'])).toEqual([
      'eventbus.config.yaml',
      'requests/orders.yaml',
      '(no file)',
    ]);
    expect(suite.attributes).toEqual(expect.objectContaining({ tests: '3', failures: '1' }));
    const expected =
      'tab\there, line\nbreak, return\r, nul \\u{0}, lone \\u{d800} and \\u{dfff}, pair \u{1f600}, \\u{fffe}';
    const failure = childrenNamed(cases[1] as XmlElement, 'failure')[0] as XmlElement;
    expect(failure.attributes['message']).toBe(`yaml-syntax ${expected}`);
    expect(failure.text).toBe(`requests/orders.yaml:2:4 yaml-syntax ${expected}\n  hint: fix <it> & "rerun"`);
    const noFile = cases[2] as XmlElement;
    expect(noFile.attributes).toEqual({ classname: '(no file)', name: '(no file)' });
    expect(childrenNamed(noFile, 'system-out')[0]?.text).toBe(
      `:2:4 warning yaml-syntax ${expected}\n  hint: fix <it> & "rerun"`,
    );
  });
});

describe('the strict XML reader these tests use', () => {
  it.each([
    ['a control character', '<a>\u0001</a>'],
    ['an unpaired surrogate', '<a>\ud800</a>'],
    ['U+FFFF', '<a b="\uffff"/>'],
    ['a bare ampersand', '<a>&</a>'],
    ['a raw "<" in an attribute', '<a b="<"/>'],
    ['"]]>" in text', '<a>]]></a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['a mismatched tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
  ])('refuses %s', (_, document) => {
    expect(() => parseXml(document)).toThrow();
  });

  it('reads references, attributes and nesting', () => {
    expect(
      parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&#9;&lt;&quot;"><b/>t&amp;&#x1F600;</a>\n'),
    ).toEqual({
      name: 'a',
      attributes: { x: '\t<"' },
      children: [{ name: 'b', attributes: {}, children: [], text: '' }],
      text: 't&\u{1f600}',
    });
  });
});
