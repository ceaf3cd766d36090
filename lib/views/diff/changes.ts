import { compareStrings } from '../../diagnostics';
import {
  compareStacks,
  findLostEntries,
  type ComparedRequests,
  type EncryptionPlan,
  type StackChanges,
  type StackPlan,
} from '../../model';

export type ChangeAction = 'add' | 'remove' | 'change' | 'replace' | 'retire';
export type ChangeKind = 'topic' | 'queue' | 'subscription' | 'grant';

/** One difference between the base and the current requests, in one environment. */
export interface Change {
  readonly action: ChangeAction;
  readonly kind: ChangeKind;
  readonly environment: string;
  /** The team that owns the topic, queue, subscription or grant. */
  readonly team: string;
  /**
   * The request name of a topic or queue; `<queue> <- <team>/<topic>` for a subscription; the
   * topic's or queue's name for a grant.
   */
  readonly name: string;
  /** The setting that changed, for `change`; `publishers` or `consumers` for a grant. */
  readonly field?: string;
  readonly before?: string;
  readonly after?: string;
  /** Terraform would destroy or replace something that holds data: messages, subscribers, a key. */
  readonly destructive: boolean;
}

export interface BusDiff {
  /** Destructive changes first, then by environment, team, kind, name and field. */
  readonly changes: readonly Change[];
  readonly stacks: StackChanges;
}

/** What one topic, queue or subscription is in one environment, as comparable text. */
interface Entity {
  readonly kind: Exclude<ChangeKind, 'grant'>;
  readonly environment: string;
  readonly team: string;
  readonly name: string;
  /** The AWS name: when it changes for the same entry, Terraform replaces the resource. */
  readonly awsName?: string;
  readonly retired: boolean;
  readonly fields: Readonly<Record<string, string>>;
  /** Principals granted on it, with the grant's field name. */
  readonly grants?: { readonly field: 'publishers' | 'consumers'; readonly principals: readonly string[] };
}

/**
 * Compares two valid versions of the requests, entry by entry and environment by environment,
 * from their stack plans: names, settings and grants as the backends will render them. Whether a
 * change is destructive is decided by the same comparison that `validate --base` refuses with.
 */
export function diffRequests(base: ComparedRequests, current: ComparedRequests): BusDiff {
  const before = entitiesOf(base.plans);
  const after = entitiesOf(current.plans);
  const lost = lostResources(base, current);
  const changes: Change[] = [];
  for (const [key, entity] of before) {
    if (!after.has(key)) changes.push(...removal(entity, lost));
  }
  for (const [key, entity] of after) {
    const earlier = before.get(key);
    changes.push(...(earlier ? differences(earlier, entity, lost) : addition(entity)));
  }
  return { changes: changes.sort(compareChanges), stacks: compareStacks(base, current) };
}

/** `<environment>|<team>|<kind>|<name>` -> the roles of its resources that would be lost. */
function lostResources(base: ComparedRequests, current: ComparedRequests): Map<string, Set<string>> {
  const lost = new Map<string, Set<string>>();
  for (const { entry, removed, replaced } of findLostEntries(base, current)) {
    for (const resource of [...removed, ...replaced.map(([before]) => before)]) {
      const key = `${resource.environment}|${entry}`;
      lost.set(key, (lost.get(key) ?? new Set()).add(resource.role));
    }
  }
  return lost;
}

function lostRoles(entity: Entity, lost: Map<string, Set<string>>): ReadonlySet<string> {
  if (entity.kind === 'subscription') return new Set();
  return lost.get(`${entity.environment}|${entity.team}|${entity.kind}|${entity.name}`) ?? new Set();
}

function removal(entity: Entity, lost: Map<string, Set<string>>): Change[] {
  return [
    {
      ...identityOf(entity),
      action: 'remove',
      ...(entity.awsName === undefined ? {} : { before: entity.awsName }),
      destructive: lostRoles(entity, lost).size > 0,
    },
  ];
}

function addition(entity: Entity): Change[] {
  return [
    {
      ...identityOf(entity),
      action: 'add',
      ...(entity.awsName === undefined ? {} : { after: entity.awsName }),
      destructive: false,
    },
    ...grantChanges(undefined, entity),
  ];
}

/**
 * Fields whose change drops one of the entry's own resources, by the role lost. A FIFO flip or a
 * naming change renames the resource itself: that is the `replace` change.
 */
const FIELD_ROLES: Readonly<Record<string, readonly string[]>> = {
  deadLetter: ['dead-letter queue'],
  encryption: ['key'],
};

function differences(before: Entity, after: Entity, lost: Map<string, Set<string>>): Change[] {
  const roles = lostRoles(before, lost);
  const changes: Change[] = [];
  if (before.awsName !== after.awsName) {
    changes.push({
      ...identityOf(after),
      action: 'replace',
      field: 'name',
      ...(before.awsName === undefined ? {} : { before: before.awsName }),
      ...(after.awsName === undefined ? {} : { after: after.awsName }),
      destructive: roles.size > 0,
    });
  }
  if (!before.retired && after.retired) {
    changes.push({ ...identityOf(after), action: 'retire', destructive: false });
  } else if (before.retired && !after.retired) {
    changes.push({
      ...identityOf(after),
      action: 'change',
      field: 'retired',
      before: 'true',
      after: 'false',
      destructive: false,
    });
  }
  const fields = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort(
    compareStrings,
  );
  for (const field of fields) {
    const [old, now] = [before.fields[field], after.fields[field]];
    if (old === now) continue;
    changes.push({
      ...identityOf(after),
      action: 'change',
      field,
      ...(old === undefined ? {} : { before: old }),
      ...(now === undefined ? {} : { after: now }),
      destructive: (FIELD_ROLES[field] ?? []).some((role) => roles.has(role)),
    });
  }
  return [...changes, ...grantChanges(before, after)];
}

/** Each principal granted or no longer granted, one change each: a reviewer reads who gains access. */
function grantChanges(before: Entity | undefined, after: Entity): Change[] {
  if (!after.grants) return [];
  const { field, principals } = after.grants;
  const old = new Set(before?.grants?.principals ?? []);
  const now = new Set(principals);
  const grant = { kind: 'grant', environment: after.environment, team: after.team, name: after.name, field };
  return [
    ...principals
      .filter((principal) => !old.has(principal))
      .map((principal): Change => ({
        ...grant,
        kind: 'grant',
        action: 'add',
        after: principal,
        destructive: false,
      })),
    ...[...old]
      .filter((principal) => !now.has(principal))
      .map((principal): Change => ({
        ...grant,
        kind: 'grant',
        action: 'remove',
        before: principal,
        destructive: false,
      })),
  ];
}

function identityOf(entity: Entity): Pick<Change, 'kind' | 'environment' | 'team' | 'name'> {
  return { kind: entity.kind, environment: entity.environment, team: entity.team, name: entity.name };
}

function entitiesOf(plans: readonly StackPlan[]): Map<string, Entity> {
  const entities = new Map<string, Entity>();
  const add = (entity: Entity): void => {
    entities.set(`${entity.environment}|${entity.team}|${entity.kind}|${entity.name}`, entity);
  };
  for (const plan of plans) {
    const environment = plan.environment.name;
    const team = plan.team.name;
    for (const { topic, name, publishers, encryption } of plan.topics) {
      add({
        kind: 'topic',
        environment,
        team,
        name: topic.key.name,
        awsName: name,
        retired: topic.retired,
        fields: {
          fifo: String(topic.fifo),
          contentBasedDeduplication: String(topic.contentBasedDeduplication),
          events: topic.events === undefined ? 'not listed' : topic.events.join(', '),
          subscribers: topic.subscribers === 'all' ? 'all' : topic.subscribers.join(', ') || 'owner only',
          externalSubscribers: String(topic.externalSubscribers),
          encryption: describeEncryption(encryption),
        },
        grants: { field: 'publishers', principals: publishers },
      });
    }
    for (const queuePlan of plan.queues) {
      const { queue } = queuePlan;
      add({
        kind: 'queue',
        environment,
        team,
        name: queue.key.name,
        awsName: queuePlan.name,
        retired: queue.retired,
        fields: {
          fifo: String(queue.fifo),
          contentBasedDeduplication: String(queue.contentBasedDeduplication),
          visibilityTimeout: queue.visibilityTimeout.toString(),
          retention: queue.retention.toString(),
          delay: queue.delay.toString(),
          receiveWaitTime: queue.receiveWaitTime.toString(),
          maxMessageSize: queue.maxMessageSize.toString(),
          deadLetter: queue.deadLetter
            ? `after ${queue.deadLetter.maxReceiveCount} receives, kept ${queue.deadLetter.retention.toString()}`
            : 'none',
          encryption: describeEncryption(queuePlan.encryption),
        },
        grants: { field: 'consumers', principals: queuePlan.consumers },
      });
      for (const { subscription } of queuePlan.subscriptions) {
        add({
          kind: 'subscription',
          environment,
          team,
          name: `${queue.key.name} <- ${subscription.topic.team}/${subscription.topic.name}`,
          retired: queue.retired,
          fields: {
            filterPolicy:
              subscription.filterPolicy === undefined ? 'none' : JSON.stringify(subscription.filterPolicy),
            filterScope: subscription.filterScope,
            rawMessageDelivery: String(subscription.rawMessageDelivery),
          },
        });
      }
    }
  }
  return entities;
}

function describeEncryption(encryption: EncryptionPlan): string {
  switch (encryption.kind) {
    case 'none':
      return 'none';
    case 'sqs-managed':
      return 'SSE-SQS';
    case 'aws-managed':
      return encryption.keyAlias;
    case 'kms':
      return `customer-managed key ${encryption.key.alias}`;
  }
}

const KIND_ORDER: readonly ChangeKind[] = ['topic', 'queue', 'subscription', 'grant'];

function compareChanges(a: Change, b: Change): number {
  return (
    Number(b.destructive) - Number(a.destructive) ||
    compareStrings(a.environment, b.environment) ||
    compareStrings(a.team, b.team) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.field ?? '', b.field ?? '') ||
    compareStrings(a.action, b.action) ||
    compareStrings(a.before ?? '', b.before ?? '') ||
    compareStrings(a.after ?? '', b.after ?? '')
  );
}
