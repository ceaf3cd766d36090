/**
 * Terraform resource names. They derive from the team's resource names alone (the stack already
 * fixes environment and team), so moving a definition to another request file, or reordering
 * files, never changes an address. Names contain no "_", so "_" joins them unambiguously.
 */
export const addresses = {
  topic: (topic: string) => `topic_${topic}`,
  topicPolicy: (topic: string) => `topic_${topic}_policy`,
  topicKey: (topic: string) => `topic_${topic}_key`,
  queueKey: (queue: string) => `queue_${queue}_key`,
  queue: (queue: string) => `queue_${queue}`,
  queuePolicy: (queue: string) => `queue_${queue}_policy`,
  deadLetterQueue: (queue: string) => `queue_${queue}_dlq`,
  deadLetterQueuePolicy: (queue: string) => `queue_${queue}_dlq_policy`,
  deadLetterRedriveAllow: (queue: string) => `queue_${queue}_dlq_redrive_allow`,
  deliveryDeadLetterQueue: (queue: string, fifo: boolean) => `queue_${queue}_sns_dlq${fifo ? '_fifo' : ''}`,
  deliveryDeadLetterQueuePolicy: (queue: string, fifo: boolean) =>
    `queue_${queue}_sns_dlq${fifo ? '_fifo' : ''}_policy`,
  subscription: (queue: string, topicTeam: string, topic: string) =>
    `subscription_${queue}_${topicTeam}_${topic}`,
} as const;
