/**
 * What Terraform does with synth's output when requests change, proven with the real engine:
 * each scenario applies one version of the requests (a plan from an empty state, written to
 * state as an apply would leave it), changes the requests, synthesizes again and plans. No queue,
 * dead-letter queue, topic or key is ever destroyed unless the plan guard refuses the plan.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardPlans } from '../../lib/checks';
import { readTree, runCli } from '../cli/run-cli';
import { runProcess } from '../support/process';
import {
  actionsByAddress,
  destroyedAddresses,
  findTerraform,
  TerraformWorkspace,
  type PlanJson,
} from '../support/terraform';

const FIXTURE = path.join(__dirname, 'fixtures/data-safety');
const PROTECTED = ['aws_sqs_queue', 'aws_sns_topic', 'aws_kms_key'];
const ACCOUNT = '111111111111';
const REGION = 'eu-west-1';

const tools = findTerraform();
if (!tools.available) {
  const message = `terraform data-safety tests need the real engine: ${tools.missing}`;
  if (process.env['CI']) throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} ***\n`);
}

/** A copy of the fixture organisation in a git repository, synthesized with the built CLI. */
class Organisation {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-data-safety-'));
  readonly out = path.join(this.root, 'cdktf.out');

  constructor(
    private readonly workspace: TerraformWorkspace,
    private readonly name: string,
    from: string = FIXTURE,
  ) {
    fs.cpSync(from, this.root, { recursive: true });
  }

  /** The same organisation, applied as far as this one is, to change in another direction. */
  clone(name: string): Organisation {
    const copy = new Organisation(this.workspace, name, this.root);
    for (const stack of fs.readdirSync(path.join(this.out, 'stacks'))) {
      this.workspace.copyStack(`${this.name}/${stack}`, `${name}/${stack}`);
    }
    return copy;
  }

  async commit(): Promise<void> {
    await git(this.root, ['init', '-q']);
    await git(this.root, ['add', '-A']);
    await git(this.root, [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '-qm',
      'base',
    ]);
  }

  edit(file: string, change: (text: string) => string): void {
    const absolute = path.join(this.root, file);
    const changed = change(fs.readFileSync(absolute, 'utf8'));
    expect(changed).not.toBe(fs.readFileSync(absolute, 'utf8'));
    fs.writeFileSync(absolute, changed);
  }

  async synth(): Promise<void> {
    const result = await runCli(['synth'], this.root);
    expect(result.status, result.stderr).toBe(0);
  }

  async validateAgainstBase(): Promise<{ status: number | null; codes: string[] }> {
    const result = await runCli(['validate', '--base', 'HEAD', '--format', 'json'], this.root);
    const report = JSON.parse(result.stdout) as { diagnostics: { code: string }[] };
    return { status: result.status, codes: report.diagnostics.map((diagnostic) => diagnostic.code) };
  }

  stacks(): string[] {
    return fs.existsSync(path.join(this.out, 'stacks'))
      ? fs.readdirSync(path.join(this.out, 'stacks')).sort()
      : [];
  }

  /** Plans the stack as synth last wrote it, then records the plan in its state, as an apply would. */
  async apply(stack: string): Promise<PlanJson> {
    const plan = await this.plan(stack);
    await this.workspace.applyToState(this.directory(stack), plan, ACCOUNT, REGION);
    return plan;
  }

  async plan(stack: string): Promise<PlanJson> {
    this.workspace.useStack(this.out, stack, `${this.name}/${stack}`);
    return this.workspace.plan(this.directory(stack));
  }

  /** The stack's plan as a file, for the guard, as the pipeline hands it over. */
  planFile(stack: string): string {
    return path.join(this.directory(stack), 'plan.json');
  }

  private directory(stack: string): string {
    return this.workspace.useStack(this.out, stack, `${this.name}/${stack}`);
  }
}

async function git(cwd: string, args: readonly string[]): Promise<void> {
  const result = await runProcess('git', args, { cwd });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

const QUEUES = 'dev.shipping.queues';
const TOPICS = 'dev.orders.topics';

function retire(text: string, entry: string): string {
  return text.replace(new RegExp(`^  ${entry}:\\n`, 'm'), `  ${entry}:\n    retired: true\n`);
}

function removeEntry(text: string, entry: string): string {
  return text.replace(new RegExp(`^  ${entry}:\\n(    .*\\n|      .*\\n)*`, 'm'), '');
}

/** The team keeps its file but requests no queue at all: its queue stack disappears. */
function withoutQueues(text: string): string {
  return text.replace(/^queues:\n[\s\S]*$/m, '');
}

/** A queue the team adds later, which brings its queue stack back on the same state. */
function withNewQueue(text: string): string {
  return `${text}queues:\n  returns:\n    subscriptions:\n      - topic: orders/order-events\n`;
}

describe.skipIf(!tools.available)('data safety with the real Terraform engine', () => {
  let workspace: TerraformWorkspace;
  let applied: Organisation;
  let count = 0;
  /** The fixture as applied: committed, synthesized, every stack planned and in its state. */
  const organisation = async (): Promise<Organisation> => {
    count += 1;
    return applied.clone(`org-${count}`);
  };

  beforeAll(async () => {
    if (!tools.available) return;
    workspace = await TerraformWorkspace.create(tools.mirror);
    applied = new Organisation(workspace, 'applied');
    await applied.commit();
    await applied.synth();
    for (const stack of applied.stacks()) await applied.apply(stack);
  });
  afterAll(() => workspace?.dispose());

  it('plans no change when the same requests are synthesized again', async () => {
    const org = await organisation();
    await org.synth();
    for (const stack of org.stacks()) {
      const plan = await org.plan(stack);
      expect(Object.values(actionsByAddress(plan)).every((actions) => actions === 'no-op')).toBe(true);
    }
  });

  it('forgets a retired queue with its dead-letter queues, subscriptions and key, and destroys nothing', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) => retire(text, 'audit'));
    await org.synth();
    const first = readTree(org.out);
    await org.synth();
    expect(readTree(org.out)).toEqual(first);

    const plan = await org.plan(QUEUES);
    expect(destroyedAddresses(plan, PROTECTED)).toEqual([]);
    const actions = actionsByAddress(plan);
    for (const address of [
      'aws_sqs_queue.queue_audit',
      'aws_sqs_queue.queue_audit_dlq',
      'aws_sqs_queue.queue_audit_sns_dlq',
      'aws_sqs_queue.queue_audit_sns_dlq_fifo',
      'aws_kms_key.queue_audit_key',
      'aws_sns_topic_subscription.subscription_audit_orders_order-ledger',
    ]) {
      expect(actions[address], address).toBe('forget');
    }
    expect(actions['aws_sqs_queue.queue_shipments']).toBe('no-op');
    expect(guardPlans([org.planFile(QUEUES)])[0]?.destructive).toEqual([]);
  });

  it('keeps forgetting on every later synth: retire, apply, synth twice, plan again', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) => retire(text, 'audit'));
    await org.synth();
    await org.apply(QUEUES);
    await org.synth();
    await org.synth();
    const plan = await org.plan(QUEUES);
    expect(destroyedAddresses(plan, PROTECTED)).toEqual([]);
    expect(Object.values(actionsByAddress(plan)).every((actions) => actions === 'no-op')).toBe(true);
  });

  it('refuses a queue removed without retirement: validate --base reports it, the guard refuses the plan', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) => removeEntry(text, 'audit'));
    expect(await org.validateAgainstBase()).toEqual({ status: 1, codes: ['resource-removed'] });
    await org.synth();
    const plan = await org.plan(QUEUES);
    expect(destroyedAddresses(plan, PROTECTED)).toContain('aws_sqs_queue.queue_audit');
    const [guarded] = guardPlans([org.planFile(QUEUES)]);
    expect(guarded?.destructive.map((change) => change.address)).toEqual(destroyedAddresses(plan, PROTECTED));
    const cli = await runCli(['guard', org.planFile(QUEUES)], org.root);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('aws_sqs_queue.queue_audit would be destroyed');
  });

  it('renames a queue safely as a new entry beside the retired old one', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) =>
      retire(text, 'shipments').replace(
        'queues:\n',
        'queues:\n  deliveries:\n    subscriptions:\n      - topic: orders/order-events\n',
      ),
    );
    expect((await org.validateAgainstBase()).codes).not.toContain('resource-removed');
    await org.synth();
    const plan = await org.plan(QUEUES);
    expect(destroyedAddresses(plan, PROTECTED)).toEqual([]);
    const actions = actionsByAddress(plan);
    expect(actions['aws_sqs_queue.queue_shipments']).toBe('forget');
    expect(actions['aws_sqs_queue.queue_deliveries']).toBe('create');
  });

  it('refuses a rename without retirement', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) => text.replace('  shipments:\n', '  deliveries:\n'));
    expect(await org.validateAgainstBase()).toEqual({ status: 1, codes: ['resource-removed'] });
    await org.synth();
    const plan = await org.plan(QUEUES);
    expect(destroyedAddresses(plan, PROTECTED)).toContain('aws_sqs_queue.queue_shipments');
    expect(guardPlans([org.planFile(QUEUES)])[0]?.destructive.length).toBeGreaterThan(0);
  });

  it('keeps a stack whose queues are all retired, and a later queue of the team destroys nothing', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', (text) => retire(retire(text, 'audit'), 'shipments'));
    await org.synth();
    expect(org.stacks()).toContain(QUEUES);
    const forgetting = await org.apply(QUEUES);
    expect(destroyedAddresses(forgetting, PROTECTED)).toEqual([]);
    expect(Object.values(actionsByAddress(forgetting)).every((actions) => actions === 'forget')).toBe(true);

    // Cleaned up once applied: the stack goes, its (now empty) state stays.
    org.edit('requests/shipping.yaml', withoutQueues);
    await org.synth();
    expect(org.stacks()).not.toContain(QUEUES);

    org.edit('requests/shipping.yaml', withNewQueue);
    await org.synth();
    const comeback = await org.plan(QUEUES);
    expect(destroyedAddresses(comeback, PROTECTED)).toEqual([]);
    expect(actionsByAddress(comeback)['aws_sqs_queue.queue_returns']).toBe('create');
  });

  it('refuses the plan of a stack that returns after its queues were deleted without retirement', async () => {
    const org = await organisation();
    org.edit('requests/shipping.yaml', withoutQueues);
    expect((await org.validateAgainstBase()).codes).toEqual(['resource-removed', 'resource-removed']);
    await org.synth();
    expect(org.stacks()).not.toContain(QUEUES);

    org.edit('requests/shipping.yaml', withNewQueue);
    await org.synth();
    const comeback = await org.plan(QUEUES);
    expect(destroyedAddresses(comeback, PROTECTED)).toEqual(
      expect.arrayContaining([
        'aws_sqs_queue.queue_audit',
        'aws_sqs_queue.queue_shipments',
        'aws_kms_key.queue_audit_key',
      ]),
    );
    expect((await runCli(['guard', org.planFile(QUEUES)], org.root)).status).toBe(1);
  });

  it('reports a removed team at its file, and refuses the plans if the team returns', async () => {
    const org = await organisation();
    fs.rmSync(path.join(org.root, 'requests/shipping.yaml'));
    const report = await runCli(['validate', '--base', 'HEAD'], org.root);
    expect(report.status).toBe(1);
    expect(report.stdout).toMatch(
      /^requests\/shipping\.yaml:1:1 error resource-removed queue "shipping\/audit"/m,
    );
    await org.synth();
    expect(org.stacks()).not.toContain(QUEUES);
    // The team comes back with one queue fewer: its old state still holds the other one.
    await git(org.root, ['checkout', '--', 'requests/shipping.yaml']);
    org.edit('requests/shipping.yaml', (text) => removeEntry(text, 'audit'));
    await org.synth();
    const comeback = await org.plan(QUEUES);
    expect(destroyedAddresses(comeback, PROTECTED)).toContain('aws_sqs_queue.queue_audit');
    const guard = await runCli(['guard', org.planFile(QUEUES)], org.root);
    expect(guard.status).toBe(1);
  });

  it('refuses a FIFO flip: validate --base reports the replacement and Terraform will not plan it', async () => {
    const org = await organisation();
    org.edit('requests/orders.yaml', (text) =>
      text.replace('  order-events:\n', '  order-events:\n    fifo: true\n'),
    );
    const { codes } = await org.validateAgainstBase();
    expect(codes).toContain('resource-removed');
    await org.synth();
    await expect(org.plan(TOPICS)).rejects.toThrow(/Instance cannot be destroyed|prevent_destroy/);
  });

  it('refuses a naming-pattern change: every entry is reported, and Terraform will not replace a queue', async () => {
    const org = await organisation();
    org.edit('eventbus.config.yaml', (text) => `${text}naming:\n  pattern: '{team}-{env}-{name}'\n`);
    const { status, codes } = await org.validateAgainstBase();
    expect(status).toBe(1);
    expect(codes.filter((code) => code === 'resource-removed')).toHaveLength(4);
    await org.synth();
    await expect(org.plan(QUEUES)).rejects.toThrow(/Instance cannot be destroyed|prevent_destroy/);
  });
});
