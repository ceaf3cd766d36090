import { hasErrors, type Diagnostic } from '../diagnostics';
import { xmlAttribute, xmlText } from './xml';

const SUITE = 'eventbus validate';

/** The test case of diagnostics that name no file. */
const NO_FILE = '(no file)';

/**
 * The report for `validate --format junit`, as GitLab's unit test reports read it (GitLab docs,
 * "Unit test reports", https://docs.gitlab.com/ee/ci/testing/unit_test_reports.html): one test
 * case per file of the run, named by its path in both classname (which GitLab shows as the
 * suite) and name, so every name is unique (GitLab keeps only the first of equal names). A case
 * fails with one failure per error; its warnings are lines of its system-out. Files named only
 * by a diagnostic (a hidden file, a missing directory) get a case of their own after the others.
 */
export function formatJunit(diagnostics: readonly Diagnostic[], files: readonly string[]): string {
  const cases = new Map<string, Diagnostic[]>(files.map((file) => [file, []]));
  for (const diagnostic of diagnostics) {
    const name = diagnostic.file === '' ? NO_FILE : diagnostic.file;
    cases.set(name, [...(cases.get(name) ?? []), diagnostic]);
  }
  const testcases = [...cases.entries()].map(([name, found]) => testcase(name, found));
  // JUnit counts failed test cases, not failure elements: tests = passed + failures.
  const failures = [...cases.values()].filter(hasErrors).length;
  const counts = `tests="${cases.size}" failures="${failures}" errors="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts}>`,
    `  <testsuite name="${SUITE}" ${counts} skipped="0">`,
    ...testcases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(name: string, diagnostics: readonly Diagnostic[]): string {
  const file = name === NO_FILE ? '' : ` file="${xmlAttribute(name)}"`;
  const open = `    <testcase classname="${xmlAttribute(name)}" name="${xmlAttribute(name)}"${file}`;
  if (diagnostics.length === 0) return `${open}/>`;
  const failures = diagnostics
    .filter(isError)
    .map(
      (diagnostic) =>
        `      <failure message="${xmlAttribute(`${diagnostic.code} ${diagnostic.message}`)}" type="${xmlAttribute(diagnostic.code)}">${xmlText(describe(diagnostic, false))}</failure>`,
    );
  const warnings = diagnostics.filter((diagnostic) => !isError(diagnostic));
  const systemOut =
    warnings.length === 0
      ? []
      : [
          `      <system-out>${xmlText(warnings.map((diagnostic) => describe(diagnostic, true)).join('\n'))}</system-out>`,
        ];
  return [`${open}>`, ...failures, ...systemOut, '    </testcase>'].join('\n');
}

/** The text report's line and hint, the severity left out where the element already says it. */
function describe(diagnostic: Diagnostic, withSeverity: boolean): string {
  const { file, line, column, severity, code, message, hint } = diagnostic;
  const text = `${file}:${line}:${column} ${withSeverity ? `${severity} ` : ''}${code} ${message}`;
  return hint === undefined ? text : `${text}\n  hint: ${hint}`;
}

function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}
