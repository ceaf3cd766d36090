import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBusModel } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { turnEventLoop } from '../support/event-loop';
import { workspace } from '../support/workspace';
import { inventoryOf, plannedInventory, synthesizeBoth, type BothOutputs } from './both-backends';
import { cloudFormationFacts } from './cloudformation-facts';
import { terraformFacts } from './terraform-facts';
import { organisation, PARITY_CONFIG } from './organisations';

const REPO = path.resolve(__dirname, '../..');

function bundledModel(): EventBusModel {
  const { model, diagnostics } = validateRequests({
    requestsDir: 'requests',
    configFile: 'eventbus.config.yaml',
    cwd: REPO,
  });
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return model as EventBusModel;
}

describe('Terraform and CloudFormation render the same bus', () => {
  let bundled: BothOutputs;

  beforeAll(() => {
    bundled = synthesizeBoth(bundledModel());
  });

  afterAll(() => bundled.remove());

  it('for the bundled requests', () => {
    expect(bundled.cloudformation).toEqual(bundled.terraform);
    expect(inventoryOf(bundled.terraform)).toEqual(plannedInventory(bundled.plans));
  });

  it('with the facts the requests ask for (the normalizers read what matters)', () => {
    const { queues, subscriptions, policies, creationOrder, stacks } = bundled.terraform;
    expect(stacks['prod.analytics.queues']).toEqual({
      account: '999999999999',
      region: 'eu-west-1',
      dependsOn: ['prod.orders.topics', 'prod.payments.topics'],
    });
    expect(queues['prod-payments-ledger-sync.fifo']).toMatchObject({
      fifo: true,
      retention: 1_209_600,
      visibilityTimeout: 300,
      encryption: 'SSE-SQS',
      retained: true,
      redrive: { deadLetterQueue: 'prod-payments-ledger-sync-dlq.fifo', maxReceiveCount: 3 },
    });
    expect(queues['prod-payments-ledger-sync-dlq.fifo']?.redriveAllow).toEqual({
      permission: 'byQueue',
      sourceQueues: ['prod-payments-ledger-sync.fifo'],
    });
    expect(queues['dev-shipping-shipments-sns-dlq']).toMatchObject({ retention: 1_209_600, redrive: null });
    const subscription =
      'dev-shipping-express-shipments <- arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events';
    expect(subscriptions[subscription]).toMatchObject({
      filterPolicyScope: 'MessageBody',
      filterPolicy: {
        type: ['orders.v1.OrderCreated'],
        delivery: { speed: ['express'] },
        total: [{ numeric: ['>=', 500] }],
      },
      deliveryDeadLetterQueue: 'dev-shipping-express-shipments-sns-dlq',
    });
    // SNS may deliver, and dead-letter, from the first message.
    expect(creationOrder[`subscription ${subscription}`]).toEqual([
      'queue dev-shipping-express-shipments',
      'queue dev-shipping-express-shipments-dlq',
      'queue dev-shipping-express-shipments-sns-dlq',
      'queue-policy dev-shipping-express-shipments',
      'queue-policy dev-shipping-express-shipments-sns-dlq',
    ]);
    expect(policies['sqs:dev-shipping-express-shipments']?.statements).toContain(
      JSON.stringify([
        'Allow',
        'Service:sns.amazonaws.com',
        'sqs:SendMessage',
        'arn:aws:sqs:eu-west-1:111111111111:dev-shipping-express-shipments',
        { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events' } },
      ]),
    );
  });

  it('for generated organisations', async () => {
    await fc.assert(
      // Async only to let the worker's event loop turn between organisations: each synthesizes twice.
      fc.asyncProperty(organisation, async (files) => {
        await turnEventLoop();
        const project = workspace(files, PARITY_CONFIG);
        try {
          const { model, diagnostics } = project.validate();
          expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
          const outputs = synthesizeBoth(model as EventBusModel);
          try {
            expect(outputs.cloudformation).toEqual(outputs.terraform);
            expect(inventoryOf(outputs.terraform)).toEqual(plannedInventory(outputs.plans));
          } finally {
            outputs.remove();
          }
        } finally {
          fs.rmSync(project.root, { recursive: true, force: true });
        }
      }),
      { numRuns: 20 },
    );
  }, 300_000);
});

describe('the normalizers', () => {
  let bundled: BothOutputs;

  beforeAll(() => {
    bundled = synthesizeBoth(bundledModel());
  });

  afterAll(() => bundled.remove());

  /** Edits one file of an output and returns the path of the edited file. */
  function edit(file: string, change: (text: string) => string): void {
    const text = fs.readFileSync(file, 'utf8');
    const changed = change(text);
    expect(changed).not.toBe(text);
    fs.writeFileSync(file, changed);
  }

  it('notice a changed setting on one side', () => {
    const template = path.join(bundled.cloudFormationDir, 'prod-payments-queues.template.json');
    const original = fs.readFileSync(template, 'utf8');
    try {
      edit(template, (text) => text.replace('"maxReceiveCount": 3', '"maxReceiveCount": 4'));
      const facts = cloudFormationFacts(bundled.cloudFormationDir, bundled.index);
      expect(facts.queues['prod-payments-ledger-sync.fifo']?.redrive?.maxReceiveCount).toBe(4);
      expect(facts).not.toEqual(bundled.terraform);
    } finally {
      fs.writeFileSync(template, original);
    }
  });

  it('refuse output they do not cover, instead of ignoring it', () => {
    const stack = path.join(bundled.terraformDir, 'stacks/dev.orders.topics/cdk.tf.json');
    const original = fs.readFileSync(stack, 'utf8');
    try {
      edit(stack, (text) =>
        text.replace('"fifo_topic": false', '"fifo_topic": false, "delivery_policy": "{}"'),
      );
      expect(() => terraformFacts(bundled.terraformDir, bundled.index)).toThrow(/delivery_policy/);
      fs.writeFileSync(stack, original);
      edit(stack, (text) =>
        text.replaceAll('${aws_sns_topic.topic_order-events.arn}', '${aws_sns_topic.topic_gone.arn}'),
      );
      expect(() => terraformFacts(bundled.terraformDir, bundled.index)).toThrow(/does not define/);
    } finally {
      fs.writeFileSync(stack, original);
    }
  });
});
