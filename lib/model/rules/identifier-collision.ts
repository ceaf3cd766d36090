import { alphanumericName } from '../naming';
import type { Origin } from '../types';
import type { Rule } from './rule';
import { at } from './rule';

/**
 * CloudFormation identifiers allow letters and digits only, so names that differ in hyphens alone
 * can meet there: topics or queues "index-1" and "index1" of one team, or environment "a-b" with
 * team "c" and environment "a" with team "b-c" as stack names. Reported here, with a position,
 * rather than when a backend refuses them.
 */
export const identifierCollision: Rule = {
  code: 'identifier-collision',
  severity: 'error',
  summary:
    'Names still differ once reduced to letters and digits (CloudFormation ids): resources within a team, and environment-team pairs.',
  source: 'AWS CloudFormation User Guide, "Resources" (logical IDs are alphanumeric)',
  *check({ model }) {
    for (const team of model.teams) {
      for (const [kind, resources] of [
        ['topic', team.topics],
        ['queue', team.queues],
      ] as const) {
        const seen = new Map<string, { name: string; origin: Origin }>();
        for (const resource of resources) {
          const identifier = alphanumericName(resource.key.name);
          const earlier = seen.get(identifier);
          if (!earlier) {
            seen.set(identifier, { name: resource.key.name, origin: resource.origin });
          } else if (earlier.name !== resource.key.name) {
            yield {
              ...at(resource.origin, [], 'key'),
              message: `${kind} "${resource.key.name}" and ${kind} "${earlier.name}" of team "${team.name}" both read "${identifier}" in CloudFormation, which allows letters and digits only`,
              hint: 'rename one of them so the names differ in more than hyphens',
            };
          }
        }
      }
    }
    const stacks = new Map<string, { environment: string; team: string }>();
    for (const environment of model.platform.environments) {
      for (const team of model.teams) {
        if (!team.environments.includes(environment.name)) continue;
        const stack = `${environment.name}-${team.name}`;
        const earlier = stacks.get(stack);
        if (!earlier) {
          stacks.set(stack, { environment: environment.name, team: team.name });
          continue;
        }
        yield {
          ...at(team.origin, ['team']),
          message: `environment "${environment.name}" with team "${team.name}" and environment "${earlier.environment}" with team "${earlier.team}" both make the CloudFormation stack name "${stack}-..."`,
          hint: 'rename the team (or ask the infrastructure team to rename the environment)',
        };
      }
    }
  },
};
