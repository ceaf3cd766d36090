import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IDependable } from 'constructs';
import type { ResolvedSubscription } from '../model';
import { assignLogicalId } from './logical-id';

export interface TopicSubscriptionProps {
  /** The topic, filter and delivery settings, checked against the queue. */
  readonly subscription: ResolvedSubscription;
  /** ARN of the subscribed queue. */
  readonly queueArn: string;
  /** Where SNS puts messages it cannot deliver to the queue. */
  readonly deadLetterTargetArn: string;
  readonly logicalId: string;
  /** What must exist before SNS delivers: queue policies, delivery DLQs, the topic if this stack creates it. */
  readonly dependsOn: readonly IDependable[];
}

/**
 * A queue's subscription to a topic, created in the queue owner's stack: the consumer decides what
 * it receives, a topic owner's stack never changes when a consumer joins, and SNS confirms an SQS
 * subscription at once only when the queue's account creates it.
 *
 * The L1 renders exactly these settings. sns.Subscription and SqsSubscription would add
 * statements to the queue's and the delivery dead-letter queue's policies, which the queue's own
 * documents already hold.
 */
export class TopicSubscription extends Construct {
  readonly resource: sns.CfnSubscription;

  constructor(scope: Construct, id: string, props: TopicSubscriptionProps) {
    super(scope, id);
    const { subscription } = props;
    this.resource = new sns.CfnSubscription(this, 'Resource', {
      topicArn: subscription.topicArn,
      protocol: 'sqs',
      endpoint: props.queueArn,
      rawMessageDelivery: subscription.rawMessageDelivery,
      ...(subscription.filterPolicy
        ? { filterPolicy: subscription.filterPolicy, filterPolicyScope: subscription.filterPolicyScope }
        : {}),
      redrivePolicy: { deadLetterTargetArn: props.deadLetterTargetArn },
    });
    assignLogicalId(this.resource, props.logicalId);
    for (const dependency of props.dependsOn) this.resource.node.addDependency(dependency);
  }
}
