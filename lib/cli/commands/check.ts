import { parseArgs } from 'node:util';
import { CheckInputError, checkTerraformOutput, type Finding } from '../../checks';
import { neutralize } from '../report';
import { EXIT, oneOf, UsageError, type Output } from '../usage';

/**
 * `eventbus check [--out DIR] [--format text|json]`: runs the Terraform rule pack over an
 * existing synth output. Exit 0 when no finding is an error (warnings allowed), 1 when one is,
 * 2 on a usage error, including an --out that holds no readable synth output: the checks did
 * not run, which CI must not confuse with "checked and failed".
 */
export function checkCommand(args: readonly string[], output: Output): number {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string', default: 'cdktf.out' }, format: { type: 'string', default: 'text' } },
    strict: true,
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const);
  const findings = runPack(values.out);
  output.stdout(format === 'json' ? formatFindingsJson(findings) : formatFindingsText(findings));
  return findings.some((finding) => finding.severity === 'error') ? EXIT.invalid : EXIT.ok;
}

function runPack(outdir: string): Finding[] {
  try {
    return checkTerraformOutput(outdir);
  } catch (error) {
    if (!(error instanceof CheckInputError)) throw error;
    throw new UsageError(
      `cannot check ${outdir}: ${error.message}; run "eventbus synth --out ${outdir}" first`,
    );
  }
}

/** One line per finding, `stack address severity id message`, then its fix; a count last. */
export function formatFindingsText(findings: readonly Finding[]): string {
  const lines = findings.flatMap((finding) => [
    `${finding.stack} ${finding.address} ${finding.severity} ${finding.ruleId} ${finding.message}`,
    `  fix: ${finding.fix}`,
  ]);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  lines.push(
    findings.length === 0 ? 'no findings' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  // Messages quote values from the output (names, policy text): no terminal escapes reach the log.
  return `${lines.map(neutralize).join('\n')}\n`;
}

export function formatFindingsJson(findings: readonly Finding[]): string {
  const ok = !findings.some((finding) => finding.severity === 'error');
  const entries = findings.map(({ stack, address, severity, ruleId, message, fix }) => ({
    stack,
    address,
    severity,
    ruleId,
    message,
    fix,
  }));
  return `${JSON.stringify({ ok, findings: entries }, null, 2)}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
