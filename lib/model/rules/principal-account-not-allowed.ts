import type { Rule } from './rule';
import { at } from './rule';
import { PRINCIPAL_ARN, writtenPrincipals } from './principals';

/** Principals come from the bus's own accounts or from accounts the platform team has allowed. */
export const principalAccountNotAllowed: Rule = {
  code: 'principal-account-not-allowed',
  severity: 'error',
  summary:
    "A principal's account is an environment's account or listed in the platform config's allowedPrincipalAccounts.",
  *check(context) {
    const { platform } = context.model;
    const allowed = new Set([
      ...platform.environments.map((environment) => environment.account),
      ...platform.allowedPrincipalAccounts,
    ]);
    for (const { arn, origin } of writtenPrincipals(context)) {
      const account = PRINCIPAL_ARN.exec(arn)?.[2];
      if (account === undefined || allowed.has(account)) continue;
      yield {
        ...at(origin),
        message: `account ${account} of "${arn}" is not allowed to hold publishers or consumers`,
        hint: `name a role of an allowed account (${[...allowed].join(', ')}) instead, or ask the infrastructure team to add ${account} to allowedPrincipalAccounts in the platform config`,
      };
    }
  },
};
