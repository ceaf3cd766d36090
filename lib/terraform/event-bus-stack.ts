import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackPlan, StateBackend } from '../model';
import { EventQueue } from './event-queue';
import { EventTopic } from './event-topic';
import { forgetRetired } from './retired';
import { escapeTags } from './escape';
import { TopicSubscription } from './topic-subscription';

export interface EventBusStackProps {
  /** Everything the stack deploys. */
  readonly plan: StackPlan;
  /** Where Terraform keeps the stack's state. @default local state */
  readonly stateBackend?: StateBackend;
}

/** One team's topics, queues and subscriptions in one environment: one Terraform state. */
export class EventBusStack extends TerraformStack {
  constructor(scope: Construct, { plan, stateBackend }: EventBusStackProps) {
    super(scope, plan.name);
    const { environment } = plan;
    new AwsProvider(this, 'aws', {
      region: environment.region,
      // Refuses to run against any other account: a dev plan can never touch prod.
      allowedAccountIds: [environment.account],
      ...(environment.deployRole ? { assumeRole: [{ roleArn: environment.deployRole }] } : {}),
      defaultTags: [{ tags: escapeTags(plan.tags) }],
    });
    // `removed` blocks (for retired topics and queues) need 1.7, S3-native locking 1.10.
    this.addOverride('terraform.required_version', stateBackend?.useLockfile ? '>= 1.10' : '>= 1.7');
    if (stateBackend) {
      const backend = new S3Backend(this, {
        bucket: stateBackend.bucket,
        key: `${stateBackend.keyPrefix}/${environment.name}/${plan.team.name}/${plan.layer}.tfstate`,
        region: stateBackend.region,
        encrypt: stateBackend.encrypt,
      });
      // cdktf's S3 backend props predate S3-native locking (Terraform 1.10).
      if (stateBackend.useLockfile) backend.addOverride('use_lockfile', true);
    }

    forgetRetired(this, plan);
    const topics = new Map(
      plan.topics
        .filter((topicPlan) => !topicPlan.topic.retired)
        .map((topicPlan) => [
          topicPlan.arn,
          new EventTopic(this, `topic-${topicPlan.topic.key.name}`, { plan: topicPlan }),
        ]),
    );
    for (const queuePlan of plan.queues) {
      if (queuePlan.queue.retired) continue;
      const queue = new EventQueue(this, `queue-${queuePlan.queue.key.name}`, { plan: queuePlan });
      for (const subscriptionPlan of queuePlan.subscriptions) {
        const { topic } = subscriptionPlan.subscription;
        const sameStackTopic = topics.get(subscriptionPlan.topicArn);
        new TopicSubscription(queue, `subscription-${topic.team}-${topic.name}`, {
          plan: subscriptionPlan,
          queueArn: queue.queue.arn,
          ...(sameStackTopic ? { topicArn: sameStackTopic.topic.arn } : {}),
          dependsOn: queue.subscriptionPrerequisites,
        });
      }
    }
  }
}
