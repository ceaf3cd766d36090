/**
 * Hand-made models for the CloudFormation tests: the same shapes `resolveModel` builds, with the
 * built-in defaults, so the tests exercise real `planStacks` output without request files.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { buildCloudFormationApp, type CloudFormationAppOptions } from '../../lib/cloudformation';
import { planStacks } from '../../lib/model';
import { BUILT_IN_DEFAULTS } from '../../lib/model/defaults';
import type {
  DeadLetterSettings,
  Environment,
  EventBusModel,
  Origin,
  PlatformSettings,
  Queue,
  QueueEncryption,
  StackPlan,
  Subscription,
  Team,
  Topic,
  TopicEncryption,
} from '../../lib/model';
import type { FilterPolicyScope } from '../../lib/filter-policy/types';
import { Duration, type Size } from '../../lib/units';

export const DEV: Environment = { name: 'dev', account: '111111111111', region: 'eu-west-1' };
export const PROD: Environment = { name: 'prod', account: '222222222222', region: 'eu-central-1' };

export function platform(overrides: Partial<PlatformSettings> = {}): PlatformSettings {
  return {
    environments: [DEV, PROD],
    eventTypeAttribute: BUILT_IN_DEFAULTS.eventTypeAttribute,
    namingPattern: BUILT_IN_DEFAULTS.namingPattern,
    allowedPrincipalAccounts: [],
    topicAccess: BUILT_IN_DEFAULTS.topicAccess,
    teamFiles: [...BUILT_IN_DEFAULTS.teamFiles],
    codeowners: [],
    tags: { 'cost-center': 'platform' },
    ...overrides,
  };
}

function origin(team: string, at: readonly (string | number)[]): Origin {
  return { file: `requests/${team}.yaml`, relativePath: `${team}.yaml`, path: at };
}

function splitKey(key: string): { team: string; name: string } {
  const [team, name] = key.split('/') as [string, string];
  return { team, name };
}

export interface TopicOptions {
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly publishers?: readonly string[];
  /** @default "none" */
  readonly encryption?: TopicEncryption;
  readonly environments?: readonly string[];
  /** @default false */
  readonly retired?: boolean;
  /** Request file relative to the requests directory. @default "<team>.yaml" */
  readonly requestFile?: string;
}

/** A topic "team/name" with the model's defaults. */
export function topic(key: string, options: TopicOptions = {}): Topic {
  const { team, name } = splitKey(key);
  return {
    key: { team, name },
    environments: options.environments ?? [DEV.name, PROD.name],
    fifo: options.fifo ?? false,
    contentBasedDeduplication: options.contentBasedDeduplication ?? false,
    publishers: [...(options.publishers ?? [])].sort(),
    subscribers: 'all',
    externalSubscribers: false,
    encryption: options.encryption ?? 'none',
    retired: options.retired ?? false,
    origin: { ...origin(team, ['topics', name]), relativePath: options.requestFile ?? `${team}.yaml` },
  };
}

export interface SubscriptionOptions {
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  readonly filterScope?: FilterPolicyScope;
  readonly rawMessageDelivery?: boolean;
}

export interface QueueOptions {
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly visibilityTimeout?: Duration;
  readonly retention?: Duration;
  readonly delay?: Duration;
  readonly receiveWaitTime?: Duration;
  readonly maxMessageSize?: Size;
  /** `false` opts out. @default the built-in dead-letter settings */
  readonly deadLetter?: DeadLetterSettings | false;
  readonly consumers?: readonly string[];
  /** @default "sqs-managed" */
  readonly encryption?: QueueEncryption;
  /** Topics subscribed to, "team/name", with their settings. */
  readonly subscriptions?: readonly (string | [string, SubscriptionOptions])[];
  readonly environments?: readonly string[];
  /** @default false */
  readonly retired?: boolean;
  /** Request file relative to the requests directory. @default "<team>.yaml" */
  readonly requestFile?: string;
}

/** A queue "team/name" with the model's defaults. */
export function queue(key: string, options: QueueOptions = {}): Queue {
  const { team, name } = splitKey(key);
  const defaults = BUILT_IN_DEFAULTS.queue;
  const deadLetter = options.deadLetter ?? { ...BUILT_IN_DEFAULTS.deadLetter };
  return {
    key: { team, name },
    environments: options.environments ?? [DEV.name, PROD.name],
    fifo: options.fifo ?? false,
    contentBasedDeduplication: options.contentBasedDeduplication ?? false,
    visibilityTimeout: options.visibilityTimeout ?? defaults.visibilityTimeout,
    retention: options.retention ?? defaults.retention,
    delay: options.delay ?? defaults.delay,
    receiveWaitTime: options.receiveWaitTime ?? defaults.receiveWaitTime,
    maxMessageSize: options.maxMessageSize ?? defaults.maxMessageSize,
    ...(deadLetter ? { deadLetter } : {}),
    consumers: [...(options.consumers ?? [])].sort(),
    encryption: options.encryption ?? 'sqs-managed',
    retired: options.retired ?? false,
    subscriptions: (options.subscriptions ?? []).map((entry, index) => {
      const [topicKey, settings] = typeof entry === 'string' ? [entry, {}] : entry;
      return subscription(team, name, topicKey, settings, index);
    }),
    origin: { ...origin(team, ['queues', name]), relativePath: options.requestFile ?? `${team}.yaml` },
  };
}

function subscription(
  team: string,
  queueName: string,
  topicKey: string,
  options: SubscriptionOptions,
  index: number,
): Subscription {
  return {
    topic: splitKey(topicKey),
    queue: { team, name: queueName },
    ...(options.filterPolicy ? { filterPolicy: options.filterPolicy } : {}),
    filterScope: options.filterScope ?? BUILT_IN_DEFAULTS.subscription.filterScope,
    rawMessageDelivery: options.rawMessageDelivery ?? BUILT_IN_DEFAULTS.subscription.rawMessageDelivery,
    origin: origin(team, ['queues', queueName, 'subscriptions', index]),
  };
}

export function team(name: string, contents: { topics?: readonly Topic[]; queues?: readonly Queue[] }): Team {
  const byName = <T extends { key: { name: string } }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (a.key.name < b.key.name ? -1 : a.key.name > b.key.name ? 1 : 0));
  return {
    name,
    owner: `${name}-team@example.com`,
    codeowners: [],
    environments: [DEV.name, PROD.name],
    topics: byName(contents.topics ?? []),
    queues: byName(contents.queues ?? []),
    origin: origin(name, []),
  };
}

export function busModel(teams: readonly Team[], settings: PlatformSettings = platform()): EventBusModel {
  return { platform: settings, teams: [...teams].sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/** Two teams whose queues subscribe to each other's topics: hand-combined plans of them form a cycle. */
export function mutuallySubscribedTeams(): EventBusModel {
  return busModel([
    team('orders', {
      topics: [topic('orders/order-placed')],
      queues: [queue('orders/refunds', { subscriptions: ['payments/refund-issued'] })],
    }),
    team('payments', {
      topics: [topic('payments/refund-issued')],
      queues: [queue('payments/requests', { subscriptions: ['orders/order-placed'] })],
    }),
  ]);
}

export const ORDERS_API = 'arn:aws:iam::111111111111:role/orders-api';
export const PAYMENTS_WORKER = 'arn:aws:iam::111111111111:role/payments-worker';
export const LEDGER_WORKER = 'arn:aws:iam::111111111111:role/ledger-worker';

/**
 * A small organisation: orders publishes a standard and a FIFO topic and audits its own topic;
 * payments subscribes to both, with an attribute filter and a body filter.
 */
export function exampleModel(): EventBusModel {
  return busModel([
    team('orders', {
      topics: [
        topic('orders/order-placed', { publishers: [ORDERS_API] }),
        topic('orders/order-ledger', {
          fifo: true,
          contentBasedDeduplication: true,
          publishers: [ORDERS_API],
        }),
      ],
      queues: [
        queue('orders/order-audit', {
          subscriptions: [['orders/order-placed', { rawMessageDelivery: false }]],
        }),
      ],
    }),
    team('payments', {
      queues: [
        queue('payments/payment-requests', {
          consumers: [PAYMENTS_WORKER],
          visibilityTimeout: Duration.minutes(5),
          retention: Duration.days(7),
          delay: Duration.seconds(10),
          subscriptions: [['orders/order-placed', { filterPolicy: { event_type: ['OrderPlaced'] } }]],
          requestFile: 'payments/requests.yaml',
        }),
        queue('payments/ledger', {
          fifo: true,
          contentBasedDeduplication: true,
          consumers: [LEDGER_WORKER, PAYMENTS_WORKER],
          deadLetter: { maxReceiveCount: 3, retention: BUILT_IN_DEFAULTS.deadLetter.retention },
          subscriptions: [
            [
              'orders/order-ledger',
              { filterPolicy: { detail: { amount: [{ numeric: ['>', 0] }] } }, filterScope: 'MessageBody' },
            ],
          ],
        }),
      ],
    }),
  ]);
}

export function examplePlans(environment = DEV.name): StackPlan[] {
  return planStacks(exampleModel(), environment);
}

/** The plan with this name, failing the test when `planStacks` made none. */
export function planNamed(plans: readonly StackPlan[], name: string): StackPlan {
  const plan = plans.find((candidate) => candidate.name === name);
  if (!plan) throw new Error(`no plan ${name}; have ${plans.map((other) => other.name).join(', ')}`);
  return plan;
}

/**
 * A team's two layers in one plan named `<env>.<team>`, depending on `dependsOn`: the shape plans
 * had before `planStacks` split them into layers. Only hand-made plans can put a topic and a
 * subscription to it in one stack, or make two stacks subscribe to each other; the backend must
 * still render the first and refuse the second.
 */
export function combinedPlan(
  plans: readonly StackPlan[],
  environment: string,
  teamName: string,
  dependsOn: readonly string[],
): StackPlan {
  const topics = plans.find((plan) => plan.name === `${environment}.${teamName}.topics`);
  const queues = plans.find((plan) => plan.name === `${environment}.${teamName}.queues`);
  const base = queues ?? topics;
  if (!base) throw new Error(`no plans for ${environment}.${teamName}`);
  return {
    ...base,
    name: `${environment}.${teamName}`,
    layer: 'queues',
    topics: topics?.topics ?? [],
    queues: queues?.queues ?? [],
    dependsOn,
  };
}

const outdirs: string[] = [];

/** A fresh directory for one app's cloud assembly; `removeTemporaryOutdirs` deletes them all. */
export function temporaryOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-cfn-'));
  outdirs.push(outdir);
  return outdir;
}

export function removeTemporaryOutdirs(): void {
  for (const outdir of outdirs.splice(0)) fs.rmSync(outdir, { recursive: true, force: true });
}

export function buildApp(plans: readonly StackPlan[], options: Partial<CloudFormationAppOptions> = {}): App {
  return buildCloudFormationApp(plans, { outdir: temporaryOutdir(), ...options });
}

export function stackOf(app: App, stackName: string): Stack {
  return app.node.findChild(stackName) as Stack;
}

export function templateOf(app: App, stackName: string): Template {
  return Template.fromStack(stackOf(app, stackName));
}

/** cdk-nag 3's AWS Solutions pack over the whole app, as `cdk synth` would run it. */
export function awsSolutionsFindings(app: App): PolicyValidationPluginReport['violations'] {
  return new AwsSolutionsChecks(app).validateScope(app).violations;
}
