import { compareStrings, type ComparisonCode } from '../diagnostics';
import { formatKey } from './keys';
import type { StackPlan } from './plan';
import type { Finding } from './rules';
import type { EventBusModel, Origin, Queue, Topic } from './types';

/** What each comparison code reports, for the rules reference. */
export const COMPARISON_CODES: Readonly<Record<ComparisonCode, string>> = {
  'resource-removed':
    'A topic or queue of the base that would be destroyed or replaced without `retired: true`: its entry is gone, it left an environment, it lost its dead-letter queue or key, or its AWS name changes (FIFO flip, naming pattern).',
  'base-invalid': 'The requests at the base do not validate, so removals could not be checked (warning).',
};

/** A resource whose deletion loses something: a queue's messages, a topic's subscribers, a key's data. */
interface KeptResource extends LostResource {
  /** Which entry owns it: `<team>|<topic|queue>|<name>`. */
  readonly entry: string;
}

/** One side of the comparison: a valid model and the stacks planned from it. */
export interface ComparedRequests {
  readonly model: EventBusModel;
  readonly plans: readonly StackPlan[];
}

/**
 * Every topic or queue of the base that the current requests would let Terraform destroy or
 * replace: gone without `retired: true`, gone from an environment, stripped of a dead-letter
 * queue or key, or renamed in AWS (a FIFO flip, a naming-pattern change). One finding per entry,
 * naming every resource at stake. Retired entries, and entries retired at the base and removed
 * since, pass: Terraform has already forgotten them.
 */
export function findRemovedResources(base: ComparedRequests, current: ComparedRequests): Finding[] {
  return findLostEntries(base, current).map(({ entry, removed, replaced }) =>
    describeLoss(entry, removed, replaced, base.model, current.model),
  );
}

/** A resource whose deletion loses something, in one environment. */
export interface LostResource {
  /** What it is to its entry: `topic`, `queue`, `dead-letter queue`, `SNS dead-letter queue`, `key`. */
  readonly role: string;
  /** The AWS name, or the key's alias. */
  readonly name: string;
  readonly environment: string;
}

/** An entry of the base whose resources the current requests would destroy or replace. */
export interface LostEntry {
  /** `<team>|<topic|queue>|<name>`. */
  readonly entry: string;
  readonly removed: readonly LostResource[];
  /** Each resource with what replaces it (same role, another AWS name). */
  readonly replaced: readonly (readonly [LostResource, LostResource])[];
}

/**
 * The entries behind {@link findRemovedResources}, in entry order: what `validate --base` refuses
 * is exactly what `diff` marks destructive.
 */
export function findLostEntries(base: ComparedRequests, current: ComparedRequests): LostEntry[] {
  const now = new Map(keptResources(current.plans).map((resource) => [identity(resource), resource]));
  const retired = retiredEntries(current.plans);
  const lost = new Map<string, { removed: KeptResource[]; replaced: [KeptResource, KeptResource][] }>();
  for (const before of keptResources(base.plans)) {
    if (retired.has(`${before.environment}|${before.entry}`)) continue;
    const after = now.get(identity(before));
    if (after && after.name === before.name) continue;
    const entry = lost.get(before.entry) ?? { removed: [], replaced: [] };
    if (after) entry.replaced.push([before, after]);
    else entry.removed.push(before);
    lost.set(before.entry, entry);
  }
  return [...lost.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([entry, { removed, replaced }]) => ({ entry, removed, replaced }));
}

function describeLoss(
  entry: string,
  removed: readonly LostResource[],
  replaced: readonly (readonly [LostResource, LostResource])[],
  base: EventBusModel,
  current: EventBusModel,
): Finding {
  const [team, kind, name] = entry.split('|') as [string, 'topic' | 'queue', string];
  const key = formatKey({ team, name });
  const still = definition(current, team, kind, name);
  const parts = [
    ...(removed.length > 0 ? [`deletes ${removed.map(describe).join(', ')}`] : []),
    ...(replaced.length > 0
      ? [`replaces ${replaced.map(([before, after]) => `${describe(before)} with ${after.name}`).join(', ')}`]
      : []),
  ];
  const stake = kind === 'queue' ? 'and the messages in them' : 'and cuts off every subscriber';
  const message = `${kind} "${key}" ${still ? 'changes' : 'is no longer requested'}: terraform apply ${parts.join(' and ')}, ${stake}`;
  const hint = still
    ? `keep the ${kind}'s name, FIFO setting, environments, dead-letter queue and key as they are; to change them, set "retired: true" on this entry and request a new ${kind} under another name`
    : `put the entry back with "retired: true": Terraform then forgets the ${kind} and AWS keeps it; remove the entry once that is applied`;
  // At the entry's name when it is still there, else at the top of its team's file (the file it
  // was defined in at the base, when the team is gone).
  if (still) return { file: still.origin.file, path: still.origin.path, part: 'key', message, hint };
  const file = (teamOrigin(current, team) ?? (definition(base, team, kind, name) as Topic | Queue).origin)
    .file;
  return { file, path: [], message, hint };
}

function describe(resource: LostResource): string {
  return `${resource.role} ${resource.name} (${resource.environment})`;
}

function keptResources(plans: readonly StackPlan[]): KeptResource[] {
  return plans.flatMap((plan) => {
    const environment = plan.environment.name;
    const resource = (entry: string, role: string, name: string): KeptResource => ({
      entry,
      role,
      name,
      environment,
    });
    return [
      ...plan.topics
        .filter((topic) => !topic.topic.retired)
        .flatMap((topic) => {
          const entry = entryOf('topic', topic.topic);
          return [
            resource(entry, 'topic', topic.name),
            ...(topic.encryption.kind === 'kms' ? [resource(entry, 'key', topic.encryption.key.alias)] : []),
          ];
        }),
      ...plan.queues
        .filter((queue) => !queue.queue.retired)
        .flatMap((queue) => {
          const entry = entryOf('queue', queue.queue);
          return [
            resource(entry, 'queue', queue.name),
            ...(queue.deadLetter ? [resource(entry, 'dead-letter queue', queue.deadLetter.name)] : []),
            ...queue.deliveryDeadLetters.map((dlq) =>
              resource(entry, `${dlq.fifo ? 'FIFO ' : ''}SNS dead-letter queue`, dlq.name),
            ),
            ...(queue.encryption.kind === 'kms' ? [resource(entry, 'key', queue.encryption.key.alias)] : []),
          ];
        }),
    ];
  });
}

function retiredEntries(plans: readonly StackPlan[]): Set<string> {
  return new Set(
    plans.flatMap((plan) => [
      ...plan.topics
        .filter((topic) => topic.topic.retired)
        .map((topic) => `${plan.environment.name}|${entryOf('topic', topic.topic)}`),
      ...plan.queues
        .filter((queue) => queue.queue.retired)
        .map((queue) => `${plan.environment.name}|${entryOf('queue', queue.queue)}`),
    ]),
  );
}

/** Team and resource names never hold "|". */
function entryOf(kind: 'topic' | 'queue', definition: Topic | Queue): string {
  return `${definition.key.team}|${kind}|${definition.key.name}`;
}

function identity(resource: KeptResource): string {
  return `${resource.environment}|${resource.entry}|${resource.role}`;
}

function definition(
  model: EventBusModel,
  team: string,
  kind: 'topic' | 'queue',
  name: string,
): Topic | Queue | undefined {
  const owner = model.teams.find((candidate) => candidate.name === team);
  const entries: readonly (Topic | Queue)[] =
    kind === 'topic' ? (owner?.topics ?? []) : (owner?.queues ?? []);
  return entries.find((candidate) => candidate.key.name === name);
}

function teamOrigin(model: EventBusModel, team: string): Origin | undefined {
  return model.teams.find((candidate) => candidate.name === team)?.origin;
}
