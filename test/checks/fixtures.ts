import { checkTerraformStack, type CheckRuleId, type Finding } from '../../lib/checks';

/**
 * Hand-written cdk.tf.json documents, shaped like cdktf's output: one clean stack that passes
 * every rule, which each test breaks in the one way its rule is about.
 */
export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '222222222222';
const ARN = `eu-west-1:${ACCOUNT}`;
export const TOPIC_ARN = `arn:aws:sns:${ARN}:dev-orders-events`;
export const QUEUE_ARN = `arn:aws:sqs:${ARN}:dev-shipping-work`;
export const DLQ_ARN = `arn:aws:sqs:${ARN}:dev-shipping-work-dlq`;
export const SNS_DLQ_ARN = `arn:aws:sqs:${ARN}:dev-shipping-work-sns-dlq`;
export const PUBLISHER = `arn:aws:iam::${ACCOUNT}:role/orders-api`;
export const CONSUMER = `arn:aws:iam::${ACCOUNT}:role/shipping-worker`;

export type Json = Record<string, unknown>;
export type Resources = Record<string, Record<string, Json>>;
export interface StackJson {
  provider: { aws: { allowed_account_ids: string[]; region: string }[] };
  resource: Resources;
}

export type Statement = Json;

export function policy(...statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const INSECURE = { Bool: { 'aws:SecureTransport': 'false' } };

export function topicTlsDeny(resource: string = TOPIC_ARN): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 'sns:Publish',
    Resource: resource,
    Condition: INSECURE,
  };
}

export function queueTlsDeny(resource: string): Statement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'sqs:*',
    Resource: resource,
    Condition: INSECURE,
  };
}

export function publisherAllow(extra: Json = {}): Statement {
  return {
    Sid: 'AllowPublishers',
    Effect: 'Allow',
    Principal: { AWS: PUBLISHER },
    Action: 'sns:Publish',
    Resource: TOPIC_ARN,
    Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
    ...extra,
  };
}

export function snsDelivery(resource: string, extra: Json = {}): Statement {
  return {
    Sid: 'AllowSnsDeliveryFromSubscribedTopics',
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: resource,
    Condition: { ArnEquals: { 'aws:SourceArn': TOPIC_ARN } },
    ...extra,
  };
}

export function consumerAllow(resource: string, extra: Json = {}): Statement {
  return {
    Sid: 'AllowConsumers',
    Effect: 'Allow',
    Principal: { AWS: CONSUMER },
    Action: [
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ],
    Resource: resource,
    ...extra,
  };
}

export function rootDelegation(account: string = ACCOUNT): Statement {
  return {
    Sid: 'AccountRoot',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

function queue(name: string, extra: Json = {}): Json {
  return {
    name,
    fifo_queue: false,
    sqs_managed_sse_enabled: true,
    lifecycle: { prevent_destroy: true },
    ...extra,
  };
}

/** A topic, its key, a subscribed queue with both dead-letter queues, and every policy: no findings. */
export function cleanStack(): StackJson {
  return {
    provider: { aws: [{ allowed_account_ids: [ACCOUNT], region: 'eu-west-1' }] },
    resource: {
      aws_kms_key: {
        topic_key: {
          enable_key_rotation: true,
          deletion_window_in_days: 30,
          policy: policy(rootDelegation()),
        },
      },
      aws_sns_topic: {
        topic_events: {
          name: 'dev-orders-events',
          fifo_topic: false,
          kms_master_key_id: '${aws_kms_key.topic_key.arn}',
        },
      },
      aws_sns_topic_policy: {
        topic_events_policy: {
          arn: '${aws_sns_topic.topic_events.arn}',
          policy: policy(topicTlsDeny(), publisherAllow()),
        },
      },
      aws_sqs_queue: {
        queue_work: queue('dev-shipping-work', {
          redrive_policy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 }),
          depends_on: ['aws_sqs_queue.queue_work_dlq'],
        }),
        queue_work_dlq: queue('dev-shipping-work-dlq'),
        queue_work_sns_dlq: queue('dev-shipping-work-sns-dlq'),
      },
      aws_sqs_queue_policy: {
        queue_work_policy: {
          queue_url: '${aws_sqs_queue.queue_work.url}',
          policy: policy(queueTlsDeny(QUEUE_ARN), snsDelivery(QUEUE_ARN), consumerAllow(QUEUE_ARN)),
        },
        queue_work_dlq_policy: {
          queue_url: '${aws_sqs_queue.queue_work_dlq.url}',
          policy: policy(queueTlsDeny(DLQ_ARN), consumerAllow(DLQ_ARN)),
        },
        queue_work_sns_dlq_policy: {
          queue_url: '${aws_sqs_queue.queue_work_sns_dlq.url}',
          policy: policy(queueTlsDeny(SNS_DLQ_ARN), snsDelivery(SNS_DLQ_ARN), consumerAllow(SNS_DLQ_ARN)),
        },
      },
      aws_sqs_queue_redrive_allow_policy: {
        queue_work_dlq_redrive_allow: {
          queue_url: '${aws_sqs_queue.queue_work_dlq.url}',
          redrive_allow_policy: JSON.stringify({
            redrivePermission: 'byQueue',
            sourceQueueArns: [QUEUE_ARN],
          }),
        },
      },
      aws_sns_topic_subscription: {
        subscription_work: {
          topic_arn: '${aws_sns_topic.topic_events.arn}',
          protocol: 'sqs',
          endpoint: '${aws_sqs_queue.queue_work.arn}',
          redrive_policy: JSON.stringify({ deadLetterTargetArn: SNS_DLQ_ARN }),
        },
      },
    },
  };
}

/** The clean stack without its KMS key: what the synthesized output looks like today. */
export function stackWithoutKeys(): StackJson {
  const stack = cleanStack();
  delete stack.resource['aws_kms_key'];
  return stack;
}

/** A resource of the stack, to change in place. */
export function resource(stack: StackJson, type: string, name: string): Json {
  const found = stack.resource[type]?.[name];
  if (!found) throw new Error(`fixture has no ${type}.${name}`);
  return found;
}

/** Replaces the policy of a policy resource (or inline `policy`). */
export function setPolicy(stack: StackJson, type: string, name: string, ...statements: Statement[]): void {
  resource(stack, type, name)['policy'] = policy(...statements);
}

/** What a rule found, as tests assert it: id and address. */
export function found(ruleId: CheckRuleId, stack: StackJson | string): Pick<Finding, 'ruleId' | 'address'>[] {
  return checkTerraformStack('dev.test', stack)
    .filter((finding) => finding.ruleId === ruleId)
    .map(({ ruleId: id, address }) => ({ ruleId: id, address }));
}

/** One finding of `ruleId` at each address, in address order. */
export function at(ruleId: CheckRuleId, ...addresses: string[]): Pick<Finding, 'ruleId' | 'address'>[] {
  return addresses.map((address) => ({ ruleId, address }));
}
