import { CfnOutput, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { TopicPlan } from '../model';
import { EncryptionKey, encryptionProperties } from './encryption-key';
import { CloudFormationPlanError } from './errors';
import { logicalIds } from '../model';
import { cfnResourceOf, REQUEST_FILE_TAG } from './resources';

export interface EventTopicProps {
  /** The planned topic: its name, FIFO settings and resource policy. */
  readonly plan: TopicPlan;
}

/**
 * An SNS topic with the resource policy that names its publishers and enforces TLS, and the
 * topic's own KMS key when the plan asks for one.
 */
export class EventTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, { plan }: EventTopicProps) {
    super(scope, id);
    const name = plan.topic.key.name;
    // Kept like the topic, so that a topic retired from the requests stays whole in AWS.
    const key =
      plan.encryption.kind === 'kms'
        ? new EncryptionKey(this, 'EncryptionKey', {
            plan: plan.encryption.key,
            logicalId: logicalIds.topicKey(name),
            retain: true,
          })
        : undefined;
    const { kmsMasterKeyId, sqsManagedSseEnabled } = encryptionProperties(plan.encryption, key);
    if (sqsManagedSseEnabled) {
      throw new CloudFormationPlanError(
        `topic "${plan.name}" is planned with SSE-SQS, which only queues have`,
      );
    }
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: plan.name,
      fifo: plan.topic.fifo,
      // SNS accepts content-based deduplication on FIFO topics only.
      ...(plan.topic.fifo ? { contentBasedDeduplication: plan.topic.contentBasedDeduplication } : {}),
    });
    const resource = cfnResourceOf(this.topic) as sns.CfnTopic;
    resource.overrideLogicalId(logicalIds.topic(name));
    // Subscribers in other stacks name the topic by ARN: leaving the template must not delete it.
    resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // Written on the L1 as planned: sns.Topic's masterKey would name an AWS-managed key by ARN, not alias.
    resource.kmsMasterKeyId = kmsMasterKeyId;
    Tags.of(this).add(REQUEST_FILE_TAG, plan.requestFile);

    // The L1 policy renders the plan's document as written; the L2 TopicPolicy would rebuild it
    // through iam.PolicyDocument. Its id is the one sns.Topic would give a policy of its own, so a
    // grant call on the topic fails loudly instead of adding statements the plan does not contain.
    const policy = new sns.CfnTopicPolicy(this.topic, 'Policy', {
      topics: [plan.arn],
      policyDocument: plan.policy,
    });
    policy.overrideLogicalId(logicalIds.topicPolicy(name));
    policy.node.addDependency(cfnResourceOf(this.topic));

    // For publishers and subscribers, as the Terraform backend outputs it.
    const arn = new CfnOutput(this, 'OutputArn', { value: this.topic.topicArn });
    arn.overrideLogicalId(logicalIds.output(logicalIds.topic(name), 'Arn'));
  }
}
