import type { DocumentPath } from '../../diagnostics';
import {
  FLATTEN_ATTRIBUTES_HINT,
  NESTED_ATTRIBUTES_HINT,
  validateFilterPolicy,
  type FilterPolicyDiagnostic,
} from '../../filter-policy';
import { eventsFilterPath } from '../build';
import type { PlatformSettings, Subscription } from '../types';
import type { Rule } from './rule';
import { at } from './rule';

/**
 * The complete policy (the request's filter with its `events` folded in) is what SNS receives,
 * so that is what is checked: key count and complexity are limits on the combination.
 */
export const filterPolicy: Rule = {
  code: 'filter-policy',
  severity: 'error',
  summary:
    'Subscription filter policies are valid for SNS: grammar, operators, at most 5 keys, complexity at most 150.',
  source: 'Amazon SNS Developer Guide, "Amazon SNS message filtering" and "Filter policy constraints"',
  *check({ model }) {
    // Teams copy filters from each other: a policy's problems depend on its JSON and scope alone.
    const problemsOf = new Map<string, readonly FilterPolicyDiagnostic[]>();
    for (const team of model.teams) {
      for (const queue of team.queues) {
        for (const subscription of queue.subscriptions) {
          const { filterPolicy: policy, filterScope: scope } = subscription;
          if (!policy) continue;
          const written = `${scope}\u0000${JSON.stringify(policy)}`;
          const problems = problemsOf.get(written) ?? validateFilterPolicy(policy, scope);
          problemsOf.set(written, problems);
          for (const problem of problems) {
            yield {
              ...at(
                subscription.origin,
                writtenPath(
                  subscription,
                  problem.path,
                  eventsFilterPath(model.platform, subscription.filterScope),
                ),
              ),
              code: problem.code,
              severity: problem.severity,
              message: problem.message,
              ...hintFor(problem, subscription, model.platform),
            };
          }
        }
      }
    }
  },
};

/** Where a path of the combined policy is written: at `events` for the condition it adds, else under `filter`. */
function writtenPath(
  subscription: Subscription,
  policyPath: DocumentPath,
  eventsPath: readonly string[] | undefined,
): DocumentPath {
  if (subscription.events === undefined || !eventsPath) return ['filter', ...policyPath];
  const underEvents = eventsPath.every((key, index) => policyPath[index] === key);
  if (underEvents && policyPath.length >= eventsPath.length)
    return ['events', ...policyPath.slice(eventsPath.length + 1)];
  if (policyPath.length > 0) return ['filter', ...policyPath];
  const filterWritten = Object.keys(subscription.filterPolicy ?? {}).some((key) => key !== eventsPath[0]);
  return filterWritten ? ['filter'] : ['events'];
}

/**
 * The validator's hint, unless it offers a way out the request cannot take: `events` on a
 * MessageBody subscription needs the platform's eventTypeBodyField (events-filter-conflict).
 */
function hintFor(
  problem: FilterPolicyDiagnostic,
  subscription: Subscription,
  platform: PlatformSettings,
): { hint?: string } {
  if (problem.hint === undefined) return {};
  const bodyClosed = subscription.events !== undefined && !eventsFilterPath(platform, 'MessageBody');
  if (problem.hint === NESTED_ATTRIBUTES_HINT && bodyClosed) {
    return {
      hint: `${FLATTEN_ATTRIBUTES_HINT} (filtering the message body instead needs "events" removed, or eventTypeBodyField in the platform config)`,
    };
  }
  return { hint: problem.hint };
}
