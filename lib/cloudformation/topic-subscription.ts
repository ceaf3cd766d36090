import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IDependable } from 'constructs';
import type { SubscriptionPlan } from '../model';
import { logicalIds } from '../model';

export interface TopicSubscriptionProps {
  /** The planned subscription: topic, filter, delivery settings and delivery dead-letter queue. */
  readonly plan: SubscriptionPlan;
  /** ARN of the subscribed queue, from its plan. */
  readonly queueArn: string;
  /** What must exist before SNS delivers: queue policies, delivery DLQs, the topic if this stack creates it. */
  readonly dependsOn: readonly IDependable[];
}

/**
 * A queue's subscription to a topic, created in the queue owner's stack: the consumer decides what
 * it receives, a topic owner's stack never changes when a consumer joins, and SNS confirms an SQS
 * subscription at once only when the queue's account creates it.
 *
 * The L1 renders exactly the plan. sns.Subscription and SqsSubscription would add statements to the
 * queue's and the delivery dead-letter queue's policies, which the plan's documents already hold.
 */
export class TopicSubscription extends Construct {
  constructor(scope: Construct, id: string, { plan, queueArn, dependsOn }: TopicSubscriptionProps) {
    super(scope, id);
    const { subscription } = plan;
    const resource = new sns.CfnSubscription(this, 'Resource', {
      topicArn: plan.topicArn,
      protocol: 'sqs',
      endpoint: queueArn,
      rawMessageDelivery: subscription.rawMessageDelivery,
      ...(subscription.filterPolicy
        ? { filterPolicy: subscription.filterPolicy, filterPolicyScope: subscription.filterScope }
        : {}),
      redrivePolicy: { deadLetterTargetArn: plan.deliveryDeadLetterArn },
    });
    resource.overrideLogicalId(
      logicalIds.subscription(subscription.queue.name, subscription.topic.team, subscription.topic.name),
    );
    for (const dependency of dependsOn) resource.node.addDependency(dependency);
  }
}
