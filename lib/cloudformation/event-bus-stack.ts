import { CfnElement, CfnWaitConditionHandle, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { CloudFormationPlanError } from './errors';
import { EventQueue } from './event-queue';
import { EventTopic } from './event-topic';
import { assignedLogicalId, assignLogicalId } from './logical-id';
import { setInheritedTags } from './resources';
import { queueProps, subscribeArguments, topicProps } from '../model';
import type { StackPart } from './stack-parts';

export interface EventBusStackProps {
  /** The plan's resources this stack holds: the whole plan, or one part of a split plan. */
  readonly part: StackPart;
}

/** One team's topics, queues and subscriptions in one environment (or a part of them): one CloudFormation stack. */
export class EventBusStack extends Stack {
  readonly part: StackPart;
  /** Topics this stack creates, by ARN: subscriptions in other stacks make their stack depend on this one. */
  readonly topics: ReadonlyMap<string, EventTopic>;

  constructor(scope: Construct, id: string, { part }: EventBusStackProps) {
    const { environment } = part.plan;
    super(scope, id, {
      stackName: part.stackName,
      env: { account: environment.account, region: environment.region },
      // No bootstrap-version rule or parameter: synthesis stays offline and the template holds only the bus.
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      analyticsReporting: false,
    });
    this.part = part;

    this.topics = new Map(
      part.topics.map((topic) => [
        topic.arn,
        new EventTopic(this, `topic-${topic.topic.key.name}`, topicProps(part.plan, topic)),
      ]),
    );
    for (const queuePlan of part.queues) {
      const queue = new EventQueue(
        this,
        `queue-${queuePlan.queue.key.name}`,
        queueProps(part.plan, queuePlan),
      );
      // Created before the subscriptions, in the plan's order, as a plan lists its resources.
      for (const deliveryDeadLetter of queuePlan.deliveryDeadLetters) {
        queue.deliveryDeadLetterResource(deliveryDeadLetter.fifo);
      }
      for (const subscriptionPlan of queuePlan.subscriptions) {
        queue.subscribe(...subscribeArguments(this.topics, subscriptionPlan));
      }
    }
    if (part.resourceCount === 0) {
      // Every entry is retired. CloudFormation refuses a template without resources, and deleting
      // the stack would delete what it still holds: a resource that does nothing keeps it.
      assignLogicalId(new CfnWaitConditionHandle(this, 'RetiredEntriesOnly'), 'RetiredEntriesOnly');
    }
    const constructs = this.node.findAll();
    // The stack's tags go on the stack and every resource in it, as Tags.of(stack) would put them.
    for (const construct of constructs) setInheritedTags(construct, part.plan.tags);
    assertUniqueLogicalIds(this, constructs);
  }
}

/** aws-cdk-lib would only say "section 'Resources' already contains 'X'" at synthesis: name both resources. */
function assertUniqueLogicalIds(stack: Stack, constructs: readonly IConstruct[]): void {
  const elements = constructs.filter((construct) => CfnElement.isCfnElement(construct));
  // The ids the constructs assigned are known; any other is resolved, all in one resolution (each
  // one sets up a resolve context of its own).
  const unassigned = elements.filter((element) => assignedLogicalId(element) === undefined);
  const resolved = stack.resolve(unassigned.map((element) => element.logicalId)) as string[];
  const resolvedIds = new Map(unassigned.map((element, index) => [element, resolved[index] as string]));
  const seen = new Map<string, string>();
  for (const element of elements) {
    const logicalId = assignedLogicalId(element) ?? (resolvedIds.get(element) as string);
    const earlier = seen.get(logicalId);
    if (earlier !== undefined) {
      throw new CloudFormationPlanError(
        `${element.node.path} and ${earlier} in stack "${stack.stackName}" would both get the logical id "${logicalId}": rename one of the resources`,
      );
    }
    seen.set(logicalId, element.node.path);
  }
}
