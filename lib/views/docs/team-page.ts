import type { EncryptionPlan, Queue, Topic } from '../../model';
import type { QueueEntry, TeamEntry, TopicEntry } from './catalog';
import type { Links } from './links';
import { fence, GENERATED_NOTICE, page, table, text } from '../markdown';
import { INDEX_PAGE, resourceHeading } from './paths';
import { filterInWords, listOf } from './phrases';

/**
 * A team's page: its owner, then each topic and queue with its settings, its AWS names per
 * environment, who may use it, and the subscriptions between them. The only headings are the
 * team's, `Topics`, `Queues` and one per resource, so resource anchors stay predictable.
 */
export function renderTeamPage(entry: TeamEntry, links: Links): string {
  const { team } = entry;
  return page([
    `# Team ${text(team.name)}`,
    '',
    GENERATED_NOTICE,
    '',
    links.to(INDEX_PAGE, 'Catalog'),
    '',
    ...table(['Owner', 'Environments'], [[text(team.owner), listOf(team.environments)]], ''),
    '',
    '## Topics',
    '',
    ...(entry.topics.length === 0 ? ['None.'] : entry.topics.flatMap((topic) => topicSection(topic, links))),
    '',
    '## Queues',
    '',
    ...(entry.queues.length === 0 ? ['None.'] : entry.queues.flatMap((queue) => queueSection(queue, links))),
  ]);
}

function topicSection(entry: TopicEntry, links: Links): string[] {
  const { topic } = entry;
  const settings: string[][] = [
    ...(topic.description === undefined ? [] : [['Description', text(topic.description)]]),
    ['FIFO', fifoWords(topic)],
    ['Encryption at rest', topicEncryptionWords(topic)],
    ['Event types', eventTypesWords(entry, links)],
    ['Who may subscribe', subscribersWords(topic, links)],
    [
      "Queues read from outside the environments' accounts",
      topic.externalSubscribers ? 'may subscribe' : 'may not subscribe',
    ],
    ...(topic.retired ? [['Retired', 'yes: Terraform forgets it, and AWS keeps it']] : []),
    ['Defined in', text(topic.origin.relativePath)],
  ];
  return [
    `### ${resourceHeading('topic', topic.key.name)}`,
    '',
    ...table(['Setting', 'Value'], settings, ''),
    '',
    '**In AWS**',
    '',
    ...table(
      ['Environment', 'Name', 'ARN', 'Encryption key'],
      entry.plans.map(({ environment, plan }) => [
        links.environment(environment.name),
        text(plan.name),
        text(plan.arn),
        keyWords(plan.encryption),
      ]),
      '',
    ),
    '',
    '**Publishers**',
    '',
    ...table(
      ['Environment', 'Principal'],
      entry.plans.flatMap(({ environment, plan }) =>
        plan.publishers.map((principal) => [links.environment(environment.name), text(principal)]),
      ),
      'No principal may publish in any environment.',
    ),
    '',
    '**Subscriptions**',
    '',
    ...table(
      ['Queue', 'Team', 'Environments', 'Filter'],
      entry.subscriptions.map((subscription) => [
        links.resource('queue', subscription.queue.key),
        links.team(subscription.queue.key.team),
        listOf(subscription.environments),
        filterInWords(subscription),
      ]),
      'No queue subscribes to it.',
    ),
    '',
  ];
}

function queueSection(entry: QueueEntry, links: Links): string[] {
  const { queue } = entry;
  const settings: string[][] = [
    ['FIFO', fifoWords(queue)],
    ['Visibility timeout', text(queue.visibilityTimeout.toString())],
    ['Message retention', text(queue.retention.toString())],
    ['Delivery delay', text(queue.delay.toString())],
    ['Receive wait time', text(queue.receiveWaitTime.toString())],
    ['Maximum message size', text(queue.maxMessageSize.toString())],
    ['Dead-letter queue', deadLetterWords(queue)],
    ['Encryption at rest', queueEncryptionWords(queue)],
    ...(queue.retired ? [['Retired', 'yes: Terraform forgets it, and AWS keeps it with its messages']] : []),
    ['Defined in', text(queue.origin.relativePath)],
  ];
  const filtered = entry.subscriptions.filter((subscription) => subscription.subscription.filterPolicy);
  return [
    `### ${resourceHeading('queue', queue.key.name)}`,
    '',
    ...table(['Setting', 'Value'], settings, ''),
    '',
    '**In AWS**',
    '',
    ...table(
      ['Environment', 'Name', 'ARN', 'Dead-letter queue', 'Undeliverable messages', 'Encryption key'],
      entry.plans.map(({ environment, plan }) => [
        links.environment(environment.name),
        text(plan.name),
        text(plan.arn),
        plan.deadLetter ? text(plan.deadLetter.name) : 'none',
        plan.deliveryDeadLetters.map((deadLetter) => text(deadLetter.name)).join(', ') || 'none',
        keyWords(plan.encryption),
      ]),
      '',
    ),
    '',
    '**Consumers**',
    '',
    ...table(
      ['Environment', 'Principal'],
      entry.plans.flatMap(({ environment, plan }) =>
        plan.consumers.map((principal) => [links.environment(environment.name), text(principal)]),
      ),
      'No principal may receive in any environment.',
    ),
    '',
    '**Subscriptions**',
    '',
    ...table(
      ['Topic', 'Team', 'Environments', 'Raw message delivery', 'Filter'],
      entry.subscriptions.map((subscription) => [
        links.resource('topic', subscription.topic.key),
        links.team(subscription.topic.key.team),
        listOf(subscription.environments),
        subscription.subscription.rawMessageDelivery ? 'yes' : 'no (SNS JSON envelope)',
        filterInWords(subscription),
      ]),
      'It subscribes to no topic.',
    ),
    '',
    ...filtered.flatMap((subscription) => [
      `Filter policy on ${links.resource('topic', subscription.topic.key)}, applied to the ${
        subscription.subscription.filterScope === 'MessageBody' ? 'message body' : 'message attributes'
      }:`,
      '',
      ...fence(JSON.stringify(subscription.subscription.filterPolicy, null, 2), 'json'),
      '',
    ]),
  ];
}

function fifoWords(resource: Topic | Queue): string {
  if (!resource.fifo) return 'no';
  return `yes, ${resource.contentBasedDeduplication ? 'with' : 'without'} content-based deduplication`;
}

function topicEncryptionWords(topic: Topic): string {
  switch (topic.encryption) {
    case 'none':
      return 'none';
    case 'aws-managed':
      return "SNS's AWS-managed key";
    case 'kms':
      return 'a customer-managed KMS key per environment, with automatic rotation';
  }
}

function queueEncryptionWords(queue: Queue): string {
  switch (queue.encryption) {
    case 'sqs-managed':
      return 'SSE-SQS (keys that SQS owns)';
    case 'aws-managed':
      return "SQS's AWS-managed key";
    case 'kms':
      return 'a customer-managed KMS key per environment, with automatic rotation, for the queue and its dead-letter queues';
  }
}

function keyWords(encryption: EncryptionPlan): string {
  switch (encryption.kind) {
    case 'none':
      return 'none';
    case 'sqs-managed':
      return 'owned by SQS';
    case 'aws-managed':
      return text(encryption.keyAlias);
    case 'kms':
      return text(encryption.key.alias);
  }
}

function deadLetterWords(queue: Queue): string {
  if (!queue.deadLetter) return 'none (the request opts out)';
  const { maxReceiveCount, retention } = queue.deadLetter;
  return `after ${maxReceiveCount} receive${maxReceiveCount === 1 ? '' : 's'} (maxReceiveCount); kept ${text(retention.toString())}`;
}

function eventTypesWords(entry: TopicEntry, links: Links): string {
  const listed = entry.eventTypes.map((eventType) => links.eventType(eventType)).join(', ');
  if (entry.topic.events) return listed || 'none';
  return listed ? `not listed by the topic; its subscriptions select ${listed}` : 'not listed';
}

function subscribersWords(topic: Topic, links: Links): string {
  const owner = `${links.team(topic.key.team)} (the owner)`;
  if (topic.subscribers === 'all') return 'every team';
  const others = topic.subscribers.filter((team) => team !== topic.key.team).map((team) => links.team(team));
  return [owner, ...others].join(', ');
}
