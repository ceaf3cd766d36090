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
      if (reported.has(key)) continue;
      reported.add(key);
      yield {
        ...at(generated.origin, [], 'key'),
        message: `${generated.describes} and ${earlier.describes} (${earlier.origin.file}) would both be named "${generated.name}" in account ${environment.account}, ${environment.region}`,
        hint: 'rename one of them',
      };
    }
  },
};
