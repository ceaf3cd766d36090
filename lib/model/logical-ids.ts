import { alphanumericName } from './naming';

/**
 * CloudFormation logical ids, decided here so that validation can see every id the
 * CloudFormation backend will write, suffixes included. They derive from the team's resource names alone (the stack already
 * fixes environment and team), so moving a definition to another request file, or reordering
 * files, never changes an id and never makes CloudFormation replace a queue. Logical ids allow
 * only letters and digits, so two different names can still meet ("a-b" and "ab-", "a-1" and
 * "a1", queue "x" beside queue "x-policy"): the identifier-collision rule reports them.
 */
const pascalCase = alphanumericName;

export const logicalIds = {
  topic: (topic: string) => `Topic${pascalCase(topic)}`,
  topicPolicy: (topic: string) => `Topic${pascalCase(topic)}Policy`,
  /** The key's alias takes this id with "Alias" appended. */
  topicKey: (topic: string) => `Topic${pascalCase(topic)}Key`,
  queueKey: (queue: string) => `Queue${pascalCase(queue)}Key`,
  queue: (queue: string) => `Queue${pascalCase(queue)}`,
  queuePolicy: (queue: string) => `Queue${pascalCase(queue)}Policy`,
  deadLetterQueue: (queue: string) => `Queue${pascalCase(queue)}DeadLetter`,
  deadLetterQueuePolicy: (queue: string) => `Queue${pascalCase(queue)}DeadLetterPolicy`,
  deliveryDeadLetterQueue: (queue: string, fifo: boolean) =>
    `Queue${pascalCase(queue)}DeliveryDeadLetter${fifo ? 'Fifo' : ''}`,
  deliveryDeadLetterQueuePolicy: (queue: string, fifo: boolean) =>
    `Queue${pascalCase(queue)}DeliveryDeadLetter${fifo ? 'Fifo' : ''}Policy`,
  subscription: (queue: string, topicTeam: string, topic: string) =>
    logicalIds.subscriptionNamed(queue, `${topicTeam}/${topic}`),
  /** A subscription by its logical name, whose "/" joins a team and a topic: "orders/order-events". */
  subscriptionNamed: (queue: string, subscription: string) =>
    `Queue${pascalCase(queue)}Subscription${subscription.split('/').map(pascalCase).join('')}`,
  /** A stack output of a resource's attribute, for the teams that use it. */
  output: (resourceId: string, attribute: 'Arn' | 'Url') => `${resourceId}${attribute}`,
} as const;

/** Every id a topic entry can render: the topic, its policy, its key and the key's alias. */
export function topicLogicalIds(topic: string): string[] {
  return [
    logicalIds.topic(topic),
    logicalIds.topicPolicy(topic),
    logicalIds.topicKey(topic),
    `${logicalIds.topicKey(topic)}Alias`,
    logicalIds.output(logicalIds.topic(topic), 'Arn'),
  ];
}

/** Every id a queue entry can render apart from its subscriptions, whatever its settings. */
export function queueLogicalIds(queue: string): string[] {
  return [
    logicalIds.queue(queue),
    logicalIds.queuePolicy(queue),
    logicalIds.queueKey(queue),
    `${logicalIds.queueKey(queue)}Alias`,
    logicalIds.deadLetterQueue(queue),
    logicalIds.deadLetterQueuePolicy(queue),
    ...[logicalIds.queue(queue), logicalIds.deadLetterQueue(queue)].flatMap((id) => [
      logicalIds.output(id, 'Url'),
      logicalIds.output(id, 'Arn'),
    ]),
    ...[false, true].flatMap((fifo) => [
      logicalIds.deliveryDeadLetterQueue(queue, fifo),
      logicalIds.deliveryDeadLetterQueuePolicy(queue, fifo),
    ]),
  ];
}
