import { formatKey } from '../keys';
import { logicalIds, queueLogicalIds, topicLogicalIds } from '../logical-ids';
import type { Origin, Queue, ResourceKey, Topic } from '../types';
import type { Finding, PlanCheck, PlanRule } from './rule';
import { at } from './rule';

/**
 * CloudFormation identifiers allow letters and digits only, and the backend appends suffixes to
 * them, so different names can meet there: topics or queues "index-1" and "index1" of one team,
 * queue "x" beside queue "x-policy" (whose id is the first one's policy id), topic "x" beside
 * "x-key", or environment "a-b" with team "c" and environment "a" with team "b-c" as stack
 * names. Every id the backend would write is checked here, with a position, so CloudFormation
 * synth never refuses requests that validate.
 */
export const identifierCollision: PlanRule = {
  code: 'identifier-collision',
  severity: 'error',
  summary:
    'Names still differ once reduced to letters and digits (CloudFormation ids): resources within a stack, and environment-team pairs.',
  source: 'AWS CloudFormation User Guide, "Resources" (logical IDs are alphanumeric)',
  start() {
    // Ids need to be unique within a stack only; a pair that meets in every environment is
    // reported once.
    const reported = new Set<string>();
    // A stack with the same entries as another environment's meets the same ids: checked once,
    // and its ids, worked out for that check alone, are not kept.
    const checkedStacks = new Set<string>();
    const stackNames = stackNameCollisions();
    return {
      *stack(plan) {
        yield* stackNames.stack(plan);
        const entries = [
          ...plan.topics.map(({ topic }) => topic.key),
          ...plan.queues.map(({ queue }) => queue.key),
        ];
        const signature = `${plan.team.name}.${plan.layer}:${entries.map((key) => key.name).join(',')}`;
        if (checkedStacks.has(signature)) return;
        checkedStacks.add(signature);
        const claims = [
          ...plan.topics.map(({ topic }) => topicClaim(topic)),
          ...plan.queues.flatMap(({ queue }) => queueClaims(queue)),
        ];
        yield* collisions(plan.team.name, claims, reported);
      },
    };
  },
};

/**
 * Every id an entry can render, whatever its settings, so that turning on a dead-letter queue or
 * a key later never meets another entry's id.
 */
function topicClaim(topic: Topic): Claim {
  return { kind: 'topic', entry: topic.key.name, origin: topic.origin, ids: topicLogicalIds(topic.key.name) };
}

function queueClaims(queue: Queue): Claim[] {
  return [
    { kind: 'queue', entry: queue.key.name, origin: queue.origin, ids: queueLogicalIds(queue.key.name) },
    ...queue.subscriptions.map((subscription) => ({
      kind: 'queue' as const,
      entry: queue.key.name,
      subscribesTo: subscription.topic,
      origin: subscription.origin,
      ids: [logicalIds.subscription(queue.key.name, subscription.topic.team, subscription.topic.name)],
    })),
  ];
}

/**
 * CloudFormation names a plan's stacks `<environment>-<team>-<layer>`, which hyphens can blur:
 * each environment and team is compared with the pairs before it, once.
 */
function stackNameCollisions(): PlanCheck {
  const pairs = new Set<string>();
  const stacks = new Map<string, { environment: string; team: string }>();
  return {
    *stack({ environment, team }) {
      const pair = `${environment.name}.${team.name}`;
      if (pairs.has(pair)) return;
      pairs.add(pair);
      const stack = `${environment.name}-${team.name}`;
      const earlier = stacks.get(stack);
      if (!earlier) {
        stacks.set(stack, { environment: environment.name, team: team.name });
        return;
      }
      yield {
        ...at(team.origin, ['team']),
        message: `environment "${environment.name}" with team "${team.name}" and environment "${earlier.environment}" with team "${earlier.team}" both make the CloudFormation stack name "${stack}-..."`,
        hint: `rename team "${team.name}": its files move to the new name's place and other teams' subscriptions to its topics name it too; or ask the infrastructure team to rename environment "${environment.name}"`,
      };
    },
  };
}

/** What one definition renders in a stack: the ids it takes, and where it is written. */
interface Claim {
  /** The topic's or queue's name. */
  readonly entry: string;
  readonly kind: 'topic' | 'queue';
  /** Present for a queue's subscription to this topic. */
  readonly subscribesTo?: ResourceKey;
  readonly origin: Origin;
  readonly ids: readonly string[];
}

/** A claim in words, put together only for the few that meet another. */
function labelOf({ kind, entry, subscribesTo }: Claim): string {
  if (subscribesTo) return `the subscription of queue "${entry}" to "${formatKey(subscribesTo)}"`;
  return `${kind} "${entry}"`;
}

/** Each definition whose ids meet an earlier one's, reported once per pair. */
function* collisions(team: string, claims: readonly Claim[], reported: Set<string>): Iterable<Finding> {
  const owners = new Map<string, Claim>();
  for (const claim of claims) {
    const met = new Set<Claim>();
    for (const id of claim.ids) {
      const earlier = owners.get(id);
      if (earlier === undefined) owners.set(id, claim);
      else if (earlier !== claim && !met.has(earlier)) {
        const [label, earlierLabel] = [claim, earlier].map(labelOf) as [string, string];
        if (label === earlierLabel) continue;
        met.add(earlier);
        const pair = `${team}|${earlierLabel}|${label}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        yield {
          ...at(claim.origin, [], 'key'),
          message: `${label} and ${earlierLabel} of team "${team}" would both take the CloudFormation logical id "${id}" (ids keep letters and digits only, and the backend adds suffixes such as Policy, Key and DeadLetter)`,
          hint: 'rename one of them so that neither name is the other plus a suffix or differs from it in hyphens only',
        };
      }
    }
  }
}
