import type { Rule } from './rule';
import { at } from './rule';

/** A team may split its request over files, but the files must agree on who owns it and where it runs. */
export const teamDeclarationMismatch: Rule = {
  code: 'team-declaration-mismatch',
  severity: 'error',
  summary: 'Every file of a team names the same owner and the same environments.',
  *check({ declarations }) {
    const first = new Map<string, (typeof declarations)[number]>();
    for (const declaration of declarations) {
      const earlier = first.get(declaration.team);
      if (!earlier) {
        first.set(declaration.team, declaration);
        continue;
      }
      if (declaration.owner !== earlier.owner) {
        yield {
          ...at(declaration.origin, ['owner']),
          message: `team "${declaration.team}" has owner "${declaration.owner}" here but "${earlier.owner}" in ${earlier.origin.file}`,
          hint: `write owner "${earlier.owner}" here, as in ${earlier.origin.file} (every file of the team names the same owner)`,
        };
      }
      const written = (declaration.environments ?? []).join(',');
      const earlierWritten = (earlier.environments ?? []).join(',');
      if (written !== earlierWritten) {
        yield {
          ...at(declaration.origin, ['environments']),
          message: `team "${declaration.team}" lists environments [${written}] here but [${earlierWritten}] in ${earlier.origin.file}`,
          hint:
            earlierWritten === ''
              ? `remove "environments" here, as ${earlier.origin.file} has none, and set environments per topic and queue instead`
              : `write "environments: [${earlierWritten.split(',').join(', ')}]" here, as in ${earlier.origin.file} (every file of the team lists the same environments, or none does)`,
        };
      }
    }
  },
};
