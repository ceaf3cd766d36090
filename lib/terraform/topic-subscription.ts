import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { SubscriptionPlan } from '../model';
import { addresses } from './addresses';
import { templateSafeJson } from './escape';

export interface TopicSubscriptionProps {
  readonly plan: SubscriptionPlan;
  /** ARN of the subscribed queue. */
  readonly queueArn: string;
  /** The topic, when the same stack creates it. @default the plan's topic ARN, from another stack */
  readonly topicArn?: string;
  /** Resources that must exist before SNS starts delivering: the queue policy. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A queue's subscription to a topic. It lives in the subscribing team's stack: the queue owner
 * decides what it receives, and a topic owner's plan never changes when a consumer joins.
 */
export class TopicSubscription extends Construct {
  constructor(scope: Construct, id: string, props: TopicSubscriptionProps) {
    super(scope, id);
    const { subscription } = props.plan;
    const resource = new SnsTopicSubscription(this, 'subscription', {
      topicArn: props.topicArn ?? props.plan.topicArn,
      protocol: 'sqs',
      endpoint: props.queueArn,
      rawMessageDelivery: subscription.rawMessageDelivery,
      ...(subscription.filterPolicy
        ? {
            filterPolicy: templateSafeJson(subscription.filterPolicy),
            filterPolicyScope: subscription.filterScope,
          }
        : {}),
      redrivePolicy: templateSafeJson({ deadLetterTargetArn: props.plan.deliveryDeadLetterArn }),
      dependsOn: [...props.dependsOn],
    });
    resource.overrideLogicalId(
      addresses.subscription(subscription.queue.name, subscription.topic.team, subscription.topic.name),
    );
  }
}
