import { compareStrings } from '../diagnostics';
import { accountOfArn, formatKey, type PolicyDocument, type PolicyStatement, type StackPlan } from '../model';

/** One "who can do what" line, read off a generated resource policy. */
export interface AccessEntry {
  readonly environment: string;
  readonly resource: {
    readonly kind: 'topic' | 'queue' | 'dead-letter queue' | 'delivery dead-letter queue';
    /** "team/name" of the topic or queue the resource belongs to. */
    readonly name: string;
    readonly arn: string;
  };
  /** An IAM principal ARN, or a service principal such as sns.amazonaws.com. */
  readonly principal: string;
  readonly actions: readonly string[];
  /** Conditions that narrow the grant, as written in the policy. */
  readonly conditions?: PolicyStatement['Condition'];
  /** The principal is in another account, which must allow the same actions itself. */
  readonly crossAccount: boolean;
}

export interface AccessQuery {
  /** "team/topic". */
  readonly topic?: string;
  /** "team/queue"; its dead-letter queues are included. */
  readonly queue?: string;
  readonly principal?: string;
  readonly environment?: string;
}

/**
 * Every Allow of every generated topic and queue policy, one entry per principal. Each policy
 * also denies every request without TLS; entries describe what is allowed over TLS.
 */
export function listAccess(plans: readonly StackPlan[], query: AccessQuery = {}): AccessEntry[] {
  const entries: AccessEntry[] = [];
  for (const plan of plans) {
    const environment = plan.environment.name;
    if (query.environment !== undefined && query.environment !== environment) continue;
    for (const topic of plan.topics) {
      const name = formatKey(topic.topic.key);
      if (query.queue !== undefined || (query.topic !== undefined && query.topic !== name)) continue;
      entries.push(...allowsOf(topic.policy, environment, { kind: 'topic', name, arn: topic.arn }));
    }
    for (const queue of plan.queues) {
      const name = formatKey(queue.queue.key);
      if (query.topic !== undefined || (query.queue !== undefined && query.queue !== name)) continue;
      entries.push(...allowsOf(queue.policy, environment, { kind: 'queue', name, arn: queue.arn }));
      if (queue.deadLetter) {
        entries.push(
          ...allowsOf(queue.deadLetter.policy, environment, {
            kind: 'dead-letter queue',
            name,
            arn: queue.deadLetter.arn,
          }),
        );
      }
      for (const delivery of queue.deliveryDeadLetters) {
        entries.push(
          ...allowsOf(delivery.policy, environment, {
            kind: 'delivery dead-letter queue',
            name,
            arn: delivery.arn,
          }),
        );
      }
    }
  }
  return entries
    .filter((entry) => query.principal === undefined || entry.principal === query.principal)
    .sort(
      (a, b) =>
        compareStrings(a.environment, b.environment) ||
        compareStrings(a.resource.arn, b.resource.arn) ||
        compareStrings(a.principal, b.principal),
    );
}

function allowsOf(
  policy: PolicyDocument,
  environment: string,
  resource: AccessEntry['resource'],
): AccessEntry[] {
  return policy.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) =>
    principalsOf(statement.Principal).map((principal) => ({
      environment,
      resource,
      principal,
      crossAccount:
        /^arn:[^:]+:iam::\d{12}:/.test(principal) && accountOfArn(principal) !== accountOfArn(resource.arn),
      actions: typeof statement.Action === 'string' ? [statement.Action] : [...statement.Action],
      ...(statement.Condition ? { conditions: statement.Condition } : {}),
    })),
  );
}

function principalsOf(principal: PolicyStatement['Principal']): string[] {
  if (principal === '*') return ['*'];
  const values = 'AWS' in principal ? principal.AWS : principal.Service;
  return typeof values === 'string' ? [values] : [...values];
}

/** A queue that receives a topic's events through a subscription, and who reads that queue. */
export interface ReceiverEntry {
  readonly environment: string;
  /** "team/name" of the topic. */
  readonly topic: string;
  readonly queue: { readonly name: string; readonly arn: string };
  /** Present when the subscription delivers only the events its filter selects. */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  readonly filterScope?: string;
  /** Principals allowed to receive from the queue, sorted. */
  readonly consumers: readonly string[];
}

/**
 * Who gets a topic's events: its publishers are in the topic policy, but its readers are the
 * queues subscribed to it, and the roles that consume those queues.
 */
export function listReceivers(
  plans: readonly StackPlan[],
  topic: string,
  environment?: string,
): ReceiverEntry[] {
  const receivers: ReceiverEntry[] = [];
  for (const plan of plans) {
    if (environment !== undefined && plan.environment.name !== environment) continue;
    for (const queue of plan.queues) {
      for (const { subscription } of queue.subscriptions) {
        if (formatKey(subscription.topic) !== topic) continue;
        receivers.push({
          environment: plan.environment.name,
          topic,
          queue: { name: formatKey(queue.queue.key), arn: queue.arn },
          ...(subscription.filterPolicy
            ? { filterPolicy: subscription.filterPolicy, filterScope: subscription.filterScope }
            : {}),
          consumers: [...queue.consumers].sort(compareStrings),
        });
      }
    }
  }
  return receivers.sort(
    (a, b) => compareStrings(a.environment, b.environment) || compareStrings(a.queue.arn, b.queue.arn),
  );
}

export function formatReceiversText(topic: string, receivers: readonly ReceiverEntry[]): string {
  if (receivers.length === 0) return `no queue subscribes to ${topic}\n`;
  const lines: string[] = [];
  let current = '';
  for (const receiver of receivers) {
    if (receiver.environment !== current) {
      lines.push(`${receiver.environment}  topic ${topic} is delivered to`);
      current = receiver.environment;
    }
    const filtered = receiver.filterPolicy ? `  filtered on ${receiver.filterScope}` : '  every event';
    lines.push(`  queue ${receiver.queue.name}  ${receiver.queue.arn}${filtered}`);
    lines.push(
      receiver.consumers.length === 0
        ? '    read by no principal the request names'
        : `    read by ${receiver.consumers.join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatAccessText(entries: readonly AccessEntry[]): string {
  if (entries.length === 0) return 'no access granted\n';
  const lines: string[] = [];
  let current = '';
  for (const entry of entries) {
    const heading = `${entry.environment}  ${entry.resource.kind} ${entry.resource.name}  ${entry.resource.arn}`;
    if (heading !== current) {
      lines.push(heading);
      current = heading;
    }
    const narrowed = entry.conditions ? `  when ${describeConditions(entry.conditions)}` : '';
    const crossAccount = entry.crossAccount ? '  (cross-account: its own account must allow this too)' : '';
    lines.push(`  ${entry.principal}: ${entry.actions.join(', ')}${narrowed}${crossAccount}`);
  }
  lines.push('every policy also denies requests without TLS (aws:SecureTransport false)');
  return `${lines.join('\n')}\n`;
}

function describeConditions(conditions: NonNullable<PolicyStatement['Condition']>): string {
  return Object.entries(conditions)
    .flatMap(([operator, keys]) =>
      Object.entries(keys).map(
        ([key, value]) => `${key} ${operator} ${typeof value === 'string' ? value : value.join(' | ')}`,
      ),
    )
    .join(' and ');
}
