import { CfnOutput, Lazy, Tags } from 'aws-cdk-lib';
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
import { BusTopic } from './resources';

export type { EventTopicProps };

/**
 * An SNS topic with the resource policy that names its publishers and enforces TLS, and its own
 * KMS key when it asks for one. Invalid props throw an InvalidPropsError listing every problem.
 */
export class EventTopic extends Construct implements TopicReference {
  /** The topic for metrics and other aws-cdk-lib constructs; its `node.defaultChild` is the CfnTopic. */
  readonly topic: sns.ITopic;
  /** The topic's ARN, written out: policies and subscriptions in other stacks can name it. */
  readonly topicArn: string;
  readonly logicalName: string;
  readonly fifo: boolean;
  private readonly grants: TopicGrants;

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
    const { kmsMasterKeyId } = encryptionProperties(encryption(), key);
    const topic = new BusTopic(this, 'Topic', logicalIds.topic(logicalName), {
      topicName: name,
      fifoTopic: fifo,
      // SNS accepts content-based deduplication on FIFO topics only.
      ...(fifo ? { contentBasedDeduplication } : {}),
      // An AWS-managed key by its alias, the topic's own key by its ARN.
      kmsMasterKeyId,
    });
    this.topic = topic;
    const { resource } = topic;
    for (const [tag, value] of Object.entries(tags)) Tags.of(this).add(tag, value);

    // The L1 policy renders the document as written; the L2 TopicPolicy would rebuild it through
    // iam.PolicyDocument. Its id is the one the ITopic would give a policy of its own, so the
    // ITopic's own grant methods fail loudly instead of adding statements beside this document.
    const policy = new sns.CfnTopicPolicy(topic, 'Policy', {
      topics: [arn],
      policyDocument: Lazy.any({ produce: () => this.grants.policy() }),
    });
    assignLogicalId(policy, logicalIds.topicPolicy(logicalName));
    policy.node.addDependency(resource);

    // For publishers and subscribers, as the Terraform backend outputs it.
    const output = new CfnOutput(this, 'OutputArn', { value: resource.ref });
    assignLogicalId(output, logicalIds.output(logicalIds.topic(logicalName), 'Arn'));
  }

  /** Lets an IAM role or user publish, over TLS, and use the topic's key through SNS. */
  grantPublish(principalArn: string): void {
    this.grants.grantPublish(principalArn);
  }
}
