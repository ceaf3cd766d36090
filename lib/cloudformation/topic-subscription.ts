import { CfnResource } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IDependable } from 'constructs';
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
 * It is the L1 itself, rendering exactly these settings. sns.Subscription and SqsSubscription
 * would add statements to the queue's and the delivery dead-letter queue's policies, which the
 * queue's own documents already hold.
 */
export class TopicSubscription extends sns.CfnSubscription {
  constructor(scope: Construct, id: string, props: TopicSubscriptionProps) {
    const { subscription } = props;
    super(scope, id, {
      topicArn: subscription.topicArn,
      protocol: 'sqs',
      endpoint: props.queueArn,
      rawMessageDelivery: subscription.rawMessageDelivery,
      ...(subscription.filterPolicy
        ? { filterPolicy: subscription.filterPolicy, filterPolicyScope: subscription.filterPolicyScope }
        : {}),
      redrivePolicy: { deadLetterTargetArn: props.deadLetterTargetArn },
    });
    assignLogicalId(this, props.logicalId);
    for (const dependency of props.dependsOn) {
      // A resource is waited for directly; anything else (a group, a construct) as aws-cdk-lib
      // works it out when it synthesizes.
      if (CfnResource.isCfnResource(dependency)) this.addResourceDependency(dependency);
      else this.node.addDependency(dependency);
    }
  }

  /** The CfnSubscription: this construct. */
  get resource(): sns.CfnSubscription {
    return this;
  }
}
