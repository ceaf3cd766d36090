/**
 * The readers resolve what the backends write the way AWS would, and refuse what they cannot
 * resolve. CloudFormation keys are read from a hand-written template here, because
 * lib/cloudformation does not write keys yet: this is the path its key assertions will take.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCloudFormationOutput, readTerraformOutput } from './rendered';

const POLICY = { Version: '2012-10-17', Statement: [] };

let outdir: string;

function write(files: Readonly<Record<string, unknown>>): string {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-security-reader-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
    fs.writeFileSync(path.join(outdir, file), JSON.stringify(content));
  }
  return outdir;
}

afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('readCloudFormationOutput', () => {
  const manifest = {
    artifacts: {
      'dev-orders': {
        type: 'aws:cloudformation:stack',
        environment: 'aws://111111111111/eu-west-1',
        properties: { templateFile: 'dev-orders.template.json' },
      },
    },
  };
  const rootArn = {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
  };

  it('resolves keys, aliases and the resources they encrypt, and policies on Ref and literal ARNs', () => {
    const bus = readCloudFormationOutput(
      write({
        'manifest.json': manifest,
        'dev-orders.template.json': {
          Resources: {
            Key: {
              Type: 'AWS::KMS::Key',
              Properties: { KeyPolicy: { ...POLICY, Statement: [{ Principal: { AWS: rootArn } }] } },
            },
            Alias: {
              Type: 'AWS::KMS::Alias',
              Properties: { AliasName: 'alias/eventbus/dev-orders-q', TargetKeyId: { Ref: 'Key' } },
            },
            Queue: {
              Type: 'AWS::SQS::Queue',
              Properties: { QueueName: 'dev-orders-q', KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
            },
            QueuePolicy: {
              Type: 'AWS::SQS::QueuePolicy',
              Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: POLICY },
            },
            Topic: {
              Type: 'AWS::SNS::Topic',
              Properties: { TopicName: 'dev-orders-t', KmsMasterKeyId: { Ref: 'Key' } },
            },
            TopicPolicy: {
              Type: 'AWS::SNS::TopicPolicy',
              Properties: {
                Topics: [{ Ref: 'Topic' }, 'arn:aws:sns:eu-west-1:111111111111:other'],
                PolicyDocument: POLICY,
              },
            },
          },
        },
      }),
    );
    expect(bus.queues.map((queue) => queue.arn)).toEqual(['arn:aws:sqs:eu-west-1:111111111111:dev-orders-q']);
    expect(bus.topics.map((topic) => topic.arn)).toEqual([
      'arn:aws:sns:eu-west-1:111111111111:dev-orders-t',
      'arn:aws:sns:eu-west-1:111111111111:other',
    ]);
    expect(bus.keys).toEqual([
      expect.objectContaining({
        arn: expect.stringMatching(/^arn:aws:kms:eu-west-1:111111111111:key\/[0-9a-f-]{36}$/),
        account: '111111111111',
        aliases: ['alias/eventbus/dev-orders-q'],
        encrypts: [
          'arn:aws:sns:eu-west-1:111111111111:dev-orders-t',
          'arn:aws:sqs:eu-west-1:111111111111:dev-orders-q',
        ],
        policy: { ...POLICY, Statement: [{ Principal: { AWS: 'arn:aws:iam::111111111111:root' } }] },
      }),
    ]);
  });

  it('refuses an intrinsic it cannot resolve, naming the resource', () => {
    const directory = write({
      'manifest.json': manifest,
      'dev-orders.template.json': {
        Resources: {
          Policy: {
            Type: 'AWS::SQS::QueuePolicy',
            Properties: { Queues: [{ 'Fn::ImportValue': 'queue-url' }], PolicyDocument: POLICY },
          },
        },
      },
    });
    expect(() => readCloudFormationOutput(directory)).toThrow(
      /dev-orders AWS::SQS::QueuePolicy Policy: unsupported intrinsic/,
    );
  });
});

describe('readTerraformOutput', () => {
  const provider = { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] };

  it('resolves references and escaped template characters as Terraform does', () => {
    const bus = readTerraformOutput(
      write({
        'stacks/dev.orders.queues/cdk.tf.json': {
          provider,
          resource: {
            aws_sqs_queue: { queue_q: { name: 'dev-orders-q' } },
            aws_sqs_queue_policy: {
              queue_q_policy: {
                queue_url: '${aws_sqs_queue.queue_q.url}',
                policy: JSON.stringify({
                  ...POLICY,
                  Statement: [{ Sid: 'literal $${x} and %%{y}', Resource: '${aws_sqs_queue.queue_q.arn}' }],
                }),
              },
            },
          },
        },
      }),
    );
    expect(bus.queues).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:sqs:eu-west-1:111111111111:dev-orders-q',
        policy: {
          ...POLICY,
          Statement: [
            { Sid: 'literal ${x} and %{y}', Resource: 'arn:aws:sqs:eu-west-1:111111111111:dev-orders-q' },
          ],
        },
      }),
    ]);
  });

  it('refuses a template directive in a policy', () => {
    const directory = write({
      'stacks/dev.orders.topics/cdk.tf.json': {
        provider,
        resource: {
          aws_sns_topic_policy: {
            p: { arn: 'arn:aws:sns:eu-west-1:111111111111:t', policy: '%{ if true }{}%{ endif }' },
          },
        },
      },
    });
    expect(() => readTerraformOutput(directory)).toThrow(/aws_sns_topic_policy\.p: template directive/);
  });
});
