import type { PlanRule } from './rule';
import { at } from './rule';
import { plannedNames, type PlannedName } from './planned-names';

/**
 * Names are unique per account and region in each service. Two requests can still produce the
 * same name: team "a-b" queue "c" and team "a" queue "b-c", or queue "x-dlq" and the dead-letter
 * queue of queue "x".
 */
export const nameCollision: PlanRule = {
  code: 'name-collision',
  severity: 'error',
  summary: 'No two resources get the same AWS name in one account and region.',
  *check(context) {
    const first = new Map<string, PlannedName>();
    const reported = new Set<string>();
    for (const planned of plannedNames(context)) {
      const { environment } = planned;
      const key = `${planned.service}:${environment.account}:${environment.region}:${planned.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, planned);
        continue;
      }
      // Once per pair of definitions, not again for their dead-letter queues or other environments.
      const pair = [planned.origin, earlier.origin]
        .map((origin) => `${origin.file}#${origin.path.join('/')}`)
        .join('|');
      if (reported.has(pair)) continue;
      reported.add(pair);
      const sameResource = planned.describes === earlier.describes;
      yield {
        ...at(planned.origin, [], 'key'),
        message: sameResource
          ? `${planned.describes} would be named "${planned.name}" in environments ${earlier.environment.name} and ${environment.name}, which share account ${environment.account} and ${environment.region}`
          : `${planned.describes} and ${earlier.describes} (${earlier.origin.file}) would both be named "${planned.name}" in account ${environment.account}, ${environment.region}`,
        hint: sameResource ? "include {env} in the platform config's naming.pattern" : 'rename one of them',
      };
    }
  },
};
