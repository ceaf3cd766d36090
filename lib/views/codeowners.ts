import type { EventBusModel } from '../model';
import { teamPattern } from '../model/team-files';

/** The GitLab CODEOWNERS section that `codeowners` writes; other sections of the file stay the user's. */
export const CODEOWNERS_SECTION = '[Event bus requests]';

export interface CodeownersPaths {
  /** The requests directory, relative to the repository root, forward slashes. */
  readonly requestsDir: string;
  /** The platform config, relative to the repository root. */
  readonly configFile: string;
  /** Where CODEOWNERS itself lives, relative to the repository root. @default "CODEOWNERS" */
  readonly codeownersFile?: string;
}

/** A GitLab owner: a user or group, or an e-mail address (GitLab docs, "Code Owners"). */
const OWNER =
  /^(@[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;

/**
 * Merge-request approval is the authorization for a change to the bus: each team's place under
 * the requests directory goes to the approvers its request names; everything else under it (a
 * team that is new, or that names none), the platform config and CODEOWNERS go to the
 * infrastructure team. GitLab uses the last pattern of a section that matches a path, so the
 * catch-all comes first.
 */
export function renderCodeowners(model: EventBusModel, paths: CodeownersPaths): string {
  const platformOwners = model.platform.codeowners.join(' ');
  const lines = [
    '# Written by `eventbus codeowners`: regenerate it when a team or its codeowners change.',
    CODEOWNERS_SECTION,
    `${rooted(paths.requestsDir, '')} ${platformOwners}`,
  ];
  for (const team of model.teams) {
    const owners =
      team.codeowners.length > 0 ? team.codeowners : [team.owner].filter((owner) => OWNER.test(owner));
    if (owners.length === 0) {
      lines.push(
        `# team ${team.name} names no codeowners, and its owner is no GitLab user: the default applies`,
      );
      continue;
    }
    for (const pattern of model.platform.teamFiles) {
      const place = gitlabPattern(teamPattern(pattern, team.name));
      lines.push(`${rooted(paths.requestsDir, place)} ${owners.join(' ')}`);
    }
  }
  lines.push(`${rooted(paths.configFile)} ${platformOwners}`);
  lines.push(`${rooted(paths.codeownersFile ?? 'CODEOWNERS')} ${platformOwners}`);
  return `${lines.join('\n')}\n`;
}

/** GitLab reads a path ending in "/" as the directory and everything under it. */
function gitlabPattern(pattern: string): string {
  return pattern.endsWith('/**') ? pattern.slice(0, -2) : pattern;
}

/** Joined and anchored at the repository root, with spaces and "#" escaped as CODEOWNERS requires. */
function rooted(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter((segment) => segment !== '.');
  const path = `/${segments.join('/')}`.replace(/\/{2,}/g, '/');
  return path.replace(/([ #])/g, '\\$1');
}

/** Whether `text` (a CODEOWNERS file) holds `section` exactly, as `renderCodeowners` wrote it. */
export function holdsSection(text: string, section: string): boolean {
  return text.replace(/\r\n/g, '\n').includes(section);
}
