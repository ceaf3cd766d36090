import { alphanumericName } from '../model';

/**
 * CloudFormation logical ids. They derive from the team's resource names alone (the stack already
 * fixes environment and team), so moving a definition to another request file, or reordering
 * files, never changes an id and never makes CloudFormation replace a queue. Logical ids allow
 * only letters and digits, so two different names can still meet ("a-b" and "ab-" or "a-1" and
 * "a1"); each stack checks its ids are unique before it is synthesized.
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
    `Queue${pascalCase(queue)}Subscription${pascalCase(topicTeam)}${pascalCase(topic)}`,
} as const;
