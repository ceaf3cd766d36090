/**
 * The bundled example's local environment, applied with the real Terraform provider to moto's
 * server, then published to: every queue must receive exactly what `eventbus route` predicts.
 *
 * Workarounds for moto, here and never in what synth writes:
 * - moto does not implement SQS's RedriveAllowPolicy: the provider would wait forever for
 *   aws_sqs_queue_redrive_allow_policy, so every other resource is applied with -target.
 * - moto evaluates a KMS key policy's Deny without its conditions, so the key policies' TLS-only
 *   Deny would refuse every call, even over TLS: an override gives each key its policy without
 *   that statement.
 * The provider of the mirror (5.100) caps max_message_size at 256 KiB (1 MiB came with 6.8);
 * the example's queues stay within it, so no override is needed for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterMessage } from '../../lib/filter-policy';
import { formatKey, planStacks, type EventBusModel, type StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { routeEvent } from '../../lib/views/route';
import { layersOf, targetsMotoCanApply, withoutDeny, type StackDocument } from '../../scripts/demo/stacks';
import { copyOfExample, runCli } from '../cli/run-cli';
import {
  findLocalAws,
  probe,
  startMoto,
  type ProbeEvent,
  type ProbeResult,
  type RunningLocalAws,
} from '../support/local-aws';
import { findTerraform, PINNED_PROVIDER, TerraformWorkspace } from '../support/terraform';

const terraform = findTerraform();
const localAws = findLocalAws();
const missing = [terraform, localAws].flatMap((tools) => (tools.available ? [] : [tools.missing]));
if (missing.length > 0) {
  const message = `the end-to-end tests need terraform, its provider mirror and moto: ${missing.join('; ')}`;
  if (process.env['CI']) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
}

const ENVIRONMENT = 'local';
/** The bundled example's local environment's account. */
const LOCAL_ACCOUNT = '000000000000';

interface TableEvent {
  readonly name: string;
  readonly topic: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>> | string;
  readonly groupId?: string;
  /** Attributes of another data type than String. */
  readonly types?: Readonly<Record<string, 'String.Array' | 'Number'>>;
}

/** Attributes and JSON bodies for every filter of the example, each matching some queues and not others. */
const EVENTS: readonly TableEvent[] = [
  {
    name: 'express order in the EU',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCreated', region: 'eu-west-1' },
    body: { type: 'orders.v1.OrderCreated', delivery: { speed: 'express' }, total: 700 },
  },
  {
    name: 'order shipped',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderShipped', region: 'eu-west-1' },
    body: { type: 'orders.v1.OrderShipped', total: 10 },
  },
  {
    name: 'order outside the EU, plain-text body',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCreated', region: 'us-east-1' },
    body: 'order created',
  },
  {
    name: 'order cancelled, standard delivery',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCancelled', region: 'eu-central-1' },
    body: { type: 'orders.v1.OrderCreated', delivery: { speed: 'standard' }, total: 900 },
  },
  {
    name: 'express order just below 500',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCreated', region: 'eu-north-1' },
    body: { type: 'orders.v1.OrderCreated', delivery: { speed: 'express' }, total: 499.5 },
  },
  {
    name: 'ledger entry, first order',
    topic: 'orders/order-ledger',
    body: { entry: 1 },
    groupId: 'order-1',
  },
  {
    name: 'ledger entry, second order',
    topic: 'orders/order-ledger',
    body: { entry: 2 },
    groupId: 'order-2',
  },
  {
    name: 'payment captured',
    topic: 'payments/payment-events',
    attributes: { event_type: 'payments.v1.PaymentCaptured' },
    body: { amount: 12 },
  },
  {
    // SNS matches a String.Array attribute when any element matches: a prefix too.
    name: 'regions as a String.Array',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCreated', region: '["eu-west-1", "us-east-1"]' },
    types: { region: 'String.Array' },
    body: { type: 'orders.v1.OrderCancelled' },
  },
  {
    // A String attribute that looks like JSON is still one string to SNS: it has no prefix "eu-".
    name: 'JSON-looking String region',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderCreated', region: '["eu-west-1"]' },
    body: { type: 'orders.v1.OrderCancelled' },
  },
  {
    // Numeric matching applies to JSON numbers only: "700" is a string.
    name: 'total as a string',
    topic: 'orders/order-events',
    attributes: { event_type: 'orders.v1.OrderShipped' },
    body: { type: 'orders.v1.OrderCreated', delivery: { speed: 'express' }, total: '700' },
  },
  {
    name: 'refund issued',
    topic: 'payments/payment-events',
    attributes: { event_type: 'payments.v1.RefundIssued' },
    body: { amount: 3 },
  },
];

/** Each event's body carries its name, so a received message says which event it is. */
function bodyOf(event: TableEvent): string {
  return typeof event.body === 'string'
    ? `${event.body} (${event.name})`
    : JSON.stringify({ ...event.body, probe: event.name });
}

function attributesOf(
  event: TableEvent,
): Record<string, { DataType: 'String' | 'String.Array' | 'Number'; StringValue: string }> {
  return Object.fromEntries(
    Object.entries(event.attributes ?? {}).map(([name, value]) => [
      name,
      { DataType: event.types?.[name] ?? 'String', StringValue: value },
    ]),
  );
}

function filterMessageOf(event: TableEvent): FilterMessage {
  return { attributes: attributesOf(event), body: bodyOf(event) };
}

/**
 * Where moto's filter evaluation differs from SNS's documented behaviour, which route follows:
 * the queue receives the event in one and not in the other. Listed, not silenced: if moto
 * changes, the test says so.
 */
const MOTO_DIFFERENCES: readonly { readonly event: string; readonly queue: string; readonly why: string }[] =
  [
    {
      event: 'regions as a String.Array',
      queue: 'shipping/shipments',
      why: 'moto does not match a prefix against the elements of a String.Array attribute',
    },
  ];

/**
 * Events moto cannot take at all: its server fails comparing the string "700" with the number
 * 500 (a TypeError) and answers 500, where SNS publishes and the numeric filter turns it away.
 */
const MOTO_REFUSED_EVENTS: readonly string[] = ['total as a string'];

/** Harness workaround (see the top): each key's policy without the Deny moto cannot evaluate. */
function keyPolicyOverride(stackDocument: StackDocument): string {
  const keys = stackDocument.resource?.['aws_kms_key'] ?? {};
  const overrides = Object.fromEntries(
    Object.entries(keys).map(([name, key]) => [name, { policy: withoutDeny(key.policy ?? '{}') }]),
  );
  return JSON.stringify({ resource: { aws_kms_key: overrides } }, null, 2);
}

/**
 * Harness workaround: once in several runs, moto answered a stack's first CreateAlias with
 * AlreadyExists although no earlier request had created the alias (the provider's retry of a
 * request moto had carried out but not answered). The alias is then adopted into the state and
 * the apply repeated; anything else fails the test.
 */
async function applyAdoptingAliases(
  workspace: TerraformWorkspace,
  directory: string,
  targets: readonly string[],
): Promise<Record<string, { value: unknown }>> {
  try {
    return await workspace.apply(directory, targets);
  } catch (error) {
    const text = String(error);
    const adopted = [
      ...text.matchAll(
        /creating KMS Alias \((alias\/[^)]+)\)[^]*?AlreadyExistsException[^]*?with (aws_kms_alias\.[\w-]+),/g,
      ),
    ];
    if (adopted.length === 0) throw error;
    for (const [, alias, address] of adopted)
      await workspace.importResource(directory, address as string, alias as string);
    return workspace.apply(directory, targets);
  }
}

describe.skipIf(missing.length > 0)('the bundled example on a local AWS (moto)', () => {
  let moto: RunningLocalAws | undefined;
  let workspace: TerraformWorkspace | undefined;
  let model: EventBusModel;
  let plans: StackPlan[];
  let outputs: Record<string, unknown> = {};
  let endpoints: Record<string, { queues?: Record<string, { url: string }> }>;
  let observed: ProbeResult;

  beforeAll(async () => {
    if (!terraform.available) return;
    moto = await startMoto(LOCAL_ACCOUNT);
    workspace = await TerraformWorkspace.create(terraform.mirror, PINNED_PROVIDER);
    const root = copyOfExample();
    const config = path.join(root, 'eventbus.config.yaml');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('http://localhost:4566', moto.endpoint));
    const synth = await runCli(['synth', '--env', ENVIRONMENT], root);
    expect(synth.stderr).toBe('');
    const out = path.join(root, 'cdktf.out');
    for (const layer of layersOf(out)) {
      const applied = await Promise.all(
        layer.map(async (stack) => {
          const directory = (workspace as TerraformWorkspace).useStack(out, stack);
          const document = JSON.parse(
            fs.readFileSync(path.join(directory, 'cdk.tf.json'), 'utf8'),
          ) as StackDocument;
          if (document.resource?.['aws_kms_key']) {
            const override = keyPolicyOverride(document);
            fs.writeFileSync(path.join(directory, 'moto_override.tf.json'), override);
          }
          // Harness workaround (see the top): moto lacks the redrive-allow policies.
          return applyAdoptingAliases(
            workspace as TerraformWorkspace,
            directory,
            targetsMotoCanApply(document),
          );
        }),
      );
      for (const output of applied)
        outputs = {
          ...outputs,
          ...Object.fromEntries(Object.entries(output).map(([name, { value }]) => [name, value])),
        };
    }
    endpoints = JSON.parse(
      fs.readFileSync(path.join(out, `endpoints/${ENVIRONMENT}.json`), 'utf8'),
    ) as typeof endpoints;

    const validation = validateRequests({
      requestsDir: path.join(root, 'requests'),
      configFile: config,
      cwd: root,
    });
    model = validation.model as EventBusModel;
    plans = planStacks(model, ENVIRONMENT);
    const environment = model.platform.environments.find((candidate) => candidate.name === ENVIRONMENT);
    const topicArn = (key: string) =>
      plans.flatMap((plan) => plan.topics).find((topic) => formatKey(topic.topic.key) === key)?.arn as string;
    const events: ProbeEvent[] = EVENTS.map((event) => ({
      topicArn: topicArn(event.topic),
      body: bodyOf(event),
      attributes: attributesOf(event),
      ...(event.groupId ? { groupId: event.groupId } : {}),
    }));
    observed = await probe({
      endpoint: moto.endpoint,
      region: environment?.region as string,
      account: environment?.account as string,
      queues: Object.values(endpoints).flatMap((team) =>
        Object.values(team.queues ?? {}).map((queue) => queue.url),
      ),
      topics: plans.flatMap((plan) => plan.topics.map((topic) => topic.arn)),
      events,
    });
  });

  afterAll(async () => {
    workspace?.dispose();
    await moto?.stop();
  });

  it('applies every stack, and its outputs are the addresses endpoints/local.json gives', () => {
    for (const [team, { queues }] of Object.entries(endpoints)) {
      for (const [name, queue] of Object.entries(queues ?? {})) {
        expect(outputs[`queue_${name}_url`], `${team}/${name}`).toBe(queue.url);
      }
    }
  });

  it('creates the queues with their settings, redrive policies and encryption', () => {
    for (const queue of plans.flatMap((plan) => plan.queues)) {
      const url = endpoints[queue.queue.key.team]?.queues?.[queue.queue.key.name]?.url as string;
      const attributes = observed.queues[url] ?? {};
      expect(attributes, queue.name).toMatchObject({
        QueueArn: queue.arn,
        MessageRetentionPeriod: String(queue.queue.retention.toSeconds()),
        ReceiveMessageWaitTimeSeconds: String(queue.queue.receiveWaitTime.toSeconds()),
        VisibilityTimeout: String(queue.queue.visibilityTimeout.toSeconds()),
        MaximumMessageSize: String(queue.queue.maxMessageSize.toBytes()),
      });
      if (queue.deadLetter) {
        expect(JSON.parse(attributes['RedrivePolicy'] ?? '{}'), queue.name).toEqual({
          deadLetterTargetArn: queue.deadLetter.arn,
          maxReceiveCount: queue.deadLetter.settings.maxReceiveCount,
        });
      }
      if (queue.encryption.kind === 'kms')
        expect(attributes['KmsMasterKeyId'], queue.name).toBe(queue.encryption.key.alias);
      if (queue.encryption.kind === 'sqs-managed')
        expect(attributes['SqsManagedSseEnabled'], queue.name).toBe('true');
    }
  });

  it('subscribes the queues with their filters, raw delivery and delivery dead-letter queues', () => {
    for (const queue of plans.flatMap((plan) => plan.queues)) {
      for (const subscription of queue.subscriptions) {
        const found = observed.subscriptions.find(
          ({ topicArn, attributes }) =>
            topicArn === subscription.topicArn && attributes['Endpoint'] === queue.arn,
        );
        const label = `${queue.name} <- ${subscription.topicArn}`;
        expect(found, label).toBeDefined();
        const attributes = found?.attributes ?? {};
        expect(attributes['RawMessageDelivery'], label).toBe(
          String(subscription.subscription.rawMessageDelivery),
        );
        expect(JSON.parse(attributes['RedrivePolicy'] ?? '{}'), label).toEqual({
          deadLetterTargetArn: subscription.deliveryDeadLetterArn,
        });
        if (subscription.subscription.filterPolicy) {
          expect(JSON.parse(attributes['FilterPolicy'] ?? '{}'), label).toEqual(
            subscription.subscription.filterPolicy,
          );
          expect(attributes['FilterPolicyScope'], label).toBe(subscription.subscription.filterScope);
        }
      }
    }
  });

  it('delivers to each queue exactly the events route predicts', () => {
    const expected = new Map<string, string[]>();
    // route sends the events moto refuses nowhere either, so they leave the comparison intact.
    for (const event of EVENTS) {
      const [team, name] = event.topic.split('/') as [string, string];
      for (const decision of routeEvent(model, { team, name }, filterMessageOf(event), ENVIRONMENT)
        .decisions) {
        const differs = MOTO_DIFFERENCES.some(
          (difference) => difference.event === event.name && difference.queue === decision.queue,
        );
        if (decision.delivered === differs) continue;
        expected.set(decision.queue, [...(expected.get(decision.queue) ?? []), event.name]);
      }
    }
    const received = new Map<string, string[]>();
    for (const [team, { queues }] of Object.entries(endpoints)) {
      for (const [name, queue] of Object.entries(queues ?? {})) {
        const bodies = observed.received[queue.url] ?? [];
        const names = EVENTS.filter((event) => bodies.some((body) => body.includes(event.name))).map(
          (event) => event.name,
        );
        if (names.length > 0) received.set(`${team}/${name}`, names);
        // Exactly: each event once, nothing else.
        expect(bodies, `${team}/${name}`).toHaveLength(names.length);
      }
    }
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(expected));
    expect(Object.keys(observed.failed).map((index) => EVENTS[Number(index)]?.name)).toEqual(
      MOTO_REFUSED_EVENTS,
    );
    // What the table is for: body filters, numeric bounds, FIFO groups, events nobody takes.
    expect(received.get('shipping/express-shipments')).toEqual(['express order in the EU']);
    expect(received.get('shipping/shipments')).toEqual([
      'express order in the EU',
      'express order just below 500',
    ]);
    expect(received.get('payments/ledger-sync')).toEqual([
      'ledger entry, first order',
      'ledger entry, second order',
    ]);
    expect([...received.values()].flat()).not.toContain('refund issued');
  });
});
