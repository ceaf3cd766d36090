/**
 * Terraform reads every JSON string as a template: "${...}" and "%{...}" run at plan time on the
 * infrastructure team's runner. Requests reject both at load; user text is escaped here as well,
 * so that a gap in validation can never become code execution.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** JSON for a Terraform string attribute (policies, filter policies), with user text escaped. */
export function templateSafeJson(value: unknown): string {
  return escapeTemplate(JSON.stringify(value));
}

export function escapeTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).map(([key, value]) => [escapeTemplate(key), escapeTemplate(value)]),
  );
}
