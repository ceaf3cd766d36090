import { compareStrings } from '../../diagnostics';
import type { Environment } from '../../model';
import type { Catalog, SubscriptionEntry } from './catalog';
import type { Links } from './links';
import { fence, GENERATED_NOTICE, page, table, text } from '../markdown';
import { mermaidId, mermaidLabel } from './mermaid';
import { INDEX_PAGE } from './paths';
import { filterInWords } from './phrases';

/** An environment's page: a diagram of its topics and queues, then the same subscriptions as a table. */
export function renderEnvironmentPage(catalog: Catalog, environment: Environment, links: Links): string {
  const subscriptions = subscriptionsIn(catalog, environment.name);
  return page([
    `# Environment ${text(environment.name)}`,
    '',
    GENERATED_NOTICE,
    '',
    `${links.to(INDEX_PAGE, 'Catalog')}: account ${text(environment.account)}, region ${text(environment.region)}.`,
    '',
    'One arrow per subscription, from the topic to the queue, labelled with the event types it selects with `events` (or "filtered" for other filters). Dotted arrows belong to retired topics or queues.',
    '',
    ...fence(flowchart(catalog, environment.name, subscriptions), 'mermaid'),
    '',
    '**Subscriptions**',
    '',
    ...table(
      ['Topic', 'Queue', 'Filter'],
      subscriptions.map((subscription) => [
        links.resource('topic', subscription.topic.key),
        links.resource('queue', subscription.queue.key),
        filterInWords(subscription),
      ]),
      'None.',
    ),
  ]);
}

/** The subscriptions the environment's plans create, by topic then queue. */
export function subscriptionsIn(catalog: Catalog, environment: string): SubscriptionEntry[] {
  return catalog.teams
    .flatMap((team) => team.topics)
    .flatMap((topic) => topic.subscriptions)
    .filter((subscription) => subscription.environments.includes(environment));
}

/**
 * `flowchart LR` with one subgraph per team that has a topic or queue in the environment; topics
 * are stadium nodes, queues cylinders.
 */
function flowchart(
  catalog: Catalog,
  environment: string,
  subscriptions: readonly SubscriptionEntry[],
): string {
  const lines = ['flowchart LR'];
  for (const { team, topics, queues } of catalog.teams) {
    const topicsHere = topics.filter((entry) =>
      entry.plans.some((plan) => plan.environment.name === environment),
    );
    const queuesHere = queues.filter((entry) =>
      entry.plans.some((plan) => plan.environment.name === environment),
    );
    if (topicsHere.length + queuesHere.length === 0) continue;
    lines.push(`  subgraph ${mermaidId('team', team.name)} [${mermaidLabel(team.name)}]`);
    for (const { topic } of topicsHere) {
      const label = nodeLabel(topic.key.name, topic.fifo, topic.retired);
      lines.push(`    ${mermaidId('topic', topic.key.team, topic.key.name)}([${label}])`);
    }
    for (const { queue } of queuesHere) {
      const label = nodeLabel(queue.key.name, queue.fifo, queue.retired);
      lines.push(`    ${mermaidId('queue', queue.key.team, queue.key.name)}[(${label})]`);
    }
    lines.push('  end');
  }
  for (const entry of subscriptions) {
    const from = mermaidId('topic', entry.topic.key.team, entry.topic.key.name);
    const to = mermaidId('queue', entry.queue.key.team, entry.queue.key.name);
    const arrow = entry.topic.retired || entry.queue.retired ? '-.->' : '-->';
    const label = edgeLabel(entry);
    lines.push(`  ${from} ${arrow}${label === undefined ? '' : `|${mermaidLabel(label)}|`} ${to}`);
  }
  return lines.join('\n');
}

function nodeLabel(name: string, fifo: boolean, retired: boolean): string {
  const notes = [...(fifo ? ['FIFO'] : []), ...(retired ? ['retired'] : [])];
  return mermaidLabel(notes.length === 0 ? name : `${name} (${notes.join(', ')})`);
}

function edgeLabel(entry: SubscriptionEntry): string | undefined {
  const { events, filterPolicy } = entry.subscription;
  if (events) return [...events].sort(compareStrings).join(', ');
  return filterPolicy ? 'filtered' : undefined;
}
