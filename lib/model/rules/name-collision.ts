import type { StackPlan } from '../plan';
import type { Finding, PlanRule } from './rule';
import { at } from './rule';
import { describePlannedName, plannedNames, type PlannedName } from './planned-names';
import type { Environment } from '../types';

/**
 * Names are unique per account and region in each service. Two requests can still produce the
 * same name: team "a-b" queue "c" and team "a" queue "b-c", or queue "x-dlq" and the dead-letter
 * queue of queue "x".
 */
export const nameCollision: PlanRule = {
  code: 'name-collision',
  severity: 'error',
  summary: 'No two resources get the same AWS name in one account and region.',
  start() {
    const namesIn = namesPerScope();
    const reported = new Set<string>();
    return { stack: (plan) => collisionsIn(plan, namesIn, reported) };
  },
};

/** The names of the stack that an earlier stack or definition already took in its scope. */
function* collisionsIn(
  plan: StackPlan,
  namesIn: ReturnType<typeof namesPerScope>,
  reported: Set<string>,
): Iterable<Finding> {
  for (const planned of plannedNames(plan)) {
    const { environment } = planned;
    const names = namesIn(planned.service, environment);
    const earlier = names.get(planned.name);
    if (!earlier) {
      names.set(planned.name, planned);
      continue;
    }
    // Once per pair of definitions, not again for their dead-letter queues or other environments.
    const pair = [planned.origin, earlier.origin]
      .map((origin) => `${origin.file}#${origin.path.join('/')}`)
      .join('|');
    if (reported.has(pair)) continue;
    reported.add(pair);
    const [described, earlierDescribed] = [planned, earlier].map(describePlannedName) as [string, string];
    const sameResource = described === earlierDescribed;
    yield {
      ...at(planned.origin, [], 'key'),
      message: sameResource
        ? `${described} would be named "${planned.name}" in environments ${earlier.environment.name} and ${environment.name}, which share account ${environment.account} and ${environment.region}`
        : `${described} and ${earlierDescribed} (${earlier.origin.file}) would both be named "${planned.name}" in account ${environment.account}, ${environment.region}`,
      hint: sameResource ? "include {env} in the platform config's naming.pattern" : 'rename one of them',
    };
  }
}

/**
 * The names taken so far in each service, account and region: environments that share an account
 * and region share one map, looked up once per environment rather than keyed per name.
 */
function namesPerScope(): (
  service: PlannedName['service'],
  environment: Environment,
) => Map<string, PlannedName> {
  const scopes = new Map<string, Map<string, PlannedName>>();
  const ofEnvironment = new Map<Environment, Record<PlannedName['service'], Map<string, PlannedName>>>();
  const scope = (key: string): Map<string, PlannedName> => {
    const known = scopes.get(key);
    if (known) return known;
    const created = new Map<string, PlannedName>();
    scopes.set(key, created);
    return created;
  };
  return (service, environment) => {
    let maps = ofEnvironment.get(environment);
    if (maps === undefined) {
      const place = `${environment.account}:${environment.region}`;
      maps = { sns: scope(`sns:${place}`), sqs: scope(`sqs:${place}`) };
      ofEnvironment.set(environment, maps);
    }
    return maps[service];
  };
}
