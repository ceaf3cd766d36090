import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedSubscription } from '../model';
import { templateSafeJson } from './escape';

export interface TopicSubscriptionProps {
  /** The topic, filter and delivery settings, checked against the queue. */
  readonly subscription: ResolvedSubscription;
  /** ARN of the subscribed queue. */
  readonly queueArn: string;
  /** The topic's ARN as the stack should write it. @default the subscription's topic ARN */
  readonly topicArn?: string;
  /** Where SNS puts messages it cannot deliver to the queue. */
  readonly deadLetterTargetArn: string;
  /** Terraform name of the subscription. */
  readonly address: string;
  /** Resources that must exist before SNS starts delivering: the queue policy. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * A queue's subscription to a topic. It lives in the subscribing team's stack: the queue owner
 * decides what it receives, and a topic owner's plan never changes when a consumer joins.
 */
export class TopicSubscription extends Construct {
  readonly resource: SnsTopicSubscription;

  constructor(scope: Construct, id: string, props: TopicSubscriptionProps) {
    super(scope, id);
    const { subscription } = props;
    this.resource = new SnsTopicSubscription(this, 'subscription', {
      topicArn: props.topicArn ?? subscription.topicArn,
      protocol: 'sqs',
      endpoint: props.queueArn,
      rawMessageDelivery: subscription.rawMessageDelivery,
      ...(subscription.filterPolicy
        ? {
            filterPolicy: templateSafeJson(subscription.filterPolicy),
            filterPolicyScope: subscription.filterPolicyScope,
          }
        : {}),
      redrivePolicy: templateSafeJson({ deadLetterTargetArn: props.deadLetterTargetArn }),
      dependsOn: [...props.dependsOn],
    });
    this.resource.overrideLogicalId(props.address);
  }
}
