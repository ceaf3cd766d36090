import type { Diagnostic } from '../diagnostics';

/**
 * Diagnostics as CI logs and editors read them. Values from request files are echoed in
 * messages, so anything that could steer a terminal (escape sequences, fake newlines) is shown
 * as an escape instead.
 */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  for (const diagnostic of diagnostics) {
    lines.push(
      `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`,
    );
    if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  }
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  lines.push(
    errors === 0 && warnings === 0
      ? 'no problems'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  );
  return `${lines.map(neutralize).join('\n')}\n`;
}

export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const ok = !diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return `${JSON.stringify(
    {
      ok,
      diagnostics: diagnostics.map(({ severity, code, message, hint, file, line, column }) => ({
        severity,
        code,
        message,
        ...(hint === undefined ? {} : { hint }),
        file,
        line,
        column,
      })),
    },
    null,
    2,
  )}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// C0 and C1 controls, DEL, and the bidirectional and zero-width characters of Trojan-source.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function neutralize(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u{${character.codePointAt(0)?.toString(16)}}`);
}
