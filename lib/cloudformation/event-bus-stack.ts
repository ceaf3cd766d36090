import { CfnElement, CfnWaitConditionHandle, DefaultStackSynthesizer, Stack, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CloudFormationPlanError } from './errors';
import { EventQueue } from './event-queue';
import { EventTopic } from './event-topic';
import { cfnResourceOf } from './resources';
import type { StackPart } from './stack-parts';
import { TopicSubscription } from './topic-subscription';

export interface EventBusStackProps {
  /** The plan's resources this stack holds: the whole plan, or one part of a split plan. */
  readonly part: StackPart;
}

/** One team's topics, queues and subscriptions in one environment (or a part of them): one CloudFormation stack. */
export class EventBusStack extends Stack {
  readonly part: StackPart;
  /** Topics this stack creates, by ARN: subscriptions in other stacks make their stack depend on this one. */
  readonly topics: ReadonlyMap<string, EventTopic>;

  constructor(scope: Construct, { part }: EventBusStackProps) {
    const { environment } = part.plan;
    super(scope, part.stackName, {
      stackName: part.stackName,
      env: { account: environment.account, region: environment.region },
      // No bootstrap-version rule or parameter: synthesis stays offline and the template holds only the bus.
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      analyticsReporting: false,
    });
    this.part = part;
    for (const [key, value] of Object.entries(part.plan.tags)) Tags.of(this).add(key, value);

    this.topics = new Map(
      part.topics.map((topic) => [
        topic.arn,
        new EventTopic(this, `topic-${topic.topic.key.name}`, { plan: topic }),
      ]),
    );
    for (const queuePlan of part.queues) {
      const queue = new EventQueue(this, `queue-${queuePlan.queue.key.name}`, { plan: queuePlan });
      for (const subscriptionPlan of queuePlan.subscriptions) {
        const { topic } = subscriptionPlan.subscription;
        const sameStackTopic = this.topics.get(subscriptionPlan.topicArn);
        // "." joins the names unambiguously: team and topic names never contain one.
        new TopicSubscription(queue, `subscription-${topic.team}.${topic.name}`, {
          plan: subscriptionPlan,
          queueArn: queuePlan.arn,
          dependsOn: [
            queue.deliveryPrerequisites,
            ...(sameStackTopic ? [cfnResourceOf(sameStackTopic.topic)] : []),
          ],
        });
      }
    }
    if (part.resourceCount === 0) {
      // Every entry is retired. CloudFormation refuses a template without resources, and deleting
      // the stack would delete what it still holds: a resource that does nothing keeps it.
      new CfnWaitConditionHandle(this, 'RetiredEntriesOnly').overrideLogicalId('RetiredEntriesOnly');
    }
    assertUniqueLogicalIds(this);
  }
}

/** aws-cdk-lib would only say "section 'Resources' already contains 'X'" at synthesis: name both resources. */
function assertUniqueLogicalIds(stack: Stack): void {
  const seen = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (!CfnElement.isCfnElement(construct)) continue;
    const logicalId = stack.resolve(construct.logicalId) as string;
    const earlier = seen.get(logicalId);
    if (earlier !== undefined) {
      throw new CloudFormationPlanError(
        `${construct.node.path} and ${earlier} in stack "${stack.stackName}" would both get the logical id "${logicalId}": rename one of the resources`,
      );
    }
    seen.set(logicalId, construct.node.path);
  }
}
