import { RemovalPolicy, Validations, type CfnResource } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { assignLogicalId } from './logical-id';

/** Every topic and queue names the request file that defines it, for whoever finds it in the console. */
export const REQUEST_FILE_TAG = 'request-file';

/** The CloudFormation resource an L2 construct renders. */
export function cfnResourceOf(construct: IConstruct): CfnResource {
  return construct.node.defaultChild as CfnResource;
}

/**
 * A queue of the bus: the L1 `AWS::SQS::Queue` as `Resource`, where sqs.Queue would put it, under
 * an IQueue for metrics and the escape hatch. sqs.Queue adds prop validation, construct metadata
 * and lazy ARN tokens to every queue of a synth that has thousands, and would only hand its
 * settings on to this same L1. Its own policy is never created: `Policy` is the queue's document.
 */
export class BusQueue extends sqs.QueueBase {
  readonly resource: sqs.CfnQueue;
  readonly queueUrl: string;
  readonly fifo: boolean;
  // The encryption is the resource's own property; grants on the IQueue leave the key policy alone.
  readonly encryptionMasterKey = undefined;
  readonly encryptionType = undefined;
  // A statement added through the IQueue would create a policy beside the queue's document: its id
  // is taken, so that fails loudly.
  protected readonly autoCreatePolicy = true;

  constructor(
    scope: Construct,
    id: string,
    logicalId: string,
    props: sqs.CfnQueueProps & { queueName: string },
  ) {
    super(scope, id, { physicalName: props.queueName });
    this.resource = new sqs.CfnQueue(this, 'Resource', props);
    assignLogicalId(this.resource, logicalId);
    // Deleting a queue deletes its messages: a queue removed from the template stays in the account.
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.queueUrl = this.resource.ref;
    this.fifo = props.fifoQueue === true;
  }

  // As sqs.Queue has them, so the templates of apps that use them stay as they were; made when
  // first asked for, as the bus's own resources use the L1's attributes.
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
}

/** A topic of the bus: the L1 `AWS::SNS::Topic` as `Resource` under an ITopic, as BusQueue for queues. */
export class BusTopic extends sns.TopicBase {
  readonly resource: sns.CfnTopic;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly masterKey = undefined;
  protected readonly autoCreatePolicy = true;

  constructor(
    scope: Construct,
    id: string,
    logicalId: string,
    props: sns.CfnTopicProps & { topicName: string },
  ) {
    super(scope, id, { physicalName: props.topicName });
    this.resource = new sns.CfnTopic(this, 'Resource', props);
    assignLogicalId(this.resource, logicalId);
    // Subscribers in other stacks name the topic by ARN: leaving the template must not delete it.
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.fifo = props.fifoTopic === true;
    this.contentBasedDeduplication = props.contentBasedDeduplication === true;
  }

  // As sns.Topic has them (see BusQueue).
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
