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
    addresses.subscriptionNamed(queue, `${topicTeam}/${topic}`),
  /** A subscription by its logical name, whose "/" joins a team and a topic: "orders/order-events". */
  subscriptionNamed: (queue: string, subscription: string) =>
    `subscription_${queue}_${subscription.replace('/', '_')}`,
  /** Outputs: what `terraform output` shows the teams, e.g. `queue_shipments_url`. */
  output: (resource: string, attribute: 'arn' | 'url') => `${resource}_${attribute}`,
} as const;

/** A resource address as `removed` blocks name it: `<type>.<name>`. */
type ResourceAddress = `${string}.${string}`;

/**
 * Every address a topic entry can have rendered: its topic, policy, key and the key's alias.
 * A retired topic forgets them all, so Terraform forgets it whatever its encryption was.
 */
export function topicAddresses(topic: string): ResourceAddress[] {
  return [
    `aws_sns_topic.${addresses.topic(topic)}`,
    `aws_sns_topic_policy.${addresses.topicPolicy(topic)}`,
    `aws_kms_key.${addresses.topicKey(topic)}`,
    `aws_kms_alias.${addresses.topicKey(topic)}_alias`,
  ];
}

/**
 * Every address a queue entry can have rendered, whatever its dead-letter, encryption and FIFO
 * settings were when it was last applied (a `removed` block for an address Terraform does not
 * hold is a no-op), plus the subscriptions it lists.
 */
export function queueAddresses(
  queue: string,
  subscriptions: readonly { readonly team: string; readonly name: string }[],
): ResourceAddress[] {
  return [
    `aws_sqs_queue.${addresses.queue(queue)}`,
    `aws_sqs_queue_policy.${addresses.queuePolicy(queue)}`,
    `aws_sqs_queue.${addresses.deadLetterQueue(queue)}`,
    `aws_sqs_queue_policy.${addresses.deadLetterQueuePolicy(queue)}`,
    `aws_sqs_queue_redrive_allow_policy.${addresses.deadLetterRedriveAllow(queue)}`,
    ...[false, true].flatMap((fifo): ResourceAddress[] => [
      `aws_sqs_queue.${addresses.deliveryDeadLetterQueue(queue, fifo)}`,
      `aws_sqs_queue_policy.${addresses.deliveryDeadLetterQueuePolicy(queue, fifo)}`,
    ]),
    `aws_kms_key.${addresses.queueKey(queue)}`,
    `aws_kms_alias.${addresses.queueKey(queue)}_alias`,
    ...subscriptions.map(
      (topic): ResourceAddress =>
        `aws_sns_topic_subscription.${addresses.subscription(queue, topic.team, topic.name)}`,
    ),
  ];
}
