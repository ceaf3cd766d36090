import type { Rule } from './rule';
import { at } from './rule';
import { didYouMean } from '../../request/suggest';

/** Environments come from the platform config; a topic or queue runs only where its team does. */
export const unknownEnvironment: Rule = {
  code: 'unknown-environment',
  severity: 'error',
  summary:
    "Every environment named is defined in the platform config, and a resource only uses its team's environments.",
  *check({ model, declarations }) {
    const known = model.platform.environments.map((environment) => environment.name);
    for (const declaration of declarations) {
      for (const [index, name] of (declaration.environments ?? []).entries()) {
        if (known.includes(name)) continue;
        const suggestion = didYouMean(name, known);
        yield {
          ...at(declaration.origin, ['environments', index]),
          message: `environment "${name}" is not defined in the platform config (known: ${known.join(', ')})`,
          hint: suggestion
            ? `did you mean "${suggestion}"?`
            : `use one of the platform config's environments (${known.join(', ')})`,
        };
      }
    }
    for (const team of model.teams) {
      for (const resource of [...team.topics, ...team.queues]) {
        for (const [index, name] of resource.environments.entries()) {
          if (team.environments.includes(name)) continue;
          yield {
            ...at(resource.origin, ['environments', index]),
            message: `environment "${name}" is not one of team "${team.name}"'s environments (${team.environments.join(', ')})`,
            hint: `${known.includes(name) ? `add "${name}" to the team's environments in every file of the team, or ` : ''}${
              resource.environments.length === 1
                ? `remove "environments" here to use the team's (${team.environments.join(', ')})`
                : 'remove it here'
            }`,
          };
        }
      }
    }
  },
};
