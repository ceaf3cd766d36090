import { compareStrings } from '../diagnostics';
import type {
  PlatformConfigFile,
  PlatformConfigInput,
  QueueInput,
  RequestFile,
  SubscriptionInput,
  TopicInput,
} from '../request';
import { BUILT_IN_DEFAULTS } from './defaults';
import { parseTopicReference } from './keys';
import type {
  DeadLetterSettings,
  EventBusModel,
  Origin,
  PlatformSettings,
  Queue,
  Subscription,
  Team,
  Topic,
} from './types';

/** One request file's claim about its team; files of one team must agree. */
export interface TeamDeclaration {
  readonly team: string;
  readonly owner: string;
  /** As written; absent means every environment. */
  readonly environments?: readonly string[];
  readonly origin: Origin;
}

/**
 * Builds the model from files that passed their schema. It resolves and defaults but judges
 * nothing: duplicates and dangling references are kept for the rules to report.
 */
export function buildModel(
  config: PlatformConfigFile,
  requests: readonly RequestFile[],
): { model: EventBusModel; declarations: TeamDeclaration[] } {
  const platform = buildPlatform(config.config);
  const allEnvironments = platform.environments.map((environment) => environment.name);
  const declarations: TeamDeclaration[] = [];
  const filesByTeam = new Map<string, RequestFile[]>();
  for (const file of requests) {
    const { team, owner, environments } = file.request;
    declarations.push({ team, owner, ...(environments ? { environments } : {}), origin: originOf(file, []) });
    filesByTeam.set(team, [...(filesByTeam.get(team) ?? []), file]);
  }

  const teams: Team[] = [...filesByTeam.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, files]) => {
      const first = files[0] as RequestFile;
      const teamEnvironments = sortedCopy(first.request.environments ?? allEnvironments);
      const topics: Topic[] = [];
      const queues: Queue[] = [];
      for (const file of files) {
        for (const [topicName, input] of Object.entries(file.request.topics ?? {})) {
          topics.push(
            buildTopic(
              name,
              topicName,
              input,
              teamEnvironments,
              platform,
              originOf(file, ['topics', topicName]),
            ),
          );
        }
        for (const [queueName, input] of Object.entries(file.request.queues ?? {})) {
          queues.push(buildQueue(name, queueName, input, teamEnvironments, platform, config.config, file));
        }
      }
      return {
        name,
        owner: first.request.owner,
        codeowners: [...new Set(files.flatMap((file) => file.request.codeowners ?? []))],
        environments: teamEnvironments,
        topics: topics.sort((a, b) => compareStrings(a.key.name, b.key.name)),
        queues: queues.sort((a, b) => compareStrings(a.key.name, b.key.name)),
        origin: originOf(first, []),
      };
    });
  return { model: { platform, teams }, declarations };
}

function buildPlatform(config: PlatformConfigInput): PlatformSettings {
  const backend = config.stateBackend;
  return {
    environments: Object.entries(config.environments)
      .map(([name, environment]) => ({
        name,
        ...environment,
        ...(environment.endpoint === undefined ? {} : { endpoint: environment.endpoint.replace(/\/$/, '') }),
      }))
      .sort((a, b) => compareStrings(a.name, b.name)),
    eventTypeAttribute: config.eventTypeAttribute ?? BUILT_IN_DEFAULTS.eventTypeAttribute,
    ...(config.eventTypeBodyField ? { eventTypeBodyPath: config.eventTypeBodyField.split('.') } : {}),
    namingPattern: config.naming?.pattern ?? BUILT_IN_DEFAULTS.namingPattern,
    ...(backend
      ? {
          stateBackend: {
            bucket: backend.bucket,
            region: backend.region,
            keyPrefix: backend.keyPrefix ?? BUILT_IN_DEFAULTS.stateKeyPrefix,
            useLockfile: backend.useLockfile ?? true,
            encrypt: backend.encrypt ?? true,
          },
        }
      : {}),
    allowedPrincipalAccounts: sortedCopy(config.allowedPrincipalAccounts ?? []),
    topicAccess: config.topicAccess ?? BUILT_IN_DEFAULTS.topicAccess,
    teamFiles: [...(config.teamFiles ?? BUILT_IN_DEFAULTS.teamFiles)],
    codeowners: [...(config.codeowners ?? [])],
    tags: config.tags ?? {},
  };
}

function buildTopic(
  team: string,
  name: string,
  input: TopicInput,
  teamEnvironments: readonly string[],
  platform: PlatformSettings,
  origin: Origin,
): Topic {
  return {
    key: { team, name },
    ...(input.description === undefined ? {} : { description: input.description }),
    environments: sortedCopy(input.environments ?? teamEnvironments),
    fifo: input.fifo ?? false,
    contentBasedDeduplication: input.contentBasedDeduplication ?? false,
    ...(input.events ? { events: [...input.events] } : {}),
    publishers: sortedCopy(input.publishers ?? []),
    subscribers: subscribersOf(input, platform),
    externalSubscribers: input.externalSubscribers ?? false,
    encryption: input.encryption ?? BUILT_IN_DEFAULTS.topicEncryption,
    retired: input.retired ?? false,
    origin,
  };
}

function subscribersOf(input: TopicInput, platform: PlatformSettings): Topic['subscribers'] {
  if (input.subscribers === 'all') return 'all';
  if (input.subscribers) return sortedCopy(input.subscribers);
  return platform.topicAccess === 'open' ? 'all' : [];
}

function buildQueue(
  team: string,
  name: string,
  input: QueueInput,
  teamEnvironments: readonly string[],
  platform: PlatformSettings,
  config: PlatformConfigInput,
  file: RequestFile,
): Queue {
  const defaults = config.defaults?.queue;
  const builtIn = BUILT_IN_DEFAULTS.queue;
  const deadLetter = buildDeadLetter(input.deadLetter, config);
  return {
    key: { team, name },
    environments: sortedCopy(input.environments ?? teamEnvironments),
    fifo: input.fifo ?? false,
    contentBasedDeduplication: input.contentBasedDeduplication ?? false,
    visibilityTimeout: input.visibilityTimeout ?? defaults?.visibilityTimeout ?? builtIn.visibilityTimeout,
    retention: input.retention ?? defaults?.retention ?? builtIn.retention,
    delay: input.delay ?? defaults?.delay ?? builtIn.delay,
    receiveWaitTime: input.receiveWaitTime ?? defaults?.receiveWaitTime ?? builtIn.receiveWaitTime,
    maxMessageSize: input.maxMessageSize ?? defaults?.maxMessageSize ?? builtIn.maxMessageSize,
    ...(deadLetter ? { deadLetter } : {}),
    consumers: sortedCopy(input.consumers ?? []),
    encryption: input.encryption ?? BUILT_IN_DEFAULTS.queueEncryption,
    retired: input.retired ?? false,
    subscriptions: (input.subscriptions ?? []).map((subscription, index) =>
      buildSubscription(
        team,
        name,
        subscription,
        platform,
        config,
        originOf(file, ['queues', name, 'subscriptions', index]),
      ),
    ),
    origin: originOf(file, ['queues', name]),
  };
}

function buildDeadLetter(
  input: QueueInput['deadLetter'],
  config: PlatformConfigInput,
): DeadLetterSettings | undefined {
  if (input === false) return undefined;
  const defaults = config.defaults?.queue?.deadLetter;
  return {
    maxReceiveCount:
      input?.maxReceiveCount ?? defaults?.maxReceiveCount ?? BUILT_IN_DEFAULTS.deadLetter.maxReceiveCount,
    retention: input?.retention ?? defaults?.retention ?? BUILT_IN_DEFAULTS.deadLetter.retention,
  };
}

function buildSubscription(
  team: string,
  queue: string,
  input: SubscriptionInput,
  platform: PlatformSettings,
  config: PlatformConfigInput,
  origin: Origin,
): Subscription {
  const filterScope = input.filterScope ?? BUILT_IN_DEFAULTS.subscription.filterScope;
  const filterPolicy = combineFilter(input, eventsFilterPath(platform, filterScope));
  return {
    topic: parseTopicReference(input.topic, team),
    queue: { team, name: queue },
    ...(input.events ? { events: [...input.events] } : {}),
    ...(filterPolicy ? { filterPolicy } : {}),
    filterScope,
    rawMessageDelivery:
      input.rawMessageDelivery ??
      config.defaults?.subscription?.rawMessageDelivery ??
      BUILT_IN_DEFAULTS.subscription.rawMessageDelivery,
    origin,
  };
}

/**
 * Where `events:` puts its condition: the event-type message attribute, or the platform's
 * event-type path in JSON bodies. Undefined when the platform says nothing of bodies.
 */
export function eventsFilterPath(
  platform: PlatformSettings,
  scope: Subscription['filterScope'],
): readonly string[] | undefined {
  return scope === 'MessageAttributes' ? [platform.eventTypeAttribute] : platform.eventTypeBodyPath;
}

/**
 * `events:` is one more condition, ANDed with the filter's own keys (SNS ANDs keys). Where it
 * cannot be added without changing what the filter says (no known path, or the filter already
 * constrains that path), the filter is left as written and the events-filter-conflict rule
 * reports it.
 */
function combineFilter(
  input: SubscriptionInput,
  path: readonly string[] | undefined,
): Readonly<Record<string, unknown>> | undefined {
  if (!input.events || !path) return input.filter;
  return withCondition(input.filter ?? {}, path, [...input.events]);
}

function withCondition(
  policy: Readonly<Record<string, unknown>>,
  path: readonly string[],
  values: unknown[],
): Readonly<Record<string, unknown>> {
  const [head, ...rest] = path as [string, ...string[]];
  const existing = Object.hasOwn(policy, head) ? policy[head] : undefined;
  if (rest.length === 0) return existing === undefined ? { [head]: values, ...policy } : policy;
  if (existing !== undefined && !isPlainObject(existing)) return policy;
  return { ...policy, [head]: withCondition((existing ?? {}) as Record<string, unknown>, rest, values) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function originOf(file: RequestFile, path: Origin['path']): Origin {
  return { file: file.file, relativePath: file.relativePath, path };
}

function sortedCopy(values: readonly string[]): string[] {
  return [...values].sort(compareStrings);
}
