import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';
import { PRINCIPAL_ARN } from './principals';

/**
 * A principal of an environment's account is granted only in that environment. Listed on a
 * resource that does not exist there, it is granted nothing at all, which is worth knowing.
 */
export const principalOutsideEnvironments: Rule = {
  code: 'principal-outside-environments',
  severity: 'warning',
  summary:
    "A publisher or consumer of an environment's account is granted only in that environment; one whose environment the resource does not exist in is reported.",
  *check({ model }) {
    const accountOf = new Map(
      model.platform.environments.map((environment) => [environment.name, environment.account]),
    );
    const environmentOfAccount = new Map(
      model.platform.environments.map((environment) => [environment.account, environment.name]),
    );
    for (const team of model.teams) {
      const resources = [
        ...team.topics.map((topic) => ({
          resource: topic,
          field: 'publishers',
          principals: topic.publishers,
        })),
        ...team.queues.map((queue) => ({ resource: queue, field: 'consumers', principals: queue.consumers })),
      ];
      for (const { resource, field, principals } of resources) {
        for (const principal of principals) {
          const account = PRINCIPAL_ARN.exec(principal)?.[2];
          const home = account === undefined ? undefined : environmentOfAccount.get(account);
          if (home === undefined || resource.environments.includes(home)) continue;
          yield {
            ...at(resource.origin, [field]),
            message: `"${principal}" belongs to environment ${home}'s account, but "${formatKey(resource.key)}" exists only in ${resource.environments.join(', ')}: it is granted nothing`,
            hint: `name a role of ${resource.environments
              .flatMap((name) => {
                const account = accountOf.get(name);
                return account === undefined ? [] : [`${name}'s account ${account}`];
              })
              .join(' or ')} instead, or remove it`,
          };
        }
      }
    }
  },
};
