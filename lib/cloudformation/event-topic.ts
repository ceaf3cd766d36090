import { CfnOutput, Lazy } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  logicalIds,
  resolveTopicProps,
  TopicGrants,
  type EventTopicProps,
  type TopicReference,
} from '../model';
import { createKey, encryptionProperties } from './encryption-key';
import { assignLogicalId } from './logical-id';
import { retainedResource, setTags, TopicInterface } from './resources';

export type { EventTopicProps };

/**
 * An SNS topic with the resource policy that names its publishers and enforces TLS, and its own
 * KMS key when it asks for one. Invalid props throw an InvalidPropsError listing every problem.
 */
export class EventTopic extends Construct implements TopicReference {
  /** The CfnTopic this renders. */
  readonly resource: sns.CfnTopic;
  /** The topic's ARN, written out: policies and subscriptions in other stacks can name it. */
  readonly topicArn: string;
  readonly logicalName: string;
  readonly fifo: boolean;
  private readonly grants: TopicGrants;
  private topicInterface?: sns.ITopic;

  constructor(scope: Construct, id: string, props: EventTopicProps) {
    // Checked before the construct joins the tree: invalid props leave nothing behind.
    const settings = resolveTopicProps(props, id);
    super(scope, id);
    this.grants = new TopicGrants(settings);
    const { name, arn, logicalName, fifo, contentBasedDeduplication, tags } = settings;
    this.topicArn = arn;
    this.logicalName = logicalName;
    this.fifo = fifo;
    const encryption = () => this.grants.encryption();
    // Kept like the topic, so that a topic removed from the template stays whole in AWS.
    const key = createKey(this, encryption, logicalIds.topicKey(logicalName));
    if (key) setTags(key.key, tags);
    const { kmsMasterKeyId } = encryptionProperties(encryption(), key);
    const resource = retainedResource(
      new sns.CfnTopic(this, 'Topic', {
        topicName: name,
        fifoTopic: fifo,
        // SNS accepts content-based deduplication on FIFO topics only.
        ...(fifo ? { contentBasedDeduplication } : {}),
        // An AWS-managed key by its alias, the topic's own key by its ARN.
        kmsMasterKeyId,
      }),
      logicalIds.topic(logicalName),
    );
    this.resource = resource;
    setTags(resource, tags);

    // The L1 policy renders the document as written; the L2 TopicPolicy would rebuild it through
    // iam.PolicyDocument.
    const policy = new sns.CfnTopicPolicy(this, 'TopicPolicy', {
      topics: [arn],
      policyDocument: Lazy.any({ produce: () => this.grants.policy() }),
    });
    assignLogicalId(policy, logicalIds.topicPolicy(logicalName));
    policy.addResourceDependency(resource);

    // For publishers and subscribers, as the Terraform backend outputs it.
    const output = new CfnOutput(this, 'OutputArn', { value: resource.ref });
    assignLogicalId(output, logicalIds.output(logicalIds.topic(logicalName), 'Arn'));
  }

  /**
   * The topic for metrics and other aws-cdk-lib constructs, made when first asked for; its
   * `node.defaultChild` is the CfnTopic. Statements cannot be added to its policy: grant with
   * `grantPublish`.
   */
  get topic(): sns.ITopic {
    this.topicInterface ??= new TopicInterface(this.resource);
    return this.topicInterface;
  }

  /** Lets an IAM role or user publish, over TLS, and use the topic's key through SNS. */
  grantPublish(principalArn: string): void {
    this.grants.grantPublish(principalArn);
  }
}
