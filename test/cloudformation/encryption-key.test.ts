import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { queueResourceCount, topicResourceCount } from '../../lib/cloudformation';
import { planStacks } from '../../lib/model';
import {
  awsSolutionsFindings,
  buildApp,
  busModel,
  DEV,
  ORDERS_API,
  PAYMENTS_WORKER,
  planNamed,
  queue,
  removeTemporaryOutdirs,
  team,
  templateOf,
  topic,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** Orders publishes a FIFO topic with its own key; payments reads it into a queue with its own key. */
function encryptedPlans() {
  return planStacks(
    busModel([
      team('orders', {
        topics: [
          topic('orders/ledger', { fifo: true, encryption: 'kms', publishers: [ORDERS_API] }),
          topic('orders/notices', { encryption: 'aws-managed' }),
        ],
      }),
      team('payments', {
        queues: [
          queue('payments/ledger', {
            fifo: true,
            encryption: 'kms',
            consumers: [PAYMENTS_WORKER],
            subscriptions: ['orders/ledger'],
          }),
          queue('payments/archive', { encryption: 'aws-managed' }),
        ],
      }),
    ]),
    DEV.name,
  );
}

const keyArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

describe('EncryptionKey', () => {
  it("gives a queue its own rotating key with the plan's key policy, kept when the queue is", () => {
    const plan = planNamed(encryptedPlans(), 'dev.payments.queues');
    const ledger = plan.queues.find((queuePlan) => queuePlan.queue.key.name === 'ledger');
    if (ledger?.encryption.kind !== 'kms') throw new Error('the fixture plans a key for payments/ledger');
    const template = templateOf(buildApp(encryptedPlans()), 'dev-payments-queues');
    template.hasResource('AWS::KMS::Key', {
      Properties: {
        Description: ledger.encryption.key.description,
        EnableKeyRotation: true,
        PendingWindowInDays: 30,
        KeyPolicy: ledger.encryption.key.policy,
        Tags: Match.arrayWith([{ Key: 'request-file', Value: 'payments.yaml' }]),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/eventbus/sqs/dev-payments-ledger_fifo',
      TargetKeyId: { Ref: 'QueueLedgerKey' },
    });
  });

  it('encrypts the queue, its dead-letter queue and its delivery dead-letter queue with that key', () => {
    const template = templateOf(buildApp(encryptedPlans()), 'dev-payments-queues');
    for (const name of [
      'dev-payments-ledger.fifo',
      'dev-payments-ledger-dlq.fifo',
      'dev-payments-ledger-sns-dlq.fifo',
    ]) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: name,
        KmsMasterKeyId: keyArn('QueueLedgerKey'),
        SqsManagedSseEnabled: Match.absent(),
      });
    }
  });

  it('names an AWS-managed key by its alias, and makes no key for it', () => {
    const app = buildApp(encryptedPlans());
    templateOf(app, 'dev-payments-queues').hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'dev-payments-archive',
      KmsMasterKeyId: 'alias/aws/sqs',
      SqsManagedSseEnabled: Match.absent(),
    });
    templateOf(app, 'dev-orders-topics').hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dev-orders-notices',
      KmsMasterKeyId: 'alias/aws/sns',
    });
    templateOf(app, 'dev-orders-topics').resourceCountIs('AWS::KMS::Key', 1);
    templateOf(app, 'dev-payments-queues').resourceCountIs('AWS::KMS::Key', 1);
  });

  it('gives a topic its own key, retained like the topic', () => {
    const template = templateOf(buildApp(encryptedPlans()), 'dev-orders-topics');
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'dev-orders-ledger.fifo',
      KmsMasterKeyId: keyArn('TopicLedgerKey'),
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/eventbus/sns/dev-orders-ledger_fifo',
      TargetKeyId: { Ref: 'TopicLedgerKey' },
    });
  });

  it('counts the key and its alias among the resources of a topic or queue', () => {
    const app = buildApp(encryptedPlans());
    for (const plan of encryptedPlans()) {
      const expected =
        plan.topics.reduce((sum, topicPlan) => sum + topicResourceCount(topicPlan), 0) +
        plan.queues.reduce((sum, queuePlan) => sum + queueResourceCount(queuePlan), 0);
      const resources = templateOf(app, plan.name.replaceAll('.', '-')).toJSON().Resources as object;
      expect(Object.keys(resources)).toHaveLength(expected);
    }
  });

  it('passes cdk-nag with keys on topics and queues', () => {
    expect(awsSolutionsFindings(buildApp(encryptedPlans()))).toEqual([]);
  });
});
