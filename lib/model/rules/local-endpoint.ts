import type { Rule } from './rule';

/**
 * Accounts that local AWS emulators use by default: LocalStack's 000000000000 and moto's
 * 123456789012. Any other id could be a real account, whose stacks must never lose their
 * account guard and role by a stray endpoint.
 */
export const LOCAL_ACCOUNTS: readonly string[] = ['000000000000', '123456789012'];

export const localEndpoint: Rule = {
  code: 'local-endpoint',
  severity: 'error',
  summary:
    "An environment's endpoint (a local AWS) goes with an emulator's account (000000000000 or 123456789012), or with local: true.",
  *check({ config }) {
    for (const [name, environment] of Object.entries(config.config.environments)) {
      if (environment.endpoint === undefined || environment.local === true) continue;
      if (LOCAL_ACCOUNTS.includes(environment.account)) continue;
      yield {
        file: config.file,
        path: ['environments', name, 'endpoint'],
        message: `environment ${name} sends its stacks to ${environment.endpoint}, but account ${environment.account} could be a real one: its stacks would lose the account check and the deploy role`,
        hint: `use account ${LOCAL_ACCOUNTS.join(' or ')}, or add "local: true" if ${environment.account} is the emulator's`,
      };
    }
  },
};
