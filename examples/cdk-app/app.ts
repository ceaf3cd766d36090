/**
 * A CDK app of a team's own: an invoices topic and queue from eventbus-infra beside the team's
 * worker role and an alarm on the queue's dead-letter queue.
 */
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { Duration, EventQueue, EventTopic } from 'eventbus-infra/cloudformation';

const ENVIRONMENT = { account: '111111111111', region: 'eu-west-1' };
const WORKER_ROLE = 'billing-invoice-worker';

class BillingStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    new iam.Role(this, 'Worker', {
      roleName: WORKER_ROLE,
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
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
    // Another team's topic, created in its own stack: subscribed to by ARN.
    invoices.subscribe(
      {
        topicArn: 'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
        logicalName: 'orders/order-events',
      },
      { filterPolicy: { event_type: ['OrderPlaced'] } },
    );

    const deadLetters = invoices.deadLetterQueue;
    if (deadLetters) {
      new cloudwatch.Alarm(this, 'InvoicesFailing', {
        alarmName: 'billing-invoices-dead-letters',
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }),
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
  }
}

/** The app, synthesized into `outdir` by the caller. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir, analyticsReporting: false });
  new BillingStack(app, 'billing', { env: ENVIRONMENT });
  return app;
}
