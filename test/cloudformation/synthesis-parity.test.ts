import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Aws, CfnOutput, Stack, Tokenization } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ANNOTATIONS_IN_VALIDATION_REPORT } from 'aws-cdk-lib/cx-api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCloudFormationApp,
  CloudFormationPlanError,
  MAX_RESOURCES_PER_STACK,
  queueResourceCount,
  synthesizeCloudFormation,
} from '../../lib/cloudformation';
import { synthesizeInGroups } from '../../lib/cloudformation/chunked-synthesis';
import {
  AppRelease,
  canSkipReferenceSearch,
  synthesizeClosedApp,
} from '../../lib/cloudformation/closed-synthesis';
import { planStacks, type StackPlan } from '../../lib/model';
import {
  busModel,
  combinedPlan,
  DEV,
  exampleModel,
  queue,
  removeTemporaryOutdirs,
  team,
  temporaryOutdir,
  topic,
  mutuallySubscribedTeams,
} from './fixtures';

afterAll(removeTemporaryOutdirs);

/** Every file of a cloud assembly, by path relative to it. */
function filesOf(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(directory, entry);
    if (fs.statSync(file).isFile()) files.set(entry, fs.readFileSync(file, 'utf8'));
  }
  return files;
}

/** The cloud assembly of a plain, unmodified aws-cdk-lib `app.synth()` of the same stacks. */
function plainSynthesis(plans: readonly StackPlan[], maxResourcesPerStack?: number): Map<string, string> {
  const outdir = temporaryOutdir();
  buildCloudFormationApp(plans, {
    outdir,
    builtinValidation: false,
    ...(maxResourcesPerStack === undefined ? {} : { maxResourcesPerStack }),
  }).synth();
  return filesOf(outdir);
}

function synthesis(plans: readonly StackPlan[], maxResourcesPerStack?: number): Map<string, string> {
  const outdir = temporaryOutdir();
  synthesizeCloudFormation(plans, outdir, {
    builtinValidation: false,
    ...(maxResourcesPerStack === undefined ? {} : { maxResourcesPerStack }),
  });
  return filesOf(outdir);
}

/**
 * Three teams that subscribe to each other's topics with every kind of encryption, a FIFO pair,
 * a queue without a dead-letter queue and retired entries: stacks depend on several others, in
 * both environments.
 */
function crossTeamModel() {
  return busModel([
    team('orders', {
      topics: [
        topic('orders/order-placed', { encryption: 'kms' }),
        topic('orders/order-ledger', { fifo: true, contentBasedDeduplication: true }),
        topic('orders/order-cancelled', { encryption: 'aws-managed' }),
        topic('orders/order-archived', { retired: true }),
        topic('orders/order-shipped', { encryption: 'kms' }),
      ],
      queues: [queue('orders/refunds', { subscriptions: ['payments/refund-issued'], encryption: 'kms' })],
    }),
    team('payments', {
      topics: [topic('payments/refund-issued', { encryption: 'kms' })],
      queues: [
        queue('payments/requests', {
          subscriptions: [
            ['orders/order-placed', { filterPolicy: { event_type: ['OrderPlaced'] } }],
            'orders/order-cancelled',
          ],
          encryption: 'aws-managed',
        }),
        queue('payments/ledger', {
          fifo: true,
          contentBasedDeduplication: true,
          subscriptions: ['orders/order-ledger'],
        }),
        queue('payments/old-requests', { retired: true }),
      ],
    }),
    team('shipping', {
      queues: [
        queue('shipping/dispatch', {
          deadLetter: false,
          subscriptions: ['orders/order-placed', 'orders/order-shipped', 'payments/refund-issued'],
          encryption: 'kms',
        }),
      ],
    }),
  ]);
}

/** Two stacks, one of which outputs the ARN of the other's queue. */
function appWithReferenceBetweenStacks(): App {
  const app = new App({ outdir: temporaryOutdir(), analyticsReporting: false });
  const env = { account: '111111111111', region: 'eu-west-1' };
  const source = new sqs.CfnQueue(new Stack(app, 'producer', { env }), 'Queue');
  new CfnOutput(new Stack(app, 'consumer', { env }), 'QueueArn', { value: source.attrArn });
  return app;
}

function templateText(app: App, stackName: string): string {
  return fs.readFileSync(path.join(app.outdir, `${stackName}.template.json`), 'utf8');
}

describe('synthesizeCloudFormation without the search for references between stacks', () => {
  it('finds the search in this aws-cdk-lib, so the tests below compare the skipping synthesis', () => {
    expect(canSkipReferenceSearch()).toBe(true);
  });

  it('writes the bytes of a plain app.synth() for stacks that depend on several others', () => {
    const plans = planStacks(crossTeamModel());
    const expected = plainSynthesis(plans);
    expect([...expected.keys()]).toContain('dev-shipping-queues.template.json');
    const manifest = JSON.parse(expected.get('manifest.json') as string);
    expect(manifest.artifacts['dev-shipping-queues'].dependencies).toEqual([
      'dev-orders-topics',
      'dev-payments-topics',
      'dev-shipping-queues.assets',
    ]);
    expect(synthesis(plans)).toEqual(expected);
  });

  it('writes the bytes of a plain app.synth() for plans split into parts', () => {
    // As few resources a stack as the largest queue needs: topics and queues spread over parts.
    const plans = planStacks(crossTeamModel());
    const limit = Math.max(...plans.flatMap((plan) => plan.queues.map(queueResourceCount)));
    const expected = plainSynthesis(plans, limit);
    expect([...expected.keys()]).toEqual(
      expect.arrayContaining(['dev-orders-topics-2.template.json', 'prod-payments-queues-2.template.json']),
    );
    const manifest = JSON.parse(expected.get('manifest.json') as string);
    const dependents = Object.entries(manifest.artifacts as Record<string, { dependencies?: string[] }>)
      .filter(([, artifact]) => artifact.dependencies?.includes('dev-orders-topics-2'))
      .map(([id]) => id);
    expect(dependents).toEqual(['dev-shipping-queues']);
    expect(synthesis(plans, limit)).toEqual(expected);
  });

  it('writes the bytes of a plain app.synth() for hand-made plans with a topic and its subscriber in one stack', () => {
    const layered = planStacks(exampleModel(), DEV.name);
    const plans = [
      combinedPlan(layered, DEV.name, 'orders', []),
      combinedPlan(layered, DEV.name, 'payments', ['dev.orders']),
    ];
    expect(synthesis(plans)).toEqual(plainSynthesis(plans));
  });

  it('skips the search indeed: only apps without references between stacks may be synthesized so', () => {
    const app = appWithReferenceBetweenStacks();
    synthesizeClosedApp(app);
    expect(templateText(app, 'consumer')).not.toContain('Fn::ImportValue');
  });

  it('leaves the synthesis of other apps alone: references between stacks become exports, and the assembly is read back', () => {
    synthesizeCloudFormation(planStacks(exampleModel()), temporaryOutdir(), { builtinValidation: false });
    const app = appWithReferenceBetweenStacks();
    // The assembly is read back as usual.
    expect(app.synth().stacks.map((stack) => stack.stackName)).toEqual(['producer', 'consumer']);
    expect(templateText(app, 'consumer')).toContain('Fn::ImportValue');
    expect(templateText(app, 'producer')).toContain('Export');
  });
});

/** As few resources a stack as the largest queue needs: topics and queues spread over parts. */
function smallestLimit(plans: readonly StackPlan[]): number {
  return Math.max(...plans.flatMap((plan) => plan.queues.map(queueResourceCount)));
}

describe('synthesizeInGroups', () => {
  // One stack an app, a few, and all of them: dependencies cross apps both forwards and backwards.
  it.each([1, 12, 40, 10_000])(
    'writes the bytes of one plain app.synth() with %s resources an app',
    (resourcesPerApp) => {
      const plans = planStacks(crossTeamModel());
      const limit = smallestLimit(plans);
      const outdir = temporaryOutdir();
      synthesizeInGroups(plans, outdir, limit, resourcesPerApp);
      expect(filesOf(outdir)).toEqual(plainSynthesis(plans, limit));
    },
  );

  it('lists dependencies on stacks of later apps first, then its own asset manifest', () => {
    const outdir = temporaryOutdir();
    synthesizeInGroups(planStacks(crossTeamModel()), outdir, MAX_RESOURCES_PER_STACK, 1);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    const ids = Object.keys(manifest.artifacts);
    // Stacks are in plan order: the orders team's queues come before the payments team's topics.
    expect(ids.indexOf('dev-orders-queues')).toBeLessThan(ids.indexOf('dev-payments-topics'));
    expect(manifest.artifacts['dev-orders-queues'].dependencies).toEqual([
      'dev-payments-topics',
      'dev-orders-queues.assets',
    ]);
    expect(ids.at(-1)).toBe('aws-cdk-lib/feature-flag-report');
  });

  it('reports the stacks and resources that one app reports', () => {
    const plans = planStacks(crossTeamModel());
    const grouped = synthesizeInGroups(plans, temporaryOutdir(), MAX_RESOURCES_PER_STACK, 1);
    expect(grouped).toEqual(synthesizeCloudFormation(plans, temporaryOutdir(), { builtinValidation: true }));
  });

  it('writes what one app without stacks writes for no plans', () => {
    const outdir = temporaryOutdir();
    synthesizeInGroups([], outdir, MAX_RESOURCES_PER_STACK, 1);
    expect(filesOf(outdir)).toEqual(plainSynthesis([]));
  });

  it('refuses plans CloudFormation could not deploy before writing anything', () => {
    // Both teams subscribe to each other's topics: no stack can be created first.
    const model = mutuallySubscribedTeams();
    const layered = planStacks(model, DEV.name);
    const plans = [
      combinedPlan(layered, DEV.name, 'orders', ['dev.payments']),
      combinedPlan(layered, DEV.name, 'payments', ['dev.orders']),
    ];
    const outdir = temporaryOutdir();
    expect(() => synthesizeInGroups(plans, outdir, MAX_RESOURCES_PER_STACK, 1)).toThrow(
      CloudFormationPlanError,
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe('synthesizeCloudFormation with annotations in a validation report', () => {
  it('synthesizes one app and reads it back, as the report covers the whole app', () => {
    const previous = process.env['CDK_CONTEXT_JSON'];
    process.env['CDK_CONTEXT_JSON'] = JSON.stringify({ [ANNOTATIONS_IN_VALIDATION_REPORT]: true });
    try {
      const plans = planStacks(crossTeamModel());
      const expected = plainSynthesis(plans);
      expect(synthesis(plans)).toEqual(expected);
    } finally {
      if (previous === undefined) delete process.env['CDK_CONTEXT_JSON'];
      else process.env['CDK_CONTEXT_JSON'] = previous;
    }
  });
});

describe('AppRelease', () => {
  /** An app with one queue, synthesized; the ARN of its queue is a token of the app. */
  function synthesizedQueueArn(): { app: App; arn: string } {
    const app = new App({ outdir: temporaryOutdir(), analyticsReporting: false });
    const arn = new sqs.CfnQueue(new Stack(app, 'stack'), 'Queue').attrArn;
    app.synth();
    return { app, arn };
  }

  it("forgets the tokens of a released app, and keeps the program's own and other apps'", () => {
    // The same steps once before: every module they load is loaded before the release starts.
    const earlier = synthesizedQueueArn();
    const release = new AppRelease();
    const { app, arn } = synthesizedQueueArn();
    expect(Tokenization.reverseString(arn).firstToken).toBeDefined();
    release.release(app);
    expect(() => Tokenization.reverseString(arn)).toThrow(/Unrecognized token key/);
    expect(Tokenization.reverseString(earlier.arn).firstToken).toBeDefined();
    expect(Tokenization.reverseString(Aws.PARTITION).firstToken).toBeDefined();
  });
});
