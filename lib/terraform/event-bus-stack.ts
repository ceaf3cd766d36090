import { AwsProvider, type AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StackPlan, StateBackend } from '../model';
import { EventQueue } from './event-queue';
import { EventTopic } from './event-topic';
import { queueProps, subscribeArguments, topicProps } from '../model';
import { forgetRetired } from './retired';
import { escapeTags } from './escape';

export interface EventBusStackProps {
  /** Everything the stack deploys. */
  readonly plan: StackPlan;
  /** Where Terraform keeps the stack's state. @default local state */
  readonly stateBackend?: StateBackend;
}

/** One team's topics, queues and subscriptions in one environment: one Terraform state. */
export class EventBusStack extends TerraformStack {
  /** `id` names the stack's output folder (`stacks/<id>`); the request stacks use the plan's name. */
  constructor(scope: Construct, id: string, { plan, stateBackend }: EventBusStackProps) {
    super(scope, id);
    const { environment } = plan;
    new AwsProvider(this, 'aws', {
      region: environment.region,
      ...(environment.endpoint === undefined
        ? {
            // Refuses to run against any other account: a dev plan can never touch prod.
            allowedAccountIds: [environment.account],
            ...(environment.deployRole ? { assumeRole: [{ roleArn: environment.deployRole }] } : {}),
          }
        : localAwsSettings(environment.endpoint, environment.account)),
      defaultTags: [{ tags: escapeTags(plan.tags) }],
    });
    // `removed` blocks (for retired topics and queues) need 1.7, S3-native locking 1.10.
    this.addOverride('terraform.required_version', stateBackend?.useLockfile ? '>= 1.10' : '>= 1.7');
    // A local AWS's resources live as long as the emulator: their state stays on this machine.
    if (stateBackend && environment.endpoint === undefined) {
      const backend = new S3Backend(this, {
        bucket: stateBackend.bucket,
        key: `${stateBackend.keyPrefix}/${environment.name}/${plan.team.name}/${plan.layer}.tfstate`,
        region: stateBackend.region,
        encrypt: stateBackend.encrypt,
      });
      // cdktf's S3 backend props predate S3-native locking (Terraform 1.10).
      if (stateBackend.useLockfile) backend.addOverride('use_lockfile', true);
    } else {
      // Beside the output directory (the stack runs in <out>/stacks/<name>): synth replaces the
      // output, and the state must outlive it. cdktf's default would write this machine's
      // absolute path into the output.
      new LocalBackend(this, { path: `../../../terraform.${plan.name}.tfstate` });
    }

    forgetRetired(this, plan);
    const topics = new Map<string, EventTopic>();
    for (const topicPlan of plan.topics) {
      if (topicPlan.topic.retired) continue;
      topics.set(
        topicPlan.arn,
        new EventTopic(this, `topic-${topicPlan.topic.key.name}`, topicProps(plan, topicPlan)),
      );
    }
    for (const queuePlan of plan.queues) {
      if (queuePlan.queue.retired) continue;
      const queue = new EventQueue(this, `queue-${queuePlan.queue.key.name}`, queueProps(plan, queuePlan));
      // Created before the subscriptions, in the plan's order, so that each subscription waits
      // for every queue SNS may write to.
      for (const deliveryDeadLetter of queuePlan.deliveryDeadLetters) {
        queue.deliveryDeadLetterQueue(deliveryDeadLetter.fifo);
      }
      for (const subscriptionPlan of queuePlan.subscriptions)
        queue.subscribe(...subscribeArguments(topics, subscriptionPlan));
    }
  }
}

/**
 * The provider settings a local AWS (LocalStack, moto) needs: every service the stacks use at
 * its endpoint, test credentials, and no calls that only AWS answers (credential validation
 * through STS, the account id lookup, the EC2 metadata service). Both emulators take an access
 * key of 12 digits as the account to act in, so the resources get the ARNs the plan wrote.
 */
function localAwsSettings(endpoint: string, account: string): Partial<AwsProviderConfig> {
  return {
    accessKey: account,
    secretKey: 'test',
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: 'true',
    endpoints: [{ iam: endpoint, kms: endpoint, sns: endpoint, sqs: endpoint, sts: endpoint }],
  };
}
