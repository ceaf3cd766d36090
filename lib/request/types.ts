import type { DocumentPath, SourcePosition } from '../diagnostics';
import type { FilterPolicyScope } from '../filter-policy/types';
import type { Duration, Size } from '../units';

/** A file that passed loading and its schema check, able to point at any of its nodes. */
export interface SourceFile {
  /** Path as shown to users: relative to the working directory. */
  readonly file: string;
  /** Path relative to the requests directory, with forward slashes; stable wherever the tree is checked out. */
  readonly relativePath: string;
  locate(path: DocumentPath, part?: 'key' | 'value'): SourcePosition;
}

export interface RequestFile extends SourceFile {
  readonly request: RequestInput;
}

export interface PlatformConfigFile extends SourceFile {
  readonly config: PlatformConfigInput;
}

/** A request file's content, as written, with durations and sizes already typed. */
export interface RequestInput {
  readonly team: string;
  readonly owner: string;
  /** GitLab users, groups or e-mail addresses that approve changes to the team's files. */
  readonly codeowners?: readonly string[];
  readonly environments?: readonly string[];
  readonly topics?: Readonly<Record<string, TopicInput>>;
  readonly queues?: Readonly<Record<string, QueueInput>>;
}

export interface TopicInput {
  readonly description?: string;
  readonly environments?: readonly string[];
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly events?: readonly string[];
  readonly publishers?: readonly string[];
  readonly subscribers?: 'all' | readonly string[];
  readonly externalSubscribers?: boolean;
  readonly encryption?: TopicEncryption;
  readonly retired?: boolean;
}

/** Who may subscribe to a topic that does not list its subscribers. */
export type TopicAccess = 'open' | 'owner-approved';

export type TopicEncryption = 'none' | 'aws-managed' | 'kms';
export type QueueEncryption = 'sqs-managed' | 'aws-managed' | 'kms';

export interface QueueInput {
  readonly environments?: readonly string[];
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly visibilityTimeout?: Duration;
  readonly retention?: Duration;
  readonly delay?: Duration;
  readonly receiveWaitTime?: Duration;
  readonly maxMessageSize?: Size;
  /** `false` opts out of the dead-letter queue. */
  readonly deadLetter?: false | DeadLetterInput;
  readonly consumers?: readonly string[];
  readonly subscriptions?: readonly SubscriptionInput[];
  readonly encryption?: QueueEncryption;
  readonly retired?: boolean;
}

export interface DeadLetterInput {
  readonly maxReceiveCount?: number;
  readonly retention?: Duration;
}

export interface SubscriptionInput {
  readonly topic: string;
  readonly events?: readonly string[];
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly filterScope?: FilterPolicyScope;
  readonly rawMessageDelivery?: boolean;
}

/** The platform config's content, as written, with durations and sizes already typed. */
export interface PlatformConfigInput {
  readonly environments: Readonly<Record<string, EnvironmentInput>>;
  readonly eventTypeAttribute?: string;
  readonly eventTypeBodyField?: string;
  readonly naming?: { readonly pattern?: string };
  readonly stateBackend?: StateBackendInput;
  readonly allowedPrincipalAccounts?: readonly string[];
  readonly topicAccess?: TopicAccess;
  readonly teamFiles?: readonly string[];
  readonly codeowners?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
  readonly defaults?: {
    readonly queue?: Omit<
      QueueInput,
      | 'environments'
      | 'fifo'
      | 'contentBasedDeduplication'
      | 'consumers'
      | 'subscriptions'
      | 'deadLetter'
      | 'encryption'
    > & {
      readonly deadLetter?: DeadLetterInput;
    };
    readonly subscription?: { readonly rawMessageDelivery?: boolean };
  };
}

export interface EnvironmentInput {
  readonly account: string;
  readonly region: string;
  readonly deployRole?: string;
  readonly endpoint?: string;
  readonly local?: boolean;
}

export interface StateBackendInput {
  readonly bucket: string;
  readonly keyPrefix?: string;
  readonly region: string;
  readonly useLockfile?: boolean;
  readonly encrypt?: boolean;
}
