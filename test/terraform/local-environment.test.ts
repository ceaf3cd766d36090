import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../support/expect';
import { resource, stackOf, synthesizeRequests } from './support';
import { copyOfExample, runCli } from '../cli/run-cli';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1, deployRole: "arn:aws:iam::111111111111:role/deployer" }
  local: { account: "000000000000", region: us-east-1, endpoint: "http://127.0.0.1:4566/" }
stateBackend: { bucket: acme-state, region: eu-west-1 }
`;

const ORDERS = `team: orders
owner: orders@example.com
topics:
  order-events:
    encryption: kms
queues:
  audit:
    subscriptions:
      - topic: order-events
`;

describe('an environment with an endpoint (a local AWS)', () => {
  const stacks = synthesizeRequests({ 'orders.yaml': ORDERS }, CONFIG);

  it('sends every service the stacks use to the endpoint, with test credentials and no AWS-only calls', () => {
    const provider = (stackOf(stacks, 'local.orders.queues').document['provider'] as { aws: object[] })
      .aws[0];
    expect(provider).toEqual({
      region: 'us-east-1',
      access_key: '000000000000',
      secret_key: 'test',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      endpoints: [
        {
          iam: 'http://127.0.0.1:4566',
          kms: 'http://127.0.0.1:4566',
          sns: 'http://127.0.0.1:4566',
          sqs: 'http://127.0.0.1:4566',
          sts: 'http://127.0.0.1:4566',
        },
      ],
      default_tags: [expect.anything()],
    });
  });

  it('keeps its state beside the output, and the other environments keep theirs in S3', () => {
    const terraform = (name: string) =>
      stackOf(stacks, name).document['terraform'] as { backend: Record<string, unknown> };
    expect(terraform('local.orders.topics').backend).toEqual({
      local: { path: '../../../terraform.local.orders.topics.tfstate' },
    });
    expect(Object.keys(terraform('dev.orders.topics').backend)).toEqual(['s3']);
    const dev = (stackOf(stacks, 'dev.orders.topics').document['provider'] as { aws: object[] }).aws[0];
    expect(dev).toMatchObject({ allowed_account_ids: ['111111111111'] });
  });

  it('renders the same resources as any other environment', () => {
    const local = stackOf(stacks, 'local.orders.queues');
    expect(resource(local, 'aws_sqs_queue', 'queue_audit')['name']).toBe('local-orders-audit');
    const kinds = (name: string) => Object.keys(stackOf(stacks, name).document['resource'] as object).sort();
    expect(kinds('local.orders.queues')).toEqual(kinds('dev.orders.queues'));
    expect(kinds('local.orders.topics')).toEqual(kinds('dev.orders.topics'));
  });

  it('is refused for an account that could be real, unless the config says local: true', () => {
    const request = { 'orders.yaml': 'team: orders\nowner: o@example.com\n' };
    const config = (settings: string) =>
      `environments:\n  dev: { account: "111111111111", region: eu-west-1${settings} }\n`;
    expectOnly(
      'local-endpoint',
      { file: 'eventbus.config.yaml', line: 2, column: 64 },
      request,
      config(', endpoint: "http://localhost:4566"'),
    );
    expectClean('local-endpoint', request, config(', endpoint: "http://localhost:4566", local: true'));
    expectClean('local-endpoint', request, config(''));
  });

  it("gives endpoints/<env>.json the emulator's queue URLs", async () => {
    const root = copyOfExample();
    expect((await runCli(['synth', '--env', 'local'], root)).status).toBe(0);
    const endpoints = JSON.parse(
      fs.readFileSync(path.join(root, 'cdktf.out/endpoints/local.json'), 'utf8'),
    ) as {
      shipping: { queues: { shipments: { url: string } } };
    };
    expect(endpoints.shipping.queues.shipments.url).toBe(
      'http://localhost:4566/000000000000/local-shipping-shipments',
    );
  });
});
