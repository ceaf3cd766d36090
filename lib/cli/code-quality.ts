import { createHash } from 'node:crypto';
import type { Diagnostic, Severity } from '../diagnostics';

/**
 * GitLab's Code Quality report: a JSON array of findings, each with description, check_name,
 * fingerprint, severity (info, minor, major, critical or blocker), location.path relative to the
 * repository and location.lines.begin; the file must not start with a byte order mark (GitLab
 * docs, "Code Quality", https://docs.gitlab.com/ee/ci/testing/code_quality.html#implement-a-custom-tool).
 */
export interface CodeQualityFinding {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: CodeQualitySeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/**
 * An error fails `validate`, and with it the pipeline: the change cannot merge until it is
 * fixed, so critical. Blocker stays unused, as nothing one request entry does is worse than
 * that. A warning is worth a look but lets the change merge: minor. Informational findings
 * would be info; the record covers every severity we have, so adding one makes the compiler ask
 * for its level.
 */
const SEVERITY: Readonly<Record<Severity, CodeQualitySeverity>> = {
  error: 'critical',
  warning: 'minor',
};

/**
 * The report for `validate --format gitlab`. JSON.stringify escapes what JSON cannot hold raw,
 * so messages quoting arbitrary user strings stay valid JSON; no byte order mark is written.
 */
export function formatCodeQuality(diagnostics: readonly Diagnostic[]): string {
  const occurrences = new Map<string, number>();
  const findings = diagnostics.map((diagnostic): CodeQualityFinding => {
    const identity = JSON.stringify([diagnostic.code, diagnostic.file, diagnostic.path, diagnostic.message]);
    const occurrence = occurrences.get(identity) ?? 0;
    occurrences.set(identity, occurrence + 1);
    return {
      description:
        diagnostic.hint === undefined
          ? diagnostic.message
          : `${diagnostic.message} (hint: ${diagnostic.hint})`,
      check_name: diagnostic.code,
      fingerprint: fingerprint(identity, occurrence),
      severity: SEVERITY[diagnostic.severity],
      location: { path: diagnostic.file, lines: { begin: diagnostic.line } },
    };
  });
  return `${JSON.stringify(findings, null, 2)}\n`;
}

/**
 * GitLab shows findings with one fingerprint as one, and tells new findings from fixed ones by
 * comparing fingerprints with the target branch's report. So a fingerprint names what the
 * problem is and where in the document, never its line: an edit above it that shifts lines
 * keeps the finding the same one. Identical findings (the same message at the same place) are
 * told apart by their order, which line shifts do not change.
 */
function fingerprint(identity: string, occurrence: number): string {
  return createHash('sha256').update(`${identity}\n${occurrence}`, 'utf8').digest('hex');
}
