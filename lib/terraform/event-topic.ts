import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { TopicPlan } from '../model';
import { addresses } from './addresses';
import { encryptAtRest } from './encryption-key';
import { escapeTags, templateSafeJson } from './escape';

export interface EventTopicProps {
  /** The planned topic: its name, FIFO settings and resource policy. */
  readonly plan: TopicPlan;
}

/** An SNS topic with the resource policy that names its publishers and enforces TLS. */
export class EventTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, { plan }: EventTopicProps) {
    super(scope, id);
    const name = plan.topic.key.name;
    const tags = { 'request-file': plan.requestFile };
    // Subscribers in other stacks point at the topic by ARN; deleting it would silently cut them
    // off, so it is protected like a queue (retire it instead), and so is its key.
    const encryption = encryptAtRest(this, plan.encryption, {
      address: addresses.topicKey(name),
      tags,
      preventDestroy: true,
    });
    this.topic = new SnsTopic(this, 'topic', {
      name: plan.name,
      fifoTopic: plan.topic.fifo,
      ...(plan.topic.fifo ? { contentBasedDeduplication: plan.topic.contentBasedDeduplication } : {}),
      ...encryption,
      lifecycle: { preventDestroy: true },
      tags: escapeTags(tags),
    });
    this.topic.overrideLogicalId(addresses.topic(name));
    const arn = new TerraformOutput(this, 'arn', { value: this.topic.arn });
    arn.overrideLogicalId(addresses.output(addresses.topic(name), 'arn'));

    const policy = new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      policy: templateSafeJson(plan.policy),
    });
    policy.overrideLogicalId(addresses.topicPolicy(name));
  }
}
