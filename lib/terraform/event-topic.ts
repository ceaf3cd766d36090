import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Lazy, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { resolveTopicProps, TopicGrants, type EventTopicProps, type TopicReference } from '../model';
import { addresses } from './addresses';
import { encryptAtRest } from './encryption-key';
import { escapeTags, templateSafeJson } from './escape';

export type { EventTopicProps };

/**
 * An SNS topic with the resource policy that names its publishers and enforces TLS, and its own
 * KMS key when it asks for one. Invalid props throw an InvalidPropsError listing every problem.
 */
export class EventTopic extends Construct implements TopicReference {
  readonly topic: SnsTopic;
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
    // Subscribers in other stacks point at the topic by ARN; deleting it would silently cut them
    // off, so it is protected like a queue (retire it instead), and so is its key.
    const encryption = encryptAtRest(this, () => this.grants.encryption(), {
      address: addresses.topicKey(logicalName),
      tags,
      preventDestroy: true,
    });
    this.topic = new SnsTopic(this, 'topic', {
      name,
      fifoTopic: fifo,
      ...(fifo ? { contentBasedDeduplication } : {}),
      ...encryption,
      lifecycle: { preventDestroy: true },
      tags: escapeTags(tags),
    });
    this.topic.overrideLogicalId(addresses.topic(logicalName));
    const output = new TerraformOutput(this, 'arn', { value: this.topic.arn });
    output.overrideLogicalId(addresses.output(addresses.topic(logicalName), 'arn'));

    const policy = new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: Lazy.stringValue({ produce: () => templateSafeJson(this.grants.policy()) }),
    });
    policy.overrideLogicalId(addresses.topicPolicy(logicalName));
  }

  /** Lets an IAM role or user publish, over TLS, and use the topic's key through SNS. */
  grantPublish(principalArn: string): void {
    this.grants.grantPublish(principalArn);
  }
}
