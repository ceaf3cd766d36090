import type { DocumentPath } from '../diagnostics';
import type { FilterPolicyScope } from '../filter-policy/types';
import type { QueueEncryption, TopicAccess, TopicEncryption } from '../request/types';
import type { Duration, Size } from '../units';

export type { QueueEncryption, TopicAccess, TopicEncryption };

/**
 * The backend-neutral event bus: every reference resolved, every default applied. Backends and
 * views read it; they never see request files or apply defaults of their own.
 */
export interface EventBusModel {
  readonly platform: PlatformSettings;
  /** Teams in name order. */
  readonly teams: readonly Team[];
}

/** Where a definition was written, for diagnostics and the request-file tag. */
export interface Origin {
  /** Path shown to users (relative to the working directory). */
  readonly file: string;
  /** Path relative to the requests directory; stable wherever the tree is checked out. */
  readonly relativePath: string;
  /** Where in the file. */
  readonly path: DocumentPath;
}

/** A topic or queue: unique by team and name. */
export interface ResourceKey {
  readonly team: string;
  readonly name: string;
}

export interface Environment {
  readonly name: string;
  /** 12-digit AWS account id. */
  readonly account: string;
  readonly region: string;
  /** Role the Terraform provider assumes for this environment. @default the caller's credentials */
  readonly deployRole?: string;
  /**
   * A local AWS (LocalStack, moto) that serves every service of the environment, without a
   * trailing slash. @default AWS itself
   */
  readonly endpoint?: string;
  /** The account is a local AWS's even though its id is not a well-known local one. @default false */
  readonly local?: boolean;
}

export interface StateBackend {
  readonly bucket: string;
  /** State keys are `<keyPrefix>/<environment>/<team>.tfstate`. @default "eventbus" */
  readonly keyPrefix: string;
  readonly region: string;
  /** S3-native state locking (Terraform 1.10 and later). @default true */
  readonly useLockfile: boolean;
  /** @default true */
  readonly encrypt: boolean;
}

export interface PlatformSettings {
  /** Environments in name order. */
  readonly environments: readonly Environment[];
  /** Message attribute carrying the event type, which `events:` filters on. @default "event_type" */
  readonly eventTypeAttribute: string;
  /** Path of the event type in JSON message bodies; `events:` on body filters needs it. @default none */
  readonly eventTypeBodyPath?: readonly string[];
  /** AWS resource names, with `{env}`, `{team}` and `{name}`. @default "{env}-{team}-{name}" */
  readonly namingPattern: string;
  /** Terraform S3 state backend. @default local state */
  readonly stateBackend?: StateBackend;
  /** Accounts whose principals requests may name, besides the environments' accounts. */
  readonly allowedPrincipalAccounts: readonly string[];
  /** Who may subscribe to topics that do not list subscribers. @default "open" */
  readonly topicAccess: TopicAccess;
  /**
   * Where a team's request files live, relative to the requests directory, `{team}` standing for
   * the team's name. @default ["{team}.yaml", "{team}.yml", "{team}/**"]
   */
  readonly teamFiles: readonly string[];
  /** Approvers of the platform config, CODEOWNERS and files of teams that name none. @default none */
  readonly codeowners: readonly string[];
  /** Extra tags for every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface Team {
  readonly name: string;
  readonly owner: string;
  /** Approvers of the team's request files, in the order first written. @default none */
  readonly codeowners: readonly string[];
  /** Environments the team deploys to, in name order. */
  readonly environments: readonly string[];
  /** Topics in name order. */
  readonly topics: readonly Topic[];
  /** Queues in name order. */
  readonly queues: readonly Queue[];
  readonly origin: Origin;
}

export interface Topic {
  readonly key: ResourceKey;
  readonly description?: string;
  /** A subset of the team's environments, in name order. */
  readonly environments: readonly string[];
  /** @default false */
  readonly fifo: boolean;
  /** FIFO only. @default false */
  readonly contentBasedDeduplication: boolean;
  /** Event types the topic carries; absent when the request does not list them. */
  readonly events?: readonly string[];
  /** IAM principal ARNs allowed to publish, sorted. */
  readonly publishers: readonly string[];
  /**
   * Teams whose queues may subscribe besides the owner, sorted, or every team.
   * @default "all" under the platform's topicAccess "open", none under "owner-approved"
   */
  readonly subscribers: 'all' | readonly string[];
  /**
   * Queues whose consumers are in accounts outside the environments' own may subscribe.
   * @default false
   */
  readonly externalSubscribers: boolean;
  /**
   * At rest: none, SNS's AWS-managed key, or a customer-managed key made for this topic.
   * @default "none"
   */
  readonly encryption: TopicEncryption;
  /**
   * The topic leaves the bus but stays in AWS: Terraform forgets it instead of destroying it.
   * @default false
   */
  readonly retired: boolean;
  readonly origin: Origin;
}

export interface DeadLetterSettings {
  /** Receives before a message moves to the dead-letter queue, at least 1. @default 5 */
  readonly maxReceiveCount: number;
  /** 60 s to 14 days, not shorter than the source queue's. @default 14 days */
  readonly retention: Duration;
}

export interface Queue {
  readonly key: ResourceKey;
  /** A subset of the team's environments, in name order. */
  readonly environments: readonly string[];
  /** @default false */
  readonly fifo: boolean;
  /** FIFO only. @default false */
  readonly contentBasedDeduplication: boolean;
  /** 0 s to 12 h. @default 30 s */
  readonly visibilityTimeout: Duration;
  /** 60 s to 14 days. @default 4 days */
  readonly retention: Duration;
  /** 0 s to 15 min. @default 0 s */
  readonly delay: Duration;
  /** Long-polling wait, 0 s to 20 s. @default 20 s */
  readonly receiveWaitTime: Duration;
  /** 1 KiB to 1 MiB. @default 256 KiB */
  readonly maxMessageSize: Size;
  /** Absent when the request opted out. @default on, with the platform's settings */
  readonly deadLetter?: DeadLetterSettings;
  /** IAM principal ARNs allowed to receive and delete, sorted. */
  readonly consumers: readonly string[];
  /** In the order the request lists them. */
  readonly subscriptions: readonly Subscription[];
  /**
   * At rest, for the queue and its dead-letter queues: SSE-SQS, SQS's AWS-managed key, or a
   * customer-managed key made for this queue.
   * @default "sqs-managed"
   */
  readonly encryption: QueueEncryption;
  /**
   * The queue leaves the bus but stays in AWS with its messages, dead-letter queues,
   * subscriptions and key: Terraform forgets them instead of destroying them.
   * @default false
   */
  readonly retired: boolean;
  readonly origin: Origin;
}

export interface Subscription {
  readonly topic: ResourceKey;
  readonly queue: ResourceKey;
  /** Event types selected with `events:`, already part of `filterPolicy` (see `eventsFilterPath`). */
  readonly events?: readonly string[];
  /** The complete SNS filter policy: the request's filter and its `events:` combined. */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  /** @default "MessageAttributes" */
  readonly filterScope: FilterPolicyScope;
  /** @default true */
  readonly rawMessageDelivery: boolean;
  readonly origin: Origin;
}
