import { RemovalPolicy, TagManager, Validations, type CfnResource } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { assignLogicalId } from './logical-id';

/**
 * A queue or topic of the bus as its L1, under the plan's logical id, retained when it leaves the
 * template: deleting a queue deletes its messages, and subscribers in other stacks name a topic by
 * ARN.
 *
 * The bus's own resources need the L1 alone. sqs.Queue and sns.Topic would add prop validation,
 * construct metadata and lazy ARN tokens to every resource of a synth that has thousands, and an L2
 * around each L1 doubles the tree that every step of a synthesis walks; the IQueue or ITopic is
 * made only when asked for (see {@link QueueInterface}).
 */
export function retainedResource<Resource extends CfnResource>(
  resource: Resource,
  logicalId: string,
): Resource {
  assignLogicalId(resource, logicalId);
  resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return resource;
}

/**
 * The IQueue of a bus queue, for metrics and other aws-cdk-lib constructs: `Interface` under the
 * CfnQueue, which is its `node.defaultChild`. Its ARN, URL and name refer to the CfnQueue as
 * sqs.Queue's do. The queue's policy is its plan's document: a statement added through the IQueue
 * (a cross-account grant, say) throws instead of creating a second policy beside it.
 */
export class QueueInterface extends sqs.QueueBase {
  readonly queueUrl: string;
  readonly fifo: boolean;
  // The encryption is the resource's own property; grants on the IQueue leave the key policy alone.
  readonly encryptionMasterKey = undefined;
  readonly encryptionType = undefined;
  protected readonly autoCreatePolicy = false;

  constructor(readonly resource: sqs.CfnQueue) {
    super(resource, 'Interface', { physicalName: resource.queueName as string });
    this.node.defaultChild = resource;
    this.queueUrl = resource.ref;
    this.fifo = resource.fifoQueue === true;
  }

  private arn?: string;
  private name?: string;

  get queueArn(): string {
    this.arn ??= this.getResourceArnAttribute(this.resource.attrArn, {
      service: 'sqs',
      resource: this.physicalName,
    });
    return this.arn;
  }

  get queueName(): string {
    this.name ??= this.getResourceNameAttribute(this.resource.attrQueueName);
    return this.name;
  }

  override addToResourcePolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    throw new Error(planOnlyPolicy('queue', this.resource));
  }
}

/** The ITopic of a bus topic, made when asked for, as {@link QueueInterface} for queues. */
export class TopicInterface extends sns.TopicBase {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly masterKey = undefined;
  protected readonly autoCreatePolicy = false;

  constructor(readonly resource: sns.CfnTopic) {
    super(resource, 'Interface', { physicalName: resource.topicName as string });
    this.node.defaultChild = resource;
    this.fifo = resource.fifoTopic === true;
    this.contentBasedDeduplication = resource.contentBasedDeduplication === true;
  }

  private arn?: string;
  private name?: string;

  get topicArn(): string {
    this.arn ??= this.getResourceArnAttribute(this.resource.ref, {
      service: 'sns',
      resource: this.physicalName,
    });
    return this.arn;
  }

  get topicName(): string {
    this.name ??= this.getResourceNameAttribute(this.resource.attrTopicName);
    return this.name;
  }

  override addToResourcePolicy(_statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    throw new Error(planOnlyPolicy('topic', this.resource));
  }
}

function planOnlyPolicy(kind: 'queue' | 'topic', resource: CfnResource): string {
  const grants =
    kind === 'queue' ? 'EventQueue.grantConsumeMessages and EventQueue.subscribe' : 'EventTopic.grantPublish';
  return `the policy of ${kind} ${resource.node.path} is rendered from its plan and its grants: use ${grants} instead of adding a statement to it`;
}

/** The priority of a tag added with `Tags.of(scope).add`: tags added that way at their default still win. */
const TAG_ASPECT_PRIORITY = 100;

/**
 * Tags `construct`, if it takes tags, as `Tags.of(construct).add` would, but at once: a Tags.of
 * aspect visits every construct below its scope when the app synthesizes, one visit per tag, and
 * a stack of the bus holds hundreds.
 */
export function setTags(construct: IConstruct, tags: Readonly<Record<string, string>>): void {
  const manager = TagManager.of(construct);
  if (!manager) return;
  for (const [key, value] of Object.entries(tags)) manager.setTag(key, value, TAG_ASPECT_PRIORITY, true);
}

/**
 * Tags `construct` as `Tags.of` on a scope around it would: a tag of the same key that it was
 * given closer to it (a resource's request file) keeps its value, as an inner Tags.of wins.
 */
export function setInheritedTags(construct: IConstruct, tags: Readonly<Record<string, string>>): void {
  const own = TagManager.of(construct)?.tagValues() ?? {};
  setTags(construct, Object.fromEntries(Object.entries(tags).filter(([key]) => !(key in own))));
}

/**
 * Acknowledges a cdk-nag finding, with its reason, on a construct and everything below it.
 * `Validations.acknowledge` records the caller's stack trace beside the reason, and aws-cdk-lib
 * 2.276 does so even with `stackTraces: false`: this checkout's absolute paths would land in the
 * assembly's metadata and differ on every machine. With no stack frames to capture, it records none.
 */
export function acknowledgeFinding(construct: IConstruct, id: string, reason: string): void {
  const { stackTraceLimit } = Error;
  Error.stackTraceLimit = 0;
  try {
    Validations.of(construct).acknowledge({ id, reason });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
