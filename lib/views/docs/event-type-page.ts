import type { EventTypeEntry } from './catalog';
import type { Links } from './links';
import { GENERATED_NOTICE, page, table, text } from '../markdown';
import { INDEX_PAGE } from './paths';
import { filterInWords, listOf } from './phrases';

/** An event type's page: the topics that carry it and every queue whose subscription can receive it. */
export function renderEventTypePage(entry: EventTypeEntry, links: Links): string {
  const undecided = entry.receivers.some(({ reception }) => reception === 'undecided');
  return page([
    `# Event type ${text(entry.eventType)}`,
    '',
    GENERATED_NOTICE,
    '',
    links.to(INDEX_PAGE, 'Catalog'),
    '',
    '**Carried by**',
    '',
    ...table(
      ['Topic', 'Team', 'Environments', 'Named by'],
      entry.topics.map((topic) => [
        links.resource('topic', topic.topic.key),
        links.team(topic.topic.key.team),
        listOf(topic.plans.map(({ environment }) => environment.name)),
        topic.topic.events ? 'the topic' : 'its subscriptions (the topic lists no event types)',
      ]),
      'No topic.',
    ),
    '',
    '**Received by**',
    '',
    ...table(
      ['Queue', 'Team', 'From topic', 'Environments', 'Receives', 'Filter'],
      entry.receivers.map(({ subscription, reception }) => [
        links.resource('queue', subscription.queue.key),
        links.team(subscription.queue.key.team),
        links.resource('topic', subscription.topic.key),
        listOf(subscription.environments),
        reception === 'receives' ? 'yes' : 'maybe',
        filterInWords(subscription),
      ]),
      'No queue receives it.',
    ),
    '',
    ...(undecided
      ? [
          'maybe: the filter reads the message body, and the platform config names no `eventTypeBodyField`, so where the body holds the event type is not known.',
        ]
      : []),
  ]);
}
