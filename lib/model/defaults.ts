import { Duration, Size } from '../units';

/**
 * Values a request inherits where neither it nor the platform config says otherwise. Applied
 * once, by the model builder; backends never fill in defaults of their own.
 */
export const BUILT_IN_DEFAULTS = {
  eventTypeAttribute: 'event_type',
  namingPattern: '{env}-{team}-{name}',
  stateKeyPrefix: 'eventbus',
  // Today's requests subscribe wherever they like; owner approval is the platform's opt-in.
  topicAccess: 'open',
  teamFiles: ['{team}.yaml', '{team}.yml', '{team}/**'],
  queue: {
    visibilityTimeout: Duration.seconds(30),
    retention: Duration.days(4),
    delay: Duration.seconds(0),
    // Consumers long-poll: fewer empty receives, lower cost.
    receiveWaitTime: Duration.seconds(20),
    maxMessageSize: Size.kibibytes(256),
  },
  deadLetter: {
    maxReceiveCount: 5,
    // The longest SQS allows, so a failed message waits for a person as long as possible.
    retention: Duration.days(14),
  },
  deliveryDeadLetter: {
    // Messages SNS could not deliver wait for a person as long as SQS allows.
    retention: Duration.days(14),
  },
  // AWS's own defaults, written out: topics unencrypted, queues on SSE-SQS.
  topicEncryption: 'none',
  queueEncryption: 'sqs-managed',
  subscription: {
    rawMessageDelivery: true,
    filterScope: 'MessageAttributes',
  },
} as const;
