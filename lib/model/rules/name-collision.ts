import type { Rule } from './rule';
import { at } from './rule';
import { generatedNames, type GeneratedName } from './generated-names';

/**
 * Names are unique per account and region in each service. Two requests can still produce the
 * same name: team "a-b" queue "c" and team "a" queue "b-c", or queue "x-dlq" and the dead-letter
 * queue of queue "x".
 */
export const nameCollision: Rule = {
  code: 'name-collision',
  severity: 'error',
  summary: 'No two resources get the same AWS name in one account and region.',
  *check(context) {
    const first = new Map<string, GeneratedName>();
    const reported = new Set<string>();
    for (const generated of generatedNames(context)) {
      const { environment } = generated;
      const key = `${generated.service}:${environment.account}:${environment.region}:${generated.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, generated);
        continue;
      }
      // Once per pair of definitions, not again for their dead-letter queues or other environments.
      const pair = [generated.origin, earlier.origin]
        .map((origin) => `${origin.file}#${origin.path.join('/')}`)
        .join('|');
      if (reported.has(pair)) continue;
      reported.add(pair);
      const sameResource = generated.describes === earlier.describes;
      yield {
        ...at(generated.origin, [], 'key'),
        message: sameResource
          ? `${generated.describes} would be named "${generated.name}" in environments ${earlier.environment.name} and ${environment.name}, which share account ${environment.account} and ${environment.region}`
          : `${generated.describes} and ${earlier.describes} (${earlier.origin.file}) would both be named "${generated.name}" in account ${environment.account}, ${environment.region}`,
        hint: sameResource ? "include {env} in the platform config's naming.pattern" : 'rename one of them',
      };
    }
  },
};
