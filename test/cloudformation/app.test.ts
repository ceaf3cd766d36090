import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudFormationPlanError, synthesizeCloudFormation } from '../../lib/cloudformation';
import { planStacks } from '../../lib/model';
import {
  buildApp,
  busModel,
  combinedPlan,
  DEV,
  examplePlans,
  exampleModel,
  planNamed,
  platform,
  queue,
  removeTemporaryOutdirs,
  stackOf,
  team,
  templateOf,
  temporaryOutdir,
  topic,
  mutuallySubscribedTeams,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

function filesOf(directory: string): Map<string, Buffer> {
  return new Map(
    fs
      .readdirSync(directory)
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(directory, file))]),
  );
}

describe('buildCloudFormationApp', () => {
  it('builds one stack per plan, named after the plan with "." as "-", in its environment', () => {
    const app = buildApp(planStacks(exampleModel()));
    const stacks = app.node.children as Stack[];
    expect(stacks.map((stack) => [stack.stackName, stack.account, stack.region])).toEqual([
      ['dev-orders-queues', '111111111111', 'eu-west-1'],
      ['dev-orders-topics', '111111111111', 'eu-west-1'],
      ['dev-payments-queues', '111111111111', 'eu-west-1'],
      ['prod-orders-queues', '222222222222', 'eu-central-1'],
      ['prod-orders-topics', '222222222222', 'eu-central-1'],
      ['prod-payments-queues', '222222222222', 'eu-central-1'],
    ]);
  });

  it('puts topics and their policies in topic stacks, and everything else in queue stacks', () => {
    const app = buildApp(examplePlans());
    const types = (stackName: string) =>
      [
        ...new Set(
          Object.values(
            templateOf(app, stackName).toJSON().Resources as Record<string, { Type: string }>,
          ).map((resource) => resource.Type),
        ),
      ].sort();
    expect(types('dev-orders-topics')).toEqual(['AWS::SNS::Topic', 'AWS::SNS::TopicPolicy']);
    for (const stackName of ['dev-orders-queues', 'dev-payments-queues']) {
      expect(types(stackName)).toEqual([
        'AWS::SNS::Subscription',
        'AWS::SQS::Queue',
        'AWS::SQS::QueuePolicy',
      ]);
    }
  });

  it("makes a queue stack depend on the topic stacks it subscribes to (the plan's dependsOn), its own team's too", () => {
    const plans = examplePlans();
    expect(plans.map((plan) => [plan.name, plan.dependsOn])).toEqual([
      ['dev.orders.queues', ['dev.orders.topics']],
      ['dev.orders.topics', []],
      ['dev.payments.queues', ['dev.orders.topics']],
    ]);
    const app = buildApp(plans);
    const dependencies = (stackName: string) =>
      stackOf(app, stackName).dependencies.map((stack) => stack.stackName);
    expect(dependencies('dev-orders-queues')).toEqual(['dev-orders-topics']);
    expect(dependencies('dev-payments-queues')).toEqual(['dev-orders-topics']);
    expect(dependencies('dev-orders-topics')).toEqual([]);
  });

  it('writes only the bus and its outputs into templates: no version reporting, bootstrap rule or parameters', () => {
    const template = templateOf(buildApp(examplePlans()), 'dev-orders-topics').toJSON();
    expect(Object.keys(template)).toEqual(['Resources', 'Outputs']);
    expect(
      Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type),
    ).not.toContain('AWS::CDK::Metadata');
  });

  it('keeps logical ids when a definition moves to another request file; only its tag changes', () => {
    const idsAndTags = (requestFile: string) => {
      const model = busModel([team('search', { queues: [queue('search/reindex', { requestFile })] })]);
      const template = templateOf(buildApp(planStacks(model, DEV.name)), 'dev-search-queues');
      const queues = template.findResources('AWS::SQS::Queue');
      return {
        ids: Object.keys(template.toJSON().Resources as object).sort(),
        tags: Object.values(queues).map((resource) =>
          (resource.Properties.Tags as { Key: string; Value: string }[]).find(
            (tag) => tag.Key === 'request-file',
          ),
        ),
      };
    };
    const before = idsAndTags('search.yaml');
    const after = idsAndTags('search/indexing.yaml');
    expect(after.ids).toEqual(before.ids);
    expect(before.ids).toEqual([
      'QueueReindex',
      'QueueReindexDeadLetter',
      'QueueReindexDeadLetterPolicy',
      'QueueReindexPolicy',
    ]);
    expect(after.tags).toEqual([
      { Key: 'request-file', Value: 'search/indexing.yaml' },
      { Key: 'request-file', Value: 'search/indexing.yaml' },
    ]);
  });
});

describe('synthesizeCloudFormation', () => {
  it('writes a cloud assembly and reports its stacks and their resource counts', () => {
    const outdir = temporaryOutdir();
    const result = synthesizeCloudFormation(planStacks(exampleModel()), outdir);
    expect(result).toEqual({
      stacks: [
        'dev-orders-queues',
        'dev-orders-topics',
        'dev-payments-queues',
        'prod-orders-queues',
        'prod-orders-topics',
        'prod-payments-queues',
      ],
      resourceCounts: {
        'dev-orders-queues': 7,
        'dev-orders-topics': 4,
        'dev-payments-queues': 14,
        'prod-orders-queues': 7,
        'prod-orders-topics': 4,
        'prod-payments-queues': 14,
      },
      resourceTypes: expect.any(Object),
    });
    // The summary's counts by type are those of the templates written.
    const types = new Map<string, number>();
    for (const stack of result.stacks) {
      const template = JSON.parse(fs.readFileSync(path.join(outdir, `${stack}.template.json`), 'utf8'));
      for (const { Type } of Object.values(template.Resources as Record<string, { Type: string }>)) {
        types.set(Type, (types.get(Type) ?? 0) + 1);
      }
    }
    expect(result.resourceTypes).toEqual(Object.fromEntries(types));
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['dev-payments-queues']).toMatchObject({
      type: 'aws:cloudformation:stack',
      environment: 'aws://111111111111/eu-west-1',
      // The artifact id is the stack name, so the manifest does not repeat it.
      properties: { templateFile: 'dev-payments-queues.template.json' },
    });
    expect(manifest.artifacts['dev-payments-queues'].dependencies).toContain('dev-orders-topics');
  });

  it('gives the same bytes for the same plans, in any directory, with no path of this machine', () => {
    const first = temporaryOutdir();
    const second = temporaryOutdir();
    synthesizeCloudFormation(planStacks(exampleModel()), first);
    synthesizeCloudFormation(planStacks(exampleModel()), second);
    const firstFiles = filesOf(first);
    expect([...firstFiles.keys()]).toContain('dev-payments-queues.template.json');
    expect(filesOf(second)).toEqual(firstFiles);
    for (const [file, bytes] of firstFiles) {
      const text = bytes.toString('utf8');
      for (const machinePath of [process.cwd(), os.tmpdir(), first]) {
        expect(text.includes(machinePath), `${file} mentions ${machinePath}`).toBe(false);
      }
    }
  });
});

describe('plans the backend refuses', () => {
  it('a dependency on a plan that is not synthesized with it', () => {
    const payments = [planNamed(examplePlans(), 'dev.payments.queues')];
    expect(() => buildApp(payments)).toThrow(CloudFormationPlanError);
    expect(() => buildApp(payments)).toThrow(
      /"dev.payments.queues" subscribes to topics of "dev.orders.topics", which is not among/,
    );
  });

  it('hand-made plans of two teams subscribing to each other: no stack can be created first', () => {
    const model = mutuallySubscribedTeams();
    const layered = planStacks(model, DEV.name);
    // planStacks's layers make this impossible: each layered stack is created without a cycle.
    expect(() => buildApp(layered)).not.toThrow();
    const plans = [
      combinedPlan(layered, DEV.name, 'orders', ['dev.payments']),
      combinedPlan(layered, DEV.name, 'payments', ['dev.orders']),
    ];
    expect(() => buildApp(plans)).toThrow(CloudFormationPlanError);
    expect(() => buildApp(plans)).toThrow(
      /stack "dev-payments" subscribes to a topic of "dev-orders", which .* subscribes to a topic of "dev-payments"/,
    );
  });

  it('two plans whose stack names meet once "." becomes "-"', () => {
    const settings = platform({
      environments: [
        { name: 'a', account: '111111111111', region: 'eu-west-1' },
        { name: 'a-b', account: '111111111111', region: 'eu-west-1' },
      ],
    });
    const model = busModel(
      [
        { ...team('b-c', { topics: [topic('b-c/events', { environments: ['a'] })] }), environments: ['a'] },
        { ...team('c', { topics: [topic('c/events', { environments: ['a-b'] })] }), environments: ['a-b'] },
      ],
      settings,
    );
    expect(() => buildApp(planStacks(model))).toThrow(
      /plans "a-b.c.topics" and "a.b-c.topics" would both synthesize .* "a-b-c-topics"/,
    );
  });

  it('a topic and a queue of one name, each with its own key, get aliases of their own service', () => {
    const model = busModel([
      team('orders', {
        topics: [topic('orders/intake', { encryption: 'kms' })],
        queues: [queue('orders/intake', { encryption: 'kms' })],
      }),
    ]);
    expect(() => buildApp(planStacks(model, DEV.name))).not.toThrow();
  });

  it('two keys of one alias in a hand-made plan', () => {
    const [plan] = planStacks(
      busModel([team('orders', { topics: [topic('orders/intake', { encryption: 'kms' })] })]),
      DEV.name,
    );
    if (!plan) throw new Error('no plan');
    const twin = { ...plan, name: 'dev.twin.topics' };
    expect(() => buildApp([plan, twin])).toThrow(
      /would both be named "alias\/eventbus\/sns\/dev-orders-intake"/,
    );
  });

  it('two resources whose logical ids meet once names are PascalCased', () => {
    const model = busModel([team('search', { queues: [queue('search/index-1'), queue('search/index1')] })]);
    expect(() => buildApp(planStacks(model, DEV.name))).toThrow(
      /queue-index1\/.* and .*queue-index-1\/.* would both get the logical id "QueueIndex1/,
    );
  });

  it.each([
    [
      'a dynamic reference in a filter',
      { filterPolicy: { region: ['{{resolve:ssm:/prod/secret}}'] } },
      /dynamic reference/,
    ],
    ['an intrinsic function key in a filter', { filterPolicy: { 'Fn::Sub': ['x'] } }, /intrinsic function/],
    ['a CDK token marker in a filter', { filterPolicy: { region: ['${Token[TOKEN.1]}'] } }, /token marker/],
  ])('%s', (_, subscription, message) => {
    const model = busModel([
      team('orders', {
        topics: [topic('orders/order-placed')],
        queues: [queue('orders/audit', { subscriptions: [['orders/order-placed', subscription]] })],
      }),
    ]);
    expect(() => buildApp(planStacks(model, DEV.name))).toThrow(CloudFormationPlanError);
    expect(() => buildApp(planStacks(model, DEV.name))).toThrow(message);
  });

  it('text in a later plan, after plans that share its team and entries were found clean', () => {
    const model = busModel([
      team('orders', {
        topics: [topic('orders/order-placed')],
        queues: [queue('orders/audit', { subscriptions: [['orders/order-placed', {}]] })],
      }),
    ]);
    const plans = planStacks(model);
    const last = plans.find((plan) => plan.name === 'prod.orders.queues');
    expect(plans.indexOf(last as (typeof plans)[number])).toBeGreaterThan(1);
    // Only the last plan's own copy of its queue plan holds the text; the team and entries it
    // shares with the other plans stay clean.
    const tampered = plans.map((plan) =>
      plan === last
        ? { ...plan, queues: plan.queues.map((queuePlan) => ({ ...queuePlan, name: '${Token[TOKEN.7]}' })) }
        : plan,
    );
    expect(() => buildApp(tampered)).toThrow(/plan\.queues\[0\]\.name in the plan of "prod\.orders\.queues"/);
  });

  it('a request file path that CloudFormation would resolve', () => {
    const model = busModel([
      team('orders', { topics: [topic('orders/events', { requestFile: '{{resolve:ssm:x}}.yaml' })] }),
    ]);
    expect(() => buildApp(planStacks(model, DEV.name))).toThrow(
      /in the plan of "dev.orders.topics" is "\{\{resolve:ssm:x\}\}.yaml"/,
    );
  });
});
