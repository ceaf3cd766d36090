import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../bench/organisation';
import type { EventBusModel, StackPlan } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import { buildTerraformApp, synthesizeTerraform, type TerraformDocument } from '../../lib/terraform';
import { revivePlans } from '../../lib/terraform/parallel';
// After cdktf itself: its private modules cannot be loaded first.
import { TokenMap } from 'cdktf/lib/tokens/private/token-map';
import { organisation, PARITY_CONFIG } from '../parity/organisations';
import { workspace } from '../support/workspace';
import { readTree } from '../cli/run-cli';

const REPO = path.resolve(__dirname, '../..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-synthesize-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Every file below `directory` by relative path, as a record that `toEqual` diffs per file. */
function readFiles(directory: string): Record<string, string> {
  return Object.fromEntries(readTree(directory));
}

let outputs = 0;

/** The files one cdktf app writes for the plans, and those synthesizeTerraform writes. */
function bothWays(
  model: EventBusModel,
  plans: readonly StackPlan[],
): { app: Record<string, string>; synthesized: Record<string, string> } {
  const outdir = path.join(root, String(outputs++));
  fs.mkdirSync(outdir);
  buildTerraformApp(model, plans, path.join(outdir, 'app')).synth();
  synthesizeTerraform(model, plans, path.join(outdir, 'synthesized'));
  return {
    app: readFiles(path.join(outdir, 'app')),
    synthesized: readFiles(path.join(outdir, 'synthesized')),
  };
}

function valid(result: ReturnType<typeof validateRequests>): { model: EventBusModel; plans: StackPlan[] } {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!result.model || !result.plans) throw new Error(`invalid requests: ${JSON.stringify(errors)}`);
  return { model: result.model, plans: [...result.plans] };
}

const RETIRING = `team: orders
owner: orders@example.com
topics:
  order-events:
    encryption: kms
  old-events:
    retired: true
queues:
  audit:
    encryption: kms
    subscriptions:
      - topic: order-events
  old-audit:
    retired: true
    subscriptions:
      - topic: order-events
`;

const LOCAL_AND_S3 = `environments:
  dev: { account: "111111111111", region: eu-west-1, deployRole: "arn:aws:iam::111111111111:role/deployer" }
  local: { account: "000000000000", region: us-east-1, endpoint: "http://127.0.0.1:4566/" }
stateBackend: { bucket: acme-state, region: eu-west-1 }
tags: { "2024": numbered, cost-center: platform }
`;

describe('synthesizeTerraform, one stack at a time', () => {
  it('writes the bytes one cdktf app writes, for the bundled requests', () => {
    const { model, plans } = valid(
      validateRequests({ requestsDir: 'requests', configFile: 'eventbus.config.yaml', cwd: REPO }),
    );
    const { app, synthesized } = bothWays(model, plans);
    expect(Object.keys(app).length).toBeGreaterThan(10);
    expect(synthesized).toEqual(app);
  });

  it('writes the bytes one cdktf app writes, with retired entries, a local AWS and S3 state', () => {
    const { model, plans } = valid(workspace({ 'orders.yaml': RETIRING }, LOCAL_AND_S3).validate());
    const { app, synthesized } = bothWays(model, plans);
    expect(synthesized['stacks/dev.orders.queues/cdk.tf.json']).toContain('"removed"');
    expect(synthesized['stacks/local.orders.queues/cdk.tf.json']).toContain('http://127.0.0.1:4566');
    expect(synthesized).toEqual(app);
  });

  it('writes the bytes one cdktf app writes, for a subset of the stacks', () => {
    const { model, plans } = valid(
      validateRequests({ ...generateOrganisation(path.join(root, 'subset'), 4), cwd: root }),
    );
    const subset = plans.filter((_, index) => index % 3 !== 0);
    const { app, synthesized } = bothWays(model, subset);
    expect(synthesized).toEqual(app);
  });

  it('writes the bytes one cdktf app writes, for generated organisations', () => {
    fc.assert(
      fc.property(organisation, (files) => {
        const { model, plans } = valid(workspace(files, PARITY_CONFIG).validate());
        const { app, synthesized } = bothWays(model, plans);
        expect(synthesized).toEqual(app);
      }),
      { numRuns: 10 },
    );
  });

  it('hands each stack its written document, and keeps no token of it', () => {
    const { model, plans } = valid(
      validateRequests({ ...generateOrganisation(path.join(root, 'documents'), 2), cwd: root }),
    );
    const outdir = path.join(root, 'documents-out');
    const map = TokenMap.instance() as unknown as { stringTokenMap: Map<string, unknown> };
    const tokensBefore = map.stringTokenMap.size;
    const documents = new Map<string, TerraformDocument>();
    synthesizeTerraform(model, plans, outdir, (name, document) => documents.set(name, document));
    expect(map.stringTokenMap.size).toBe(tokensBefore);
    expect([...documents.keys()]).toEqual(plans.map((plan) => plan.name));
    for (const [name, document] of documents) {
      const written: unknown = JSON.parse(
        fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'),
      );
      expect(document).toEqual(written);
    }
  });
});

describe('revivePlans', () => {
  it('gives the durations and sizes of structured-cloned plans their classes back', () => {
    const { model, plans } = valid(
      validateRequests({ ...generateOrganisation(path.join(root, 'clone'), 2), cwd: root }),
    );
    const cloned = structuredClone(plans);
    revivePlans(cloned);
    const queue = cloned.flatMap((plan) => plan.queues)[0]?.queue;
    expect(queue?.visibilityTimeout.toSeconds()).toBeGreaterThan(0);
    expect(queue?.maxMessageSize.toBytes()).toBeGreaterThan(0);
    const outdir = path.join(root, 'clone-out');
    fs.mkdirSync(outdir);
    synthesizeTerraform(model, plans, path.join(outdir, 'original'));
    synthesizeTerraform(model, cloned, path.join(outdir, 'cloned'));
    expect(readFiles(path.join(outdir, 'cloned'))).toEqual(readFiles(path.join(outdir, 'original')));
  });
});
