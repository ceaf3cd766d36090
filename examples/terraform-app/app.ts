/**
 * A cdktf app of a team's own: an invoices topic and queue from eventbus-infra beside the
 * team's worker role and an alarm on the queue's dead-letter queue.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Duration, EventQueue, EventTopic } from 'eventbus-infra/terraform';

const ENVIRONMENT = { account: '111111111111', region: 'eu-west-1' };
const WORKER_ROLE = 'billing-invoice-worker';

class BillingStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: ENVIRONMENT.region, allowedAccountIds: [ENVIRONMENT.account] });

    new IamRole(this, 'worker', {
      name: WORKER_ROLE,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    });

    const events = new EventTopic(this, 'invoice-events', {
      name: 'billing-invoice-events',
      environment: ENVIRONMENT,
      encryption: 'kms',
    });
    const invoices = new EventQueue(this, 'invoices', {
      name: 'billing-invoices',
      environment: ENVIRONMENT,
      visibilityTimeout: Duration.minutes(2),
      encryption: 'kms',
    });
    // Policies name principals by their written ARN: the role's name is known, so is its ARN.
    invoices.grantConsumeMessages(`arn:aws:iam::${ENVIRONMENT.account}:role/${WORKER_ROLE}`);
    events.grantPublish('arn:aws:iam::111111111111:role/billing-api');
    invoices.subscribe(events, { filterPolicy: { event_type: ['InvoicePaid', 'InvoiceVoided'] } });
    // Another team's topic, created in its own state: subscribed to by ARN.
    invoices.subscribe(
      {
        topicArn: 'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
        logicalName: 'orders/order-events',
      },
      { filterPolicy: { event_type: ['OrderPlaced'] } },
    );

    new CloudwatchMetricAlarm(this, 'invoices-failing', {
      alarmName: 'billing-invoices-dead-letters',
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: (invoices.deadLetterQueue as SqsQueue).name },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    });
  }
}

/** The app, synthesized into `outdir` by the caller. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir, stackTraces: false });
  new BillingStack(app, 'billing');
  return app;
}
