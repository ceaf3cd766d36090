import type { Origin } from '../types';
import type { Rule } from './rule';
import { at } from './rule';

/** Topic and queue names are unique per team across all of the team's files. */
export const duplicateResource: Rule = {
  code: 'duplicate-resource',
  severity: 'error',
  summary: 'A team defines each topic and each queue name once, across all of its files.',
  *check({ model }) {
    for (const team of model.teams) {
      for (const [kind, resources] of [
        ['topic', team.topics],
        ['queue', team.queues],
      ] as const) {
        const seen = new Map<string, Origin>();
        for (const resource of resources) {
          const earlier = seen.get(resource.key.name);
          if (!earlier) {
            seen.set(resource.key.name, resource.origin);
            continue;
          }
          yield {
            ...at(resource.origin, [], 'key'),
            message: `${kind} "${team.name}/${resource.key.name}" is already defined in ${earlier.file}`,
            hint: `rename one of them or remove the duplicate ${kind}`,
          };
        }
      }
    }
  },
};
