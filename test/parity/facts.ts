/**
 * What both backends must agree on, in one engine-neutral shape. Each normalizer reads its
 * engine's output files (never the constructs) and resolves every reference to the physical names
 * and ARNs of the plans, so two outputs are equivalent exactly when their facts are equal.
 */
import * as fs from 'node:fs';
import type { StackPlan } from '../../lib/model';

export interface BusFacts {
  /** By plan name ("dev.orders.topics"); split CloudFormation parts count as their plan. */
  readonly stacks: Record<string, StackFacts>;
  /** By topic name. */
  readonly topics: Record<string, TopicFacts>;
  /** Every queue, dead-letter queue and delivery dead-letter queue, by queue name. */
  readonly queues: Record<string, QueueFacts>;
  /** By `<queue name> <- <topic ARN>`. */
  readonly subscriptions: Record<string, SubscriptionFacts>;
  /** Resource policies by `sns:<topic name>` or `sqs:<queue name>`. */
  readonly policies: Record<string, PolicyFacts>;
  /** Customer-managed keys, by alias. */
  readonly keys: Record<string, KeyFacts>;
  /**
   * Everything each resource is created after, within its stack (explicit dependencies and
   * references, transitively), by resource identity such as `queue-policy dev-orders-audit`.
   */
  readonly creationOrder: Record<string, readonly string[]>;
}

export interface StackFacts {
  readonly account: string;
  readonly region: string;
  /** Plans this stack's plan is deployed after, by name, sorted. */
  readonly dependsOn: readonly string[];
}

export interface TopicFacts {
  readonly stack: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** See `encryptionFact`. */
  readonly encryption: string | null;
  readonly tags: Record<string, string>;
}

export interface KeyFacts {
  readonly stack: string;
  readonly description: string;
  readonly rotation: boolean;
  /** Days; null where the output leaves KMS's default. */
  readonly deletionWindow: number | null;
  readonly policy: PolicyFacts;
  readonly tags: Record<string, string>;
}

export interface QueueFacts {
  readonly stack: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** Seconds; null where the output leaves SQS's default. */
  readonly retention: number | null;
  readonly visibilityTimeout: number | null;
  readonly delay: number | null;
  readonly receiveWaitTime: number | null;
  /** Bytes; null where the output leaves SQS's default. */
  readonly maxMessageSize: number | null;
  /** See `encryptionFact`. */
  readonly encryption: string | null;
  /** Kept when removed from the configuration or replaced (Terraform prevent_destroy, CloudFormation Retain). */
  readonly retained: boolean;
  readonly redrive: { readonly deadLetterQueue: string; readonly maxReceiveCount: number } | null;
  readonly redriveAllow: { readonly permission: string; readonly sourceQueues: readonly string[] } | null;
  readonly tags: Record<string, string>;
}

export interface SubscriptionFacts {
  readonly stack: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly queue: string;
  readonly rawMessageDelivery: boolean;
  /** Parsed; null when the subscription has no filter. */
  readonly filterPolicy: unknown;
  readonly filterPolicyScope: string | null;
  readonly deliveryDeadLetterQueue: string | null;
}

export interface PolicyFacts {
  readonly version: string;
  /** Each statement expanded to `[effect, principal, action, resource, condition]`, as sorted JSON. */
  readonly statements: readonly string[];
}

/** Names and ARNs of every topic and queue the plans create, for resolving references and ARNs. */
export class PlanIndex {
  private readonly arnByName = new Map<string, string>();
  private readonly nameByArn = new Map<string, string>();
  private readonly stackByName = new Map<string, string>();

  constructor(readonly plans: readonly StackPlan[]) {
    for (const plan of plans) {
      for (const topic of plan.topics) this.add(plan, `sns:${topic.name}`, topic.arn);
      for (const queue of plan.queues) {
        this.add(plan, `sqs:${queue.name}`, queue.arn);
        if (queue.deadLetter) this.add(plan, `sqs:${queue.deadLetter.name}`, queue.deadLetter.arn);
        for (const delivery of queue.deliveryDeadLetters)
          this.add(plan, `sqs:${delivery.name}`, delivery.arn);
      }
    }
  }

  private add(plan: StackPlan, key: string, arn: string): void {
    this.arnByName.set(key, arn);
    this.nameByArn.set(arn, key.slice(4));
    this.stackByName.set(key, plan.name);
  }

  arnOf(service: 'sns' | 'sqs', name: string): string {
    return required(
      this.arnByName.get(`${service}:${name}`),
      `no ${service} resource named ${name} in the plans`,
    );
  }

  nameOf(arn: string): string {
    return required(this.nameByArn.get(arn), `no planned resource has the ARN ${arn}`);
  }

  /** The plan a CloudFormation stack renders: its name with "-" for ".", perhaps with a part number. */
  planOfStack(stackName: string): string {
    const byStackName = (name: string) => this.plans.find((plan) => plan.name.replaceAll('.', '-') === name);
    const plan = byStackName(stackName) ?? byStackName(stackName.replace(/-\d+$/, ''));
    return required(plan, `no plan renders the stack ${stackName}`).name;
  }
}

/**
 * How a topic or queue is encrypted: "SSE-SQS", "KMS <alias>" for an AWS-managed key named by
 * alias, "KMS key <alias>" for a key of the output found by its alias, both joined when an output
 * sets both (which AWS would reject), or null when encryption is left to the AWS default.
 */
export function encryptionFact(sqsManaged: boolean, kmsMasterKey: string | undefined): string | null {
  const parts = [
    ...(sqsManaged ? ['SSE-SQS'] : []),
    ...(kmsMasterKey === undefined ? [] : [`KMS ${kmsMasterKey.replace(/^kms-key:/, 'key ')}`]),
  ];
  return parts.length === 0 ? null : parts.join(' + ');
}

/** How both readers name a key the output creates, once its reference is resolved: by its alias. */
export function keyReference(alias: string): string {
  return `kms-key:${alias}`;
}

export function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}

/** A resource policy as a set of single-valued statements; `Sid`s and grouping do not matter to IAM. */
export function policyFacts(document: unknown): PolicyFacts {
  const { Version, Statement } = document as { Version: string; Statement: Record<string, unknown>[] };
  const tuples = new Set<string>();
  for (const statement of Statement) {
    const known = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
    const unknown = Object.keys(statement).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new Error(`policy statement with unhandled keys ${unknown.join(', ')}`);
    const condition = statement['Condition'] === undefined ? null : canonical(statement['Condition']);
    for (const principal of principals(statement['Principal']))
      for (const action of list(statement['Action']))
        for (const resource of list(statement['Resource']))
          tuples.add(JSON.stringify([statement['Effect'], principal, action, resource, condition]));
  }
  return { version: Version, statements: [...tuples].sort() };
}

function principals(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, values]) =>
    list(values).map((value) => `${kind}:${value}`),
  );
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Keys sorted, and arrays sorted too: condition values are sets. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort();
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, child]) => [key, canonical(child)]),
  );
}

/** Keys in order, so that a failing comparison reads the same way on both sides. */
export function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record: Record<string, T> = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (Object.hasOwn(record, key)) throw new Error(`two resources normalize to ${key}`);
    record[key] = value;
  }
  return record;
}

/** Prerequisites made transitive: the graph's edges are "created after". */
export function transitiveOrder(edges: ReadonlyMap<string, ReadonlySet<string>>): Record<string, string[]> {
  const closure = (start: string): string[] => {
    const seen = new Set<string>();
    const pending = [...(edges.get(start) ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(edges.get(next) ?? []));
    }
    return [...seen].sort();
  };
  return sortedRecord([...edges.keys()].map((node) => [node, closure(node)] as const));
}

/** Throws when a resource has attributes the normalizer does not read: new output must be compared too. */
export function assertOnlyKeys(what: string, value: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new Error(`${what} has attributes the parity facts do not cover: ${unknown.join(', ')}`);
}

/** A number attribute, or null where the output leaves it to the AWS default. */
export function numberOrNull(value: unknown): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number') throw new Error(`expected a number, got ${JSON.stringify(value)}`);
  return value;
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
