import { isTeamFile, teamOfPlace, teamPattern } from '../team-files';
import type { Rule } from './rule';

/**
 * A file speaks only for the team whose place it is in. Merge-request approval is the
 * authorization (CODEOWNERS gives each team's place to its approvers), so a file elsewhere
 * would let anyone add queues and topics to another team's stacks.
 */
export const teamFileLocation: Rule = {
  code: 'team-file-location',
  severity: 'error',
  summary:
    "A request file lives in its team's place: requests/<team>.yaml, requests/<team>.yml or under requests/<team>/ (the platform config's teamFiles may change this).",
  *check({ model, requests }) {
    const patterns = model.platform.teamFiles;
    for (const file of requests) {
      const { team } = file.request;
      if (isTeamFile(patterns, team, file.relativePath)) continue;
      const requestsDir = file.file.slice(0, file.file.length - file.relativePath.length);
      const places = patterns.map((pattern) => describePlace(requestsDir, teamPattern(pattern, team)));
      const owner = teamOfPlace(patterns, file.relativePath);
      yield {
        file: file.file,
        path: ['team'],
        message:
          owner === undefined
            ? `${file.file} is not a place of any team, so it may not speak for team "${team}"`
            : `${file.file} is team "${owner}"'s place, so it may not speak for team "${team}"`,
        hint: `move the file to ${places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} or ${places.at(-1)}`}`,
      };
    }
  },
};

function describePlace(requestsDir: string, pattern: string): string {
  return pattern.endsWith('/**')
    ? `anywhere under ${requestsDir}${pattern.slice(0, -2)}`
    : `${requestsDir}${pattern}`;
}
