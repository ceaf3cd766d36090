import { compareStrings } from '../diagnostics';
import { formatKey } from './keys';
import {
  DEAD_LETTER_SUFFIX,
  DELIVERY_DEAD_LETTER_SUFFIX,
  accountOfArn,
  keyAlias,
  physicalName,
  snsTopicArn,
  sqsQueueArn,
  stackName,
} from './naming';
import { queueEncryptionOf, topicEncryptionOf, type EncryptionPlan } from './encryption';

export type { EncryptionPlan, KeyPlan } from './encryption';
import { queuePolicy, topicPolicy, type PolicyDocument } from './policies';
import type { Duration } from '../units';
import { BUILT_IN_DEFAULTS } from './defaults';
import type {
  DeadLetterSettings,
  Environment,
  EventBusModel,
  Queue,
  Subscription,
  Team,
  Topic,
} from './types';

/**
 * A team's resources in an environment form two stacks, deployed in layers: its topics, then its
 * queues with their subscriptions. Subscription stacks depend only on topic stacks, so the
 * dependency graph has no cycles even when teams subscribe to each other's topics, and a fresh
 * environment deploys in one pass: every topic stack, then every queue stack.
 */
export type StackLayer = 'topics' | 'queues';

/**
 * What one stack (an environment, a team and a layer) deploys, with every AWS name, ARN and
 * policy decided. Both backends render exactly this; neither decides names or grants of its own.
 */
export interface StackPlan {
  /** `<environment>.<team>.<layer>`: unique, and the name of the stack's output folder. */
  readonly name: string;
  readonly layer: StackLayer;
  readonly environment: Environment;
  readonly team: Team;
  /** Tags every resource of the stack carries. */
  readonly tags: Readonly<Record<string, string>>;
  readonly topics: readonly TopicPlan[];
  readonly queues: readonly QueuePlan[];
  /** Topic stacks whose topics this stack subscribes to, by name, sorted. Empty for topic stacks. */
  readonly dependsOn: readonly string[];
}

export interface TopicPlan {
  readonly topic: Topic;
  readonly name: string;
  readonly arn: string;
  /** The topic's publishers granted in this environment (none of another environment's account). */
  readonly publishers: readonly string[];
  readonly policy: PolicyDocument;
  readonly encryption: EncryptionPlan;
  /** The request file that defines it, relative to the requests directory. */
  readonly requestFile: string;
}

export interface QueuePlan {
  readonly queue: Queue;
  readonly name: string;
  readonly arn: string;
  /** The queue's consumers granted in this environment (none of another environment's account). */
  readonly consumers: readonly string[];
  readonly policy: PolicyDocument;
  /** Applies to the queue, its dead-letter queue and its delivery dead-letter queues alike. */
  readonly encryption: EncryptionPlan;
  readonly requestFile: string;
  readonly deadLetter?: DeadLetterQueuePlan;
  /** Queues for messages SNS could not deliver: one per topic kind (standard, FIFO) subscribed. */
  readonly deliveryDeadLetters: readonly DeliveryDeadLetterPlan[];
  readonly subscriptions: readonly SubscriptionPlan[];
}

export interface DeadLetterQueuePlan {
  readonly settings: DeadLetterSettings;
  readonly name: string;
  readonly arn: string;
  readonly policy: PolicyDocument;
}

export interface DeliveryDeadLetterPlan {
  /** SNS requires a FIFO dead-letter queue for subscriptions to a FIFO topic. */
  readonly fifo: boolean;
  /** Undelivered messages wait for a person as long as SQS allows. */
  readonly retention: Duration;
  readonly name: string;
  readonly arn: string;
  readonly policy: PolicyDocument;
}

export interface SubscriptionPlan {
  readonly subscription: Subscription;
  readonly topicArn: string;
  readonly topicFifo: boolean;
  /** Where SNS puts messages it cannot deliver to the queue. */
  readonly deliveryDeadLetterArn: string;
}

/**
 * Plans every stack of a valid model, in name order. Stacks with no topic or queue are left out; a
 * stack whose entries are all retired is kept, so its state is emptied by `removed` blocks instead
 * of being orphaned with the resources still in it.
 */
export function planStacks(model: EventBusModel, onlyEnvironment?: string): StackPlan[] {
  return [...planEachStack(model, onlyEnvironment)].sort((a, b) => compareStrings(a.name, b.name));
}

/**
 * The stacks {@link planStacks} plans, one at a time in the model's order: environments, then
 * teams, a team's topic stack before its queue stack. Nothing holds a stack once it is handed on.
 */
export function* planEachStack(model: EventBusModel, onlyEnvironment?: string): Generator<StackPlan> {
  const topics = new Map<string, Topic>();
  for (const team of model.teams) for (const topic of team.topics) topics.set(formatKey(topic.key), topic);

  for (const environment of model.platform.environments) {
    if (onlyEnvironment !== undefined && environment.name !== onlyEnvironment) continue;
    // Each topic's ARN is needed by its own stack and by every subscriber's: worked out once.
    const topicArns = new Map<Topic, string>();
    for (const team of model.teams) {
      const { topicStack, queueStack } = planTeam(model, environment, team, topics, topicArns);
      if (topicStack.topics.length > 0) yield topicStack;
      if (queueStack.queues.length > 0) yield queueStack;
    }
  }
}

/** The plans of one environment, as `planStacks(model, environment)` makes them; all without one. */
export function stacksOfEnvironment(plans: readonly StackPlan[], environment?: string): StackPlan[] {
  return plans.filter((plan) => environment === undefined || plan.environment.name === environment);
}

function planTeam(
  model: EventBusModel,
  environment: Environment,
  team: Team,
  topics: ReadonlyMap<string, Topic>,
  topicArns: Map<Topic, string>,
): { topicStack: StackPlan; queueStack: StackPlan } {
  const { platform } = model;
  const inEnvironment = <T extends { environments: readonly string[] }>(resource: T): boolean =>
    resource.environments.includes(environment.name);
  const topicArnOf = (topic: Topic): string => {
    const known = topicArns.get(topic);
    if (known !== undefined) return known;
    const arn = snsTopicArn(environment, physicalName(platform, environment, topic.key, topic.fifo));
    topicArns.set(topic, arn);
    return arn;
  };

  const grantedHere = principalsGrantedIn(environment, platform.environments);
  const topicPlans = team.topics.filter(inEnvironment).map((topic): TopicPlan => {
    const arn = topicArnOf(topic);
    const name = physicalName(platform, environment, topic.key, topic.fifo);
    const publishers = grantedHere(topic.publishers);
    return {
      topic,
      name,
      arn,
      publishers,
      policy: topicPolicy(arn, publishers),
      encryption: topicEncryption(topic, environment, name, publishers),
      requestFile: tagValue(topic.origin.relativePath),
    };
  });

  const dependsOn = new Set<string>();
  const queuePlans = team.queues.filter(inEnvironment).map((queue): QueuePlan => {
    const name = physicalName(platform, environment, queue.key, queue.fifo);
    const arn = sqsQueueArn(environment, name);
    const consumers = grantedHere(queue.consumers);
    const subscribed = queue.subscriptions.map((subscription) => {
      const topic = topics.get(formatKey(subscription.topic)) as Topic;
      // A retired queue's subscriptions are forgotten, not created: they need no topic stack.
      if (!queue.retired) dependsOn.add(stackName(environment.name, topic.key.team, 'topics'));
      return { subscription, topic, arn: topicArnOf(topic) };
    });
    const deliveryDeadLetters = [false, true]
      .filter((fifo) => subscribed.some(({ topic }) => topic.fifo === fifo))
      .map((fifo): DeliveryDeadLetterPlan => {
        const deadLetterName = physicalName(
          platform,
          environment,
          queue.key,
          fifo,
          DELIVERY_DEAD_LETTER_SUFFIX,
        );
        const deadLetterArn = sqsQueueArn(environment, deadLetterName);
        const sources = unique(
          subscribed.filter(({ topic }) => topic.fifo === fifo).map(({ arn: topicArn }) => topicArn),
        );
        return {
          fifo,
          name: deadLetterName,
          arn: deadLetterArn,
          retention: BUILT_IN_DEFAULTS.deliveryDeadLetter.retention,
          policy: queuePolicy(deadLetterArn, sources, consumers),
        };
      });
    const deliveringTopicArns = unique(subscribed.map(({ arn: topicArn }) => topicArn));
    const deadLetter =
      queue.deadLetter &&
      planDeadLetter(queue.deadLetter, consumers, (suffix) => {
        const deadLetterName = physicalName(platform, environment, queue.key, queue.fifo, suffix);
        return { name: deadLetterName, arn: sqsQueueArn(environment, deadLetterName) };
      });
    return {
      queue,
      name,
      arn,
      consumers,
      policy: queuePolicy(arn, deliveringTopicArns, consumers),
      encryption: queueEncryption(queue, environment, name, deliveringTopicArns, consumers),
      requestFile: tagValue(queue.origin.relativePath),
      ...(deadLetter ? { deadLetter } : {}),
      deliveryDeadLetters,
      subscriptions: subscribed.map(({ subscription, topic, arn: topicArn }) => ({
        subscription,
        topicArn,
        topicFifo: topic.fifo,
        deliveryDeadLetterArn: (
          deliveryDeadLetters.find((plan) => plan.fifo === topic.fifo) as DeliveryDeadLetterPlan
        ).arn,
      })),
    };
  });

  const common = {
    environment,
    team,
    tags: {
      ...platform.tags,
      team: team.name,
      owner: team.owner,
      environment: environment.name,
      'managed-by': 'eventbus-infra',
    },
  };
  return {
    topicStack: {
      ...common,
      name: stackName(environment.name, team.name, 'topics'),
      layer: 'topics',
      topics: topicPlans,
      queues: [],
      dependsOn: [],
    },
    queueStack: {
      ...common,
      name: stackName(environment.name, team.name, 'queues'),
      layer: 'queues',
      topics: [],
      queues: queuePlans,
      dependsOn: [...dependsOn].sort(compareStrings),
    },
  };
}

function planDeadLetter(
  settings: DeadLetterSettings,
  consumers: readonly string[],
  nameFor: (suffix: string) => { name: string; arn: string },
): DeadLetterQueuePlan {
  const { name, arn } = nameFor(DEAD_LETTER_SUFFIX);
  // Consumers may read their own failures; nothing else writes here but SQS's redrive.
  return { settings, name, arn, policy: queuePolicy(arn, [], consumers) };
}

/**
 * A request lists its principals once for all environments, but a role of one environment's
 * account is granted nothing in another environment: dev roles never reach prod. Principals of
 * accounts outside the bus (allowedPrincipalAccounts) are granted wherever the resource exists.
 */
function principalsGrantedIn(
  environment: Environment,
  environments: readonly Environment[],
): (principals: readonly string[]) => string[] {
  const otherAccounts = new Set(
    environments.map((other) => other.account).filter((account) => account !== environment.account),
  );
  return (principals) => principals.filter((principal) => !otherAccounts.has(accountOfArn(principal) ?? ''));
}

function topicEncryption(
  topic: Topic,
  environment: Environment,
  name: string,
  publishers: readonly string[],
): EncryptionPlan {
  const key = {
    alias: keyAlias('sns', name),
    description: `Encrypts messages of topic ${formatKey(topic.key)} in ${environment.name}`,
    environment,
  };
  return topicEncryptionOf(topic.encryption, key, publishers);
}

function queueEncryption(
  queue: Queue,
  environment: Environment,
  name: string,
  deliveringTopicArns: readonly string[],
  consumers: readonly string[],
): EncryptionPlan {
  const key = {
    alias: keyAlias('sqs', name),
    description: `Encrypts messages of queue ${formatKey(queue.key)} and its dead-letter queues in ${environment.name}`,
    environment,
  };
  return queueEncryptionOf(queue.encryption, key, deliveringTopicArns, consumers);
}

/**
 * Tag values allow letters, digits, spaces and `_ . : / = + - @` (AWS Tagging API, "Tag naming
 * limits"); a file name with anything else still gets a tag that AWS accepts.
 */
function tagValue(text: string): string {
  // Nearly every file name is plain ASCII that needs no replacing, which is quicker to see.
  if (/^[\w .:/=+@-]*$/.test(text)) return text.slice(0, 256);
  return text.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, '_').slice(0, 256);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}
