import type { Catalog } from './catalog';
import { subscriptionsIn } from './environment-page';
import type { Links } from './links';
import { GENERATED_NOTICE, page, table, text } from '../markdown';

/** The catalog's front page: counts, then the environments, teams and event types, each linked. */
export function renderIndexPage(catalog: Catalog, links: Links): string {
  const topics = catalog.teams.flatMap((team) => team.topics);
  const queues = catalog.teams.flatMap((team) => team.queues);
  const subscriptions = topics.flatMap((topic) => topic.subscriptions);
  const inEnvironment = (plans: readonly { environment: { name: string } }[], environment: string): boolean =>
    plans.some((plan) => plan.environment.name === environment);
  return page([
    '# Event bus catalog',
    '',
    GENERATED_NOTICE,
    '',
    [
      count(catalog.teams.length, 'team'),
      count(topics.length, 'topic'),
      count(queues.length, 'queue'),
      count(subscriptions.length, 'subscription'),
      count(catalog.eventTypes.length, 'event type'),
      count(catalog.environments.length, 'environment'),
    ].join(', ') + '.',
    '',
    '## Environments',
    '',
    ...table(
      ['Environment', 'Account', 'Region', 'Topics', 'Queues', 'Subscriptions'],
      catalog.environments.map((environment) => [
        links.environment(environment.name),
        text(environment.account),
        text(environment.region),
        String(topics.filter((topic) => inEnvironment(topic.plans, environment.name)).length),
        String(queues.filter((queue) => inEnvironment(queue.plans, environment.name)).length),
        String(subscriptionsIn(catalog, environment.name).length),
      ]),
      'None.',
    ),
    '',
    '## Teams',
    '',
    ...table(
      ['Team', 'Owner', 'Topics', 'Queues'],
      catalog.teams.map((entry) => [
        links.team(entry.team.name),
        text(entry.team.owner),
        String(entry.topics.length),
        String(entry.queues.length),
      ]),
      'None.',
    ),
    '',
    '## Event types',
    '',
    ...table(
      ['Event type', 'Topics', 'Queues that receive it', 'Queues that may'],
      catalog.eventTypes.map((entry) => [
        links.eventType(entry.eventType),
        String(entry.topics.length),
        String(entry.receivers.filter(({ reception }) => reception === 'receives').length),
        String(entry.receivers.filter(({ reception }) => reception === 'undecided').length),
      ]),
      'No topic lists event types, and no subscription selects any.',
    ),
  ]);
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}
