import { compareStrings } from '../diagnostics';
import { GRANTS } from './grants';
import type { IdentityPolicyStatement, PolicyDocument } from './policies';
import type { StackPlan } from './plan';
import { PRINCIPAL_ARN } from './rules/principals';
import type { Environment } from './types';

/**
 * What a principal in another account must attach to itself. Cross-account access needs both
 * sides: the resource policy here names the principal, and the principal's own account allows
 * the same actions in an identity policy (IAM User Guide, "Cross-account policy evaluation logic").
 */
export interface IdentityPolicyPlan {
  readonly environment: Environment;
  /** The principal's account, which is not the environment's. */
  readonly account: string;
  readonly principal: string;
  readonly document: PolicyDocument<IdentityPolicyStatement>;
}

/** One identity policy per cross-account principal and environment, from the planned stacks. */
export function planIdentityPolicies(plans: readonly StackPlan[]): IdentityPolicyPlan[] {
  const grants = new Map<string, { environment: Environment; account: string; principal: string; publish: Set<string>; consume: Set<string> }>();
  const grantFor = (environment: Environment, principal: string) => {
    const account = PRINCIPAL_ARN.exec(principal)?.[2];
    if (account === undefined || account === environment.account) return undefined;
    const key = `${environment.name}|${principal}`;
    let grant = grants.get(key);
    if (!grant) {
      grant = { environment, account, principal, publish: new Set(), consume: new Set() };
      grants.set(key, grant);
    }
    return grant;
  };
  for (const plan of plans) {
    for (const topic of plan.topics) {
      for (const publisher of topic.topic.publishers) grantFor(plan.environment, publisher)?.publish.add(topic.arn);
    }
    for (const queue of plan.queues) {
      // Consumers may read the queue and the queues that keep its failures.
      const arns = [queue.arn, ...(queue.deadLetter ? [queue.deadLetter.arn] : []), ...queue.deliveryDeadLetters.map((dlq) => dlq.arn)];
      for (const consumer of queue.queue.consumers) {
        const grant = grantFor(plan.environment, consumer);
        for (const arn of arns) grant?.consume.add(arn);
      }
    }
  }
  return [...grants.values()]
    .sort((a, b) => compareStrings(a.environment.name, b.environment.name) || compareStrings(a.principal, b.principal))
    .map(({ environment, account, principal, publish, consume }) => {
      const statements: IdentityPolicyStatement[] = [];
      if (publish.size > 0) {
        statements.push({ Sid: 'PublishToEventBusTopics', Effect: 'Allow', Action: [...GRANTS.publisher], Resource: sorted(publish) });
      }
      if (consume.size > 0) {
        statements.push({ Sid: 'ConsumeFromEventBusQueues', Effect: 'Allow', Action: [...GRANTS.consumer], Resource: sorted(consume) });
      }
      return { environment, account, principal, document: { Version: '2012-10-17', Statement: statements } };
    });
}

function sorted(values: Set<string>): string[] {
  return [...values].sort(compareStrings);
}
