import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App as CdkApp } from 'aws-cdk-lib';
import { App as CdktfApp } from 'cdktf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus as CloudFormationEventBus } from '../../lib/cloudformation';
import { InvalidPropsError } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { EventBus as TerraformEventBus, synthesizeTerraform } from '../../lib/terraform';
import { workspace } from '../support/workspace';

const REQUESTS = 'requests';
const CONFIG = 'eventbus.config.yaml';
const outdirs: string[] = [];

function temporaryOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-bus-'));
  outdirs.push(outdir);
  return outdir;
}

afterAll(() => {
  for (const outdir of outdirs) fs.rmSync(outdir, { recursive: true, force: true });
});

/** A stack's resources without cdktf's construct-path metadata, which names the app's own tree. */
function resourcesOf(outdir: string, stack: string): unknown {
  const document = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };
  return Object.fromEntries(
    Object.entries(document.resource).map(([type, resources]) => [
      type,
      Object.fromEntries(
        Object.entries(resources).map(([address, resource]) => [
          address,
          Object.fromEntries(Object.entries(resource).filter(([key]) => key !== '//')),
        ]),
      ),
    ]),
  );
}

describe('EventBus in an app the caller owns', () => {
  let cliOutdir: string;
  let stackNames: string[];

  beforeAll(() => {
    const { model, plans } = validateRequests({ requestsDir: REQUESTS, configFile: CONFIG });
    if (!model || !plans) throw new Error('the example requests do not validate');
    cliOutdir = temporaryOutdir();
    synthesizeTerraform(model, plans, cliOutdir);
    stackNames = plans.map((plan) => plan.name);
  });

  it('adds the Terraform stacks of a requests directory, with the resources the CLI writes', () => {
    const outdir = temporaryOutdir();
    const app = new CdktfApp({ outdir, stackTraces: false });
    const bus = new TerraformEventBus(app, 'bus', { requests: REQUESTS, config: CONFIG });
    app.synth();
    expect(bus.stacks.map((stack) => stack.node.id)).toEqual(stackNames);
    for (const name of stackNames) expect(resourcesOf(outdir, name)).toEqual(resourcesOf(cliOutdir, name));
  });

  it('adds one environment of an already validated model to a CDK app', () => {
    const { model } = validateRequests({ requestsDir: REQUESTS, configFile: CONFIG });
    if (!model) throw new Error('the example requests do not validate');
    const app = new CdkApp({ outdir: temporaryOutdir(), analyticsReporting: false });
    const bus = new CloudFormationEventBus(app, 'bus', { requests: model, environment: 'prod' });
    expect(bus.stacks.length).toBeGreaterThan(0);
    expect(bus.stacks.every((stack) => stack.stackName.startsWith('prod-'))).toBe(true);
    const assembly = app.synth();
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual(
      bus.stacks.map((stack) => stack.stackName).sort(),
    );
  });

  it('throws one InvalidPropsError with every error of the requests, at its file and line', () => {
    const broken = workspace({
      'orders.yaml': `team: orders
owner: orders@example.com
queues:
  shipments:
    visibilityTimeout: 13h
    subscriptions:
      - topic: orders/missing
`,
    });
    const app = new CdktfApp({ outdir: temporaryOutdir() });
    let thrown: unknown;
    try {
      new TerraformEventBus(app, 'bus', { requests: broken.requestsDir, config: broken.configFile });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPropsError);
    const problems = (thrown as InvalidPropsError).problems;
    expect(problems.map((problem) => problem.code).sort()).toEqual(['out-of-range', 'unknown-topic']);
    expect(problems.find((problem) => problem.code === 'out-of-range')?.message).toMatch(
      /orders\.yaml:5:\d+: /,
    );
  });

  it('refuses an environment the platform does not have', () => {
    const { model } = validateRequests({ requestsDir: REQUESTS, configFile: CONFIG });
    if (!model) throw new Error('the example requests do not validate');
    expect(
      () => new CloudFormationEventBus(new CdkApp(), 'bus', { requests: model, environment: 'staging' }),
    ).toThrow(/unknown-environment/);
  });
});
