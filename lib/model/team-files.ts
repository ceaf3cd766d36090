import { REQUEST_FILE } from '../request';

/**
 * Where a team's request files may live: patterns relative to the requests directory in which
 * `{team}` stands for the team's name, `*` for any characters within one path segment and `**`
 * for any number of segments. These are the glob forms GitLab's CODEOWNERS understands, so the
 * layout that `validate` enforces is the one that `codeowners` hands to each team's approvers.
 */
export const TEAM_PLACEHOLDER = '{team}';

const TEAM_NAME = '[a-z][a-z0-9-]{1,29}';

/** Whether a file at `relativePath` (forward slashes) may speak for `team`. */
export function isTeamFile(patterns: readonly string[], team: string, relativePath: string): boolean {
  return patterns.some((pattern) => compile(pattern, escapeRegExp(team)).test(relativePath));
}

/** The team whose place `relativePath` is, if any pattern claims it. */
export function teamOfPlace(patterns: readonly string[], relativePath: string): string | undefined {
  for (const pattern of patterns) {
    const match = compile(pattern, `(${TEAM_NAME})`).exec(relativePath);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Where a new team's first file goes: the first pattern that names a YAML file once filled in.
 * A `*` takes the team's name (so `{team}/*.yaml` gives `<team>/<team>.yaml`), a final `**` or
 * `*` the file name `<team>.yaml`, and a `**` before the end no directory at all. Undefined when
 * no pattern names a file the loader reads (none ends in .yaml or .yml).
 */
export function newTeamFile(patterns: readonly string[], team: string): string | undefined {
  for (const pattern of patterns) {
    const segments = teamPattern(pattern, team).split('/');
    const concrete = segments.flatMap((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '**') return last ? [`${team}.yaml`] : [];
      const named = last && segment.endsWith('*') ? `${segment.slice(0, -1)}${team}.yaml` : segment;
      return [named.split('*').join(team)];
    });
    const candidate = concrete.join('/');
    const readable = REQUEST_FILE.test(candidate) && concrete.every((segment) => !segment.startsWith('.'));
    if (readable && isTeamFile(patterns, team, candidate)) return candidate;
  }
  return undefined;
}

/** A pattern with the team's name filled in. */
export function teamPattern(pattern: string, team: string): string {
  return pattern.split(TEAM_PLACEHOLDER).join(team);
}

function compile(pattern: string, team: string): RegExp {
  const segments = pattern.split('/');
  const source = segments
    .map((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '**') return last ? '.+' : '(?:[^/]+/)*';
      const literal = segment
        .split(TEAM_PLACEHOLDER)
        .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
        .join(team);
      return last ? literal : `${literal}/`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
