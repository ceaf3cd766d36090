import { compareStrings } from '../diagnostics';
import { explainFilterPolicy, type FilterMessage } from '../filter-policy';
import { formatKey, type EventBusModel, type ResourceKey, type Subscription } from '../model';

export interface RouteDecision {
  /** "team/queue". */
  readonly queue: string;
  /** Environments where the queue is subscribed (those of the queue that the topic also has). */
  readonly environments: readonly string[];
  readonly delivered: boolean;
  /** The first filter key that turned the event away (dotted for body paths, `$or` for a group). */
  readonly rejectedBy?: string;
  /** Why, when no single key is to blame (e.g. a body filter and a body that is not a JSON object). */
  readonly reason?: string;
}

export interface RouteResult {
  readonly topic: string;
  readonly decisions: readonly RouteDecision[];
}

/**
 * Which queues an event published to a topic reaches, decided by each subscription's filter
 * policy exactly as SNS evaluates it. Subscriptions without a filter receive everything.
 */
export function routeEvent(
  model: EventBusModel,
  topic: ResourceKey,
  message: FilterMessage,
  environment?: string,
): RouteResult {
  const decisions: RouteDecision[] = [];
  const topicEnvironments = model.teams
    .find((team) => team.name === topic.team)
    ?.topics.find((candidate) => candidate.key.name === topic.name)?.environments;
  for (const team of model.teams) {
    for (const queue of team.queues) {
      for (const subscription of queue.subscriptions) {
        if (formatKey(subscription.topic) !== formatKey(topic)) continue;
        const environments = queue.environments.filter(
          (name) =>
            (topicEnvironments ?? []).includes(name) && (environment === undefined || name === environment),
        );
        if (environments.length === 0) continue;
        decisions.push({ queue: formatKey(queue.key), environments, ...decide(subscription, message) });
      }
    }
  }
  return {
    topic: formatKey(topic),
    decisions: decisions.sort((a, b) => compareStrings(a.queue, b.queue)),
  };
}

function decide(
  subscription: Subscription,
  message: FilterMessage,
): Pick<RouteDecision, 'delivered' | 'rejectedBy' | 'reason'> {
  if (!subscription.filterPolicy) return { delivered: true };
  const explanation = explainFilterPolicy(subscription.filterPolicy, message, subscription.filterScope);
  return {
    delivered: explanation.matched,
    ...(explanation.rejectedBy === undefined ? {} : { rejectedBy: explanation.rejectedBy }),
    ...(explanation.reason === undefined ? {} : { reason: explanation.reason }),
  };
}

const REASONS: Readonly<Record<string, string>> = {
  'body-not-json-object': 'it filters the body, and the body is not a JSON object',
  'invalid-policy': 'its filter policy is invalid',
};

export function formatRouteText(result: RouteResult): string {
  const delivered = result.decisions.filter((decision) => decision.delivered).length;
  const lines = [
    `${result.topic}: ${result.decisions.length} subscribed queue${result.decisions.length === 1 ? '' : 's'}, ${delivered} receive${delivered === 1 ? 's' : ''} the event`,
  ];
  const width = Math.max(0, ...result.decisions.map((decision) => decision.queue.length));
  for (const decision of result.decisions) {
    const why = decision.delivered
      ? 'delivered'
      : decision.rejectedBy !== undefined
        ? `filtered out by "${decision.rejectedBy}"`
        : `filtered out (${REASONS[decision.reason ?? ''] ?? decision.reason ?? 'no match'})`;
    lines.push(`  ${decision.queue.padEnd(width)}  ${why}  [${decision.environments.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
