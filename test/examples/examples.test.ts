import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp as buildCdkApp } from '../../examples/cdk-app/app';
import { buildApp as buildTerraformApp } from '../../examples/terraform-app/app';

const outdirs: string[] = [];
afterAll(() => {
  for (const outdir of outdirs) fs.rmSync(outdir, { recursive: true, force: true });
});

function temporaryOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-example-'));
  outdirs.push(outdir);
  return outdir;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

describe('the cdktf example app', () => {
  it('synthesizes the constructs beside resources of its own', () => {
    const outdir = temporaryOutdir();
    buildTerraformApp(outdir).synth();
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/billing/cdk.tf.json'), 'utf8')) as {
      resource: Resources;
    };
    const { resource } = stack;
    expect(Object.keys(resource['aws_iam_role'] ?? {})).toHaveLength(1);
    expect(Object.values(resource['aws_cloudwatch_metric_alarm'] ?? {})[0]).toMatchObject({
      dimensions: { QueueName: '${aws_sqs_queue.queue_invoices_dlq.name}' },
    });
    expect(Object.keys(resource['aws_sns_topic_subscription'] ?? {}).sort()).toEqual([
      'subscription_invoices_invoice-events',
      'subscription_invoices_orders_order-events',
    ]);
    const queuePolicy = JSON.parse(
      resource['aws_sqs_queue_policy']?.['queue_invoices_policy']?.['policy'] as string,
    ) as { Statement: { Sid: string; Principal?: unknown; Condition?: unknown }[] };
    expect(queuePolicy.Statement.find((statement) => statement.Sid === 'AllowConsumers')?.Principal).toEqual({
      AWS: 'arn:aws:iam::111111111111:role/billing-invoice-worker',
    });
    expect(
      queuePolicy.Statement.find((statement) => statement.Sid === 'AllowSnsDeliveryFromSubscribedTopics')
        ?.Condition,
    ).toEqual({
      ArnEquals: {
        'aws:SourceArn': [
          'arn:aws:sns:eu-west-1:111111111111:billing-invoice-events',
          'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
        ],
      },
    });
  });
});

describe('the CDK example app', () => {
  it('synthesizes the constructs beside resources of its own', () => {
    const app = buildCdkApp(temporaryOutdir());
    const template = Template.fromJSON(app.synth().getStackByName('billing').template as object);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['QueueInvoicesDeadLetter', 'QueueName'] } }],
    });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: [
          { Sid: 'DenyInsecureTransport' },
          {
            Sid: 'AllowSnsDeliveryFromSubscribedTopics',
            Condition: {
              ArnEquals: {
                'aws:SourceArn': [
                  'arn:aws:sns:eu-west-1:111111111111:billing-invoice-events',
                  'arn:aws:sns:eu-west-1:111111111111:orders-order-events',
                ],
              },
            },
          },
          {
            Sid: 'AllowConsumers',
            Principal: { AWS: 'arn:aws:iam::111111111111:role/billing-invoice-worker' },
          },
        ],
      },
    });
  });
});
