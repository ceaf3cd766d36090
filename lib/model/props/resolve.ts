import type { DocumentPath } from '../../diagnostics';
import { validateFilterPolicy } from '../../filter-policy/validate';
import type { FilterPolicyScope } from '../../filter-policy/types';
import type { Duration, Size } from '../../units';
import { BUILT_IN_DEFAULTS } from '../defaults';
import {
  DEAD_LETTER_SUFFIX,
  DELIVERY_DEAD_LETTER_SUFFIX,
  FIFO_SUFFIX,
  keyAlias,
  snsTopicArn,
  sqsQueueArn,
  suffixedName,
  type AwsEnvironment,
} from '../naming';
import { deadLetterRetentionProblem } from '../rules/dead-letter-retention-too-short';
import { awsNameProblem } from '../rules/name-too-long';
import { DEAD_LETTER_RANGES, QUEUE_RANGES, rangeProblems } from '../rules/out-of-range';
import { principalHint } from '../rules/invalid-principal';
import { PRINCIPAL_ARN } from '../rules/principals';
import type { QueueEncryption, TopicEncryption } from '../types';
import { assertNoProblems, type PropsProblem } from './errors';
import type { EventQueueProps, EventTopicProps, SubscribeOptions, TopicReference } from './types';

/** Letters, digits and "-": what both engines' identifiers can carry once "-" is mapped. */
const LOGICAL_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const SUBSCRIPTION_LOGICAL_NAME = /^[A-Za-z][A-Za-z0-9-]*(\/[A-Za-z][A-Za-z0-9-]*)?$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const TOPIC_ARN = /^arn:(aws|aws-cn|aws-us-gov):sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** An event topic's props with every default applied and every name and ARN decided. */
export interface ResolvedTopic {
  readonly name: string;
  readonly arn: string;
  readonly logicalName: string;
  readonly environment: AwsEnvironment;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly encryption: TopicEncryption;
  readonly keyAlias: string;
  readonly keyDescription: string;
  readonly publishers: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

export interface ResolvedDeadLetter {
  readonly name: string;
  readonly arn: string;
  readonly maxReceiveCount: number;
  readonly retention: Duration;
}

/** An event queue's props with every default applied and every name and ARN decided. */
export interface ResolvedQueue {
  readonly name: string;
  readonly arn: string;
  readonly logicalName: string;
  readonly environment: AwsEnvironment;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly visibilityTimeout: Duration;
  readonly retention: Duration;
  readonly delay: Duration;
  readonly receiveWaitTime: Duration;
  readonly maxMessageSize: Size;
  readonly deadLetter?: ResolvedDeadLetter;
  readonly encryption: QueueEncryption;
  readonly keyAlias: string;
  readonly keyDescription: string;
  readonly consumers: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** A subscription's settings with their defaults, checked against the queue and topic. */
export interface ResolvedSubscription {
  readonly topicArn: string;
  readonly topicFifo: boolean;
  readonly logicalName: string;
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  readonly filterPolicyScope: FilterPolicyScope;
  readonly rawMessageDelivery: boolean;
}

/** Validates a topic's props (throwing InvalidPropsError with every problem) and applies defaults. */
export function resolveTopicProps(props: EventTopicProps, constructId: string): ResolvedTopic {
  const logicalName = props.logicalName ?? constructId;
  const fifo = props.fifo ?? false;
  const contentBasedDeduplication = props.contentBasedDeduplication ?? false;
  const publishers = props.publishers ?? [];
  assertNoProblems(`topic "${props.name}"`, [
    ...identityProblems(props, logicalName),
    ...nameProblems('sns', 'topic', [['name', props.name]], fifo),
    ...deduplicationProblems('topic', fifo, contentBasedDeduplication),
    ...principalProblems('publishers', publishers),
  ]);
  return {
    name: props.name,
    arn: snsTopicArn(props.environment, props.name),
    logicalName,
    environment: props.environment,
    fifo,
    contentBasedDeduplication,
    encryption: props.encryption ?? BUILT_IN_DEFAULTS.topicEncryption,
    keyAlias: keyAlias('sns', props.name),
    keyDescription: props.keyDescription ?? `Encrypts messages of topic ${props.name}`,
    publishers: sortedUnique(publishers),
    tags: props.tags ?? {},
  };
}

/** Validates a queue's props (throwing InvalidPropsError with every problem) and applies defaults. */
export function resolveQueueProps(props: EventQueueProps, constructId: string): ResolvedQueue {
  const logicalName = props.logicalName ?? constructId;
  const fifo = props.fifo ?? false;
  const contentBasedDeduplication = props.contentBasedDeduplication ?? false;
  const defaults = BUILT_IN_DEFAULTS.queue;
  const settings = {
    visibilityTimeout: props.visibilityTimeout ?? defaults.visibilityTimeout,
    retention: props.retention ?? defaults.retention,
    delay: props.delay ?? defaults.delay,
    receiveWaitTime: props.receiveWaitTime ?? defaults.receiveWaitTime,
    maxMessageSize: props.maxMessageSize ?? defaults.maxMessageSize,
  };
  const deadLetterSettings = props.deadLetter === false ? undefined : (props.deadLetter ?? {});
  const deadLetterName = suffixedName(props.name, DEAD_LETTER_SUFFIX);
  const deadLetter = deadLetterSettings && {
    name: deadLetterName,
    arn: sqsQueueArn(props.environment, deadLetterName),
    maxReceiveCount: deadLetterSettings.maxReceiveCount ?? BUILT_IN_DEFAULTS.deadLetter.maxReceiveCount,
    retention: deadLetterSettings.retention ?? BUILT_IN_DEFAULTS.deadLetter.retention,
  };
  const consumers = props.consumers ?? [];
  assertNoProblems(`queue "${props.name}"`, [
    ...identityProblems(props, logicalName),
    ...nameProblems(
      'sqs',
      'queue',
      [
        ['name', props.name],
        ['name', suffixedName(props.name, DELIVERY_DEAD_LETTER_SUFFIX)],
        ...(deadLetter ? [['name', deadLetter.name] as const] : []),
      ],
      fifo,
    ),
    ...deduplicationProblems('queue', fifo, contentBasedDeduplication),
    ...asProblems([], rangeProblems(settings, QUEUE_RANGES)),
    ...(deadLetter ? asProblems(['deadLetter'], rangeProblems(deadLetter, DEAD_LETTER_RANGES)) : []),
    ...(deadLetter && !fifo ? retentionProblems(props.name, settings.retention, deadLetter.retention) : []),
    ...principalProblems('consumers', consumers),
  ]);
  return {
    name: props.name,
    arn: sqsQueueArn(props.environment, props.name),
    logicalName,
    environment: props.environment,
    fifo,
    contentBasedDeduplication,
    ...settings,
    ...(deadLetter ? { deadLetter } : {}),
    encryption: props.encryption ?? BUILT_IN_DEFAULTS.queueEncryption,
    keyAlias: keyAlias('sqs', props.name),
    keyDescription:
      props.keyDescription ?? `Encrypts messages of queue ${props.name} and its dead-letter queues`,
    consumers: sortedUnique(consumers),
    tags: props.tags ?? {},
  };
}

/** The queue that keeps what SNS could not deliver from topics of one kind. */
export function deliveryDeadLetterOf(queue: ResolvedQueue, fifo: boolean): { name: string; arn: string } {
  const base = queue.fifo ? queue.name.slice(0, -FIFO_SUFFIX.length) : queue.name;
  const name = `${base}${DELIVERY_DEAD_LETTER_SUFFIX}${fifo ? FIFO_SUFFIX : ''}`;
  return { name, arn: sqsQueueArn(queue.environment, name) };
}

/**
 * Checks a subscription of `queue` to `topic` (throwing InvalidPropsError with every problem)
 * and applies its defaults. `subscribed` are the topic ARNs the queue already subscribes to.
 */
export function resolveSubscription(
  queue: ResolvedQueue,
  topic: TopicReference,
  options: SubscribeOptions,
  subscribed: ReadonlySet<string>,
): ResolvedSubscription {
  const topicFifo = topic.fifo ?? topic.topicArn.endsWith(FIFO_SUFFIX);
  const logicalName = options.logicalName ?? topic.logicalName;
  const scope = options.filterPolicyScope ?? BUILT_IN_DEFAULTS.subscription.filterScope;
  const problems: PropsProblem[] = [];
  if (!TOPIC_ARN.test(topic.topicArn)) {
    problems.push({
      code: 'schema-pattern',
      path: ['topic'],
      message: `"${topic.topicArn}" is not an SNS topic ARN`,
      hint: 'subscribe to an EventTopic, or give the ARN of the topic: arn:<partition>:sns:<region>:<account>:<name>',
    });
  }
  if (!SUBSCRIPTION_LOGICAL_NAME.test(logicalName)) {
    problems.push(
      logicalNameProblem(logicalName, 'letters, digits and "-", with at most one "/" between two names'),
    );
  }
  // SNS developer guide, "Message ordering and deduplication (FIFO topics)": FIFO queues
  // subscribe only to FIFO topics.
  if (queue.fifo && !topicFifo) {
    problems.push({
      code: 'fifo-mismatch',
      path: ['topic'],
      message: `FIFO queue "${queue.name}" cannot subscribe to standard topic "${topic.topicArn}": SNS delivers to FIFO queues only from FIFO topics`,
      hint: 'subscribe a standard queue, or subscribe to a FIFO topic',
    });
  }
  // What a FIFO topic cannot deliver to a standard queue goes to a FIFO delivery dead-letter
  // queue, made with this subscription: its name is ".fifo" longer than the one the queue's props
  // were checked with, and SQS CreateQueue allows 80 characters.
  if (!queue.fifo && topicFifo) {
    const { name } = deliveryDeadLetterOf(queue, true);
    const problem = awsNameProblem('sqs', name);
    if (problem !== undefined) {
      problems.push({
        code: 'name-too-long',
        path: ['topic'],
        message: `the AWS name "${name}" of the queue's FIFO delivery dead-letter queue ${problem}`,
        hint: `shorten the queue's name: "${name}", named after it, must fit too`,
      });
    }
  }
  if (subscribed.has(topic.topicArn)) {
    problems.push({
      code: 'duplicate-subscription',
      path: ['topic'],
      message: `queue "${queue.name}" already subscribes to "${topic.topicArn}"`,
      hint: 'one subscription per topic: combine both filter policies into one (a key may list several values)',
    });
  }
  if (options.filterPolicy) {
    for (const problem of validateFilterPolicy(options.filterPolicy, scope)) {
      problems.push({
        code: problem.code,
        path: ['filterPolicy', ...problem.path],
        message: problem.message,
        ...(problem.hint === undefined ? {} : { hint: problem.hint }),
      });
    }
  }
  assertNoProblems(`subscription of queue "${queue.name}" to "${topic.topicArn}"`, problems);
  return {
    topicArn: topic.topicArn,
    topicFifo,
    logicalName,
    ...(options.filterPolicy ? { filterPolicy: options.filterPolicy } : {}),
    filterPolicyScope: scope,
    rawMessageDelivery: options.rawMessageDelivery ?? BUILT_IN_DEFAULTS.subscription.rawMessageDelivery,
  };
}

/** Checks one principal a grant names, throwing InvalidPropsError. */
export function assertPrincipal(subject: string, principalArn: string): void {
  assertNoProblems(subject, principalProblems('principal', [principalArn]));
}

function identityProblems(
  props: { readonly environment: AwsEnvironment },
  logicalName: string,
): PropsProblem[] {
  const problems: PropsProblem[] = [];
  if (!LOGICAL_NAME.test(logicalName))
    problems.push(logicalNameProblem(logicalName, 'letters, digits and "-"'));
  if (!ACCOUNT.test(props.environment.account)) {
    problems.push({
      code: 'schema-pattern',
      path: ['environment', 'account'],
      message: `"${props.environment.account}" is not an AWS account id`,
      hint: 'give the 12 digits of the account, as a string',
    });
  }
  if (!REGION.test(props.environment.region)) {
    problems.push({
      code: 'schema-pattern',
      path: ['environment', 'region'],
      message: `"${props.environment.region}" is not an AWS region`,
      hint: 'give a region code such as "eu-west-1"',
    });
  }
  return problems;
}

function logicalNameProblem(logicalName: string, allowed: string): PropsProblem {
  return {
    code: 'schema-pattern',
    path: ['logicalName'],
    message: `logicalName "${logicalName}" may hold only ${allowed}, starting with a letter`,
    hint: 'Terraform addresses and CloudFormation logical ids derive from it: keep it stable once applied',
  };
}

function nameProblems(
  service: 'sns' | 'sqs',
  kind: 'topic' | 'queue',
  names: readonly (readonly [string, string])[],
  fifo: boolean,
): PropsProblem[] {
  const problems: PropsProblem[] = [];
  const [, name] = names[0] as readonly [string, string];
  // SNS CreateTopic and SQS CreateQueue: a FIFO resource's name ends in ".fifo", no other's does.
  if (name.endsWith(FIFO_SUFFIX) !== fifo) {
    problems.push({
      code: 'fifo-mismatch',
      path: ['name'],
      message: fifo
        ? `a FIFO ${kind}'s name must end in ".fifo", but "${name}" does not`
        : `only FIFO ${kind}s have names ending in ".fifo", but "${name}" is not FIFO`,
      hint: fifo ? `name it "${name}${FIFO_SUFFIX}"` : 'set fifo: true, or drop ".fifo" from the name',
    });
  }
  for (const [field, candidate] of names) {
    const problem = awsNameProblem(service, candidate);
    if (problem === undefined) continue;
    problems.push({
      code: 'name-too-long',
      path: [field],
      message: `the AWS name "${candidate}" ${problem}`,
      hint:
        candidate === name
          ? `shorten the name; AWS allows letters, digits, "-" and "_"`
          : `shorten the name: "${candidate}", named after it, must fit too`,
    });
    break;
  }
  return problems;
}

function deduplicationProblems(
  kind: 'topic' | 'queue',
  fifo: boolean,
  contentBasedDeduplication: boolean,
): PropsProblem[] {
  if (!contentBasedDeduplication || fifo) return [];
  return [
    {
      code: 'content-deduplication-needs-fifo',
      path: ['contentBasedDeduplication'],
      message: `contentBasedDeduplication only applies to FIFO ${kind}s`,
      hint: `set fifo: true (which needs a name ending in ".fifo"), or remove contentBasedDeduplication`,
    },
  ];
}

function retentionProblems(
  name: string,
  queueRetention: Duration,
  deadLetterRetention: Duration,
): PropsProblem[] {
  const problem = deadLetterRetentionProblem(`"${name}"`, queueRetention, deadLetterRetention);
  return problem
    ? [{ code: 'dead-letter-retention-too-short', path: ['deadLetter', 'retention'], ...problem }]
    : [];
}

function principalProblems(field: string, principals: readonly string[]): PropsProblem[] {
  return principals
    .map((arn, index) => ({ arn, index }))
    .filter(({ arn }) => !PRINCIPAL_ARN.test(arn))
    .map(({ arn, index }) => ({
      code: 'invalid-principal' as const,
      path: field === 'principal' ? [] : [field, index],
      message: `"${arn}" is not an IAM role or user ARN`,
      hint: principalHint(arn),
    }));
}

function asProblems(
  path: DocumentPath,
  problems: Iterable<{ field: string; message: string; hint: string }>,
): PropsProblem[] {
  return [...problems].map(({ field, message, hint }) => ({
    code: 'out-of-range',
    path: [...path, field],
    message,
    hint,
  }));
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
