import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/process';
import { copyExampleOutput, copyOfExample, exampleSynth, readTree, REPO, runCli } from './run-cli';

describe('eventbus synth', () => {
  let root: string;
  let first: Map<string, string>;

  beforeAll(async () => {
    root = copyOfExample();
    const { result, output } = await exampleSynth();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    first = readTree(output);
  });

  it("writes cdktf's layout: a manifest and one cdk.tf.json per environment and team", () => {
    expect([...first.keys()].filter((file) => file.endsWith('cdk.tf.json'))).toEqual([
      'stacks/dev.orders.queues/cdk.tf.json',
      'stacks/dev.orders.topics/cdk.tf.json',
      'stacks/dev.payments.queues/cdk.tf.json',
      'stacks/dev.payments.topics/cdk.tf.json',
      'stacks/dev.shipping.queues/cdk.tf.json',
      'stacks/local.orders.queues/cdk.tf.json',
      'stacks/local.orders.topics/cdk.tf.json',
      'stacks/local.payments.queues/cdk.tf.json',
      'stacks/local.payments.topics/cdk.tf.json',
      'stacks/local.shipping.queues/cdk.tf.json',
      'stacks/prod.analytics.queues/cdk.tf.json',
      'stacks/prod.orders.queues/cdk.tf.json',
      'stacks/prod.orders.topics/cdk.tf.json',
      'stacks/prod.payments.queues/cdk.tf.json',
      'stacks/prod.payments.topics/cdk.tf.json',
      'stacks/prod.shipping.queues/cdk.tf.json',
    ]);
    const manifest = JSON.parse(first.get('manifest.json') as string) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    // Teams that subscribe to each other's topics still deploy in one pass: queue stacks depend
    // only on topic stacks.
    expect(manifest.stacks['prod.analytics.queues']?.dependencies).toEqual([
      'prod.orders.topics',
      'prod.payments.topics',
    ]);
    expect(manifest.stacks['dev.orders.queues']?.dependencies).toEqual(['dev.payments.topics']);
    expect(manifest.stacks['dev.payments.queues']?.dependencies).toEqual(['dev.orders.topics']);
    expect(manifest.stacks['dev.orders.topics']?.dependencies).toEqual([]);
  });

  it("writes the managed policies each outside account's principals must attach", () => {
    const file = JSON.parse(first.get('identity-policies/prod/222222222222.json') as string) as {
      principals: {
        principal: string;
        policies: { name: string; document: { Statement: { Sid: string }[] } }[];
      }[];
    };
    expect(
      file.principals.map(({ principal, policies }) => [principal, policies.map(({ name }) => name)]),
    ).toEqual([['arn:aws:iam::222222222222:role/analytics-ingest', ['eventbus-prod']]]);
    expect(file.principals[0]?.policies[0]?.document.Statement.map(({ Sid }) => Sid)).toEqual([
      'ConsumeFromEventBusQueues',
      'DecryptEventBusQueues',
    ]);
  });

  it('prints a summary of stacks and resources per type', async () => {
    const result = await runCli(['synth', '--out', 'out-summary', '--env', 'dev'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote 5 Terraform stacks with \d+ resources to out-summary/);
    expect(result.stdout).toMatch(/\d+ aws_sqs_queue\n/);
    expect(fs.readdirSync(path.join(root, 'out-summary/stacks')).sort()).toEqual([
      'dev.orders.queues',
      'dev.orders.topics',
      'dev.payments.queues',
      'dev.payments.topics',
      'dev.shipping.queues',
    ]);
  });

  it('writes identical bytes on every run and for any order the files are found in', async () => {
    expect((await runCli(['synth', '--out', 'out-b'], root)).status).toBe(0);
    expect(readTree(path.join(root, 'out-b'))).toEqual(first);

    const reordered = copyOfExample();
    const requests = path.join(reordered, 'requests');
    fs.renameSync(path.join(requests, 'shipping.yaml'), path.join(requests, 'a-shipping.yaml'));
    fs.renameSync(path.join(requests, 'orders.yaml'), path.join(requests, 'zz-orders.yaml'));
    // A layout of the platform's choosing lets the files sort differently.
    fs.appendFileSync(
      path.join(reordered, 'eventbus.config.yaml'),
      "teamFiles: ['{team}.yaml', '{team}/**', '*-{team}.yaml']\n",
    );
    expect((await runCli(['synth', '--out', 'out'], reordered)).status).toBe(0);
    const renamedTag = (text: string): string =>
      text.replaceAll('"a-shipping.yaml"', '"shipping.yaml"').replaceAll('"zz-orders.yaml"', '"orders.yaml"');
    const again = new Map(
      [...readTree(path.join(reordered, 'out'))].map(([file, text]) => [file, renamedTag(text)]),
    );
    expect(again).toEqual(first);
  });

  it('changes only the request-file tag when a definition moves to another file', async () => {
    const moved = copyOfExample();
    const requests = path.join(moved, 'requests/payments');
    const payments = fs.readFileSync(path.join(requests, 'payments.yaml'), 'utf8');
    const [head, queues] = payments.split('\nqueues:\n') as [string, string];
    fs.writeFileSync(path.join(requests, 'payments.yaml'), `${head}\n`);
    const ledger = fs.readFileSync(path.join(requests, 'ledger.yaml'), 'utf8');
    fs.writeFileSync(path.join(requests, 'ledger.yaml'), ledger.replace('queues:\n', `queues:\n${queues}`));
    expect((await runCli(['synth', '--out', 'out'], moved)).status).toBe(0);
    const after = readTree(path.join(moved, 'out'));
    expect([...after.keys()]).toEqual([...first.keys()]);
    const changedFiles = [...after].filter(([file, text]) => text !== first.get(file));
    expect(changedFiles.map(([file]) => file)).toEqual([
      'stacks/dev.payments.queues/cdk.tf.json',
      'stacks/local.payments.queues/cdk.tf.json',
      'stacks/prod.payments.queues/cdk.tf.json',
    ]);
    for (const [file, text] of changedFiles) {
      const before = first.get(file) as string;
      const changed = diffLines(before, text);
      expect(changed.every((line) => line.includes('"request-file"'))).toBe(true);
      expect(changed.some((line) => line.includes('payments/ledger.yaml'))).toBe(true);
    }
  });

  it('writes nothing and keeps the previous output when the requests are invalid', async () => {
    const broken = copyOfExample();
    const previous = readTree(await copyExampleOutput(broken, 'out'));
    fs.appendFileSync(path.join(broken, 'requests/orders.yaml'), 'unknown: field\n');
    const result = await runCli(['synth', '--out', 'out'], broken);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schema-unknown-field');
    expect(readTree(path.join(broken, 'out'))).toEqual(previous);
    expect(fs.readdirSync(broken).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('rejects an unknown --env as a usage error', async () => {
    expect((await runCli(['synth', '--env', 'staging', '--out', 'never'], root)).status).toBe(2);
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);
  });
});

/** Lines of `after` that differ from `before` at the same position (files keep their shape). */
function diffLines(before: string, after: string): string[] {
  const old = before.split('\n');
  return after.split('\n').filter((line, index) => line !== old[index]);
}

describe('eventbus synth --target', () => {
  let root: string;

  beforeAll(() => {
    root = copyOfExample();
  });

  it('writes a cloud assembly to --cdk-out and summarizes its stacks and resources per type', async () => {
    const result = await runCli(['synth', '--target', 'cloudformation', '--cdk-out', 'assembly'], root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote 16 CloudFormation stacks with \d+ resources to assembly\n/);
    expect(result.stdout).toContain('  stack dev-orders-topics\n');
    expect(result.stdout).toMatch(/\d+ AWS::SQS::Queue\n/);
    const files = [...readTree(path.join(root, 'assembly')).keys()];
    expect(files.filter((file) => file.endsWith('.template.json'))).toEqual([
      'dev-orders-queues.template.json',
      'dev-orders-topics.template.json',
      'dev-payments-queues.template.json',
      'dev-payments-topics.template.json',
      'dev-shipping-queues.template.json',
      'local-orders-queues.template.json',
      'local-orders-topics.template.json',
      'local-payments-queues.template.json',
      'local-payments-topics.template.json',
      'local-shipping-queues.template.json',
      'prod-analytics-queues.template.json',
      'prod-orders-queues.template.json',
      'prod-orders-topics.template.json',
      'prod-payments-queues.template.json',
      'prod-payments-topics.template.json',
      'prod-shipping-queues.template.json',
    ]);
    expect(files).toContain('manifest.json');
    // Only the CloudFormation target ran: the Terraform default directory was not created.
    expect(fs.existsSync(path.join(root, 'cdktf.out'))).toBe(false);
    expect(
      (await runCli(['synth', '--target', 'cloudformation', '--cdk-out', 'assembly-2'], root)).status,
    ).toBe(0);
    expect(readTree(path.join(root, 'assembly-2'))).toEqual(readTree(path.join(root, 'assembly')));
  });

  it('writes both outputs with --target all, each with its summary, to their default directories', async () => {
    const both = copyOfExample();
    const result = await runCli(['synth', '--target', 'all', '--env', 'dev'], both);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/wrote 5 Terraform stacks with \d+ resources to cdktf.out\n/);
    expect(result.stdout).toMatch(/wrote 5 CloudFormation stacks with \d+ resources to cdk.out\n/);
    expect(fs.existsSync(path.join(both, 'cdktf.out/stacks/dev.orders.topics/cdk.tf.json'))).toBe(true);
    expect(fs.existsSync(path.join(both, 'cdk.out/dev-orders-topics.template.json'))).toBe(true);
  });

  it('writes neither output and keeps both previous ones when the requests are invalid', async () => {
    const broken = copyOfExample();
    expect((await runCli(['synth', '--target', 'all'], broken)).status).toBe(0);
    const previous = {
      terraform: readTree(path.join(broken, 'cdktf.out')),
      cloudformation: readTree(path.join(broken, 'cdk.out')),
    };
    fs.appendFileSync(path.join(broken, 'requests/orders.yaml'), 'unknown: field\n');
    for (const target of ['cloudformation', 'all']) {
      const result = await runCli(['synth', '--target', target], broken);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('schema-unknown-field');
      expect(result.stdout).toBe('');
    }
    expect(readTree(path.join(broken, 'cdktf.out'))).toEqual(previous.terraform);
    expect(readTree(path.join(broken, 'cdk.out'))).toEqual(previous.cloudformation);
    expect(fs.readdirSync(broken).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('reports ids that meet only with a suffix at validation, with their position, and writes nothing', async () => {
    // Queue "audit-policy" and the policy of queue "audit" would both be "QueueAuditPolicy".
    const clash = copyOfExample();
    fs.writeFileSync(
      path.join(clash, 'requests/search.yaml'),
      'team: search\nowner: search@example.com\nqueues:\n  audit: {}\n  audit-policy: {}\n',
    );
    const result = await runCli(['synth', '--target', 'all'], clash);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^requests\/search\.yaml:5:3 error identifier-collision queue "audit-policy" and queue "audit" of team "search" would both take the CloudFormation logical id "QueueAuditPolicy"/m,
    );
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(clash).sort()).toEqual(['eventbus.config.yaml', 'requests']);
  });

  it('reports names that meet in CloudFormation ids at validation, with their position', async () => {
    const clash = copyOfExample();
    fs.writeFileSync(
      path.join(clash, 'requests/search.yaml'),
      'team: search\nowner: search@example.com\nqueues:\n  index-1: {}\n  index1: {}\n',
    );
    const result = await runCli(['synth', '--target', 'all'], clash);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('requests/search.yaml:5:3 error identifier-collision');
    expect(fs.readdirSync(clash).sort()).toEqual(['eventbus.config.yaml', 'requests']);
  });

  it.each([
    [['--target', 'pulumi']],
    [['--target', 'all', '--out', 'same', '--cdk-out', 'same']],
    [['--target', 'all', '--out', 'out', '--cdk-out', 'out/cdk']],
  ])('rejects %j as a usage error and writes nothing', async (args) => {
    const result = await runCli(['synth', ...args], root);
    expect(result.status).toBe(2);
    for (const directory of ['same', 'out', 'pulumi'])
      expect(fs.existsSync(path.join(root, directory))).toBe(false);
  });

  it.each([
    ['cloudformation', ['aws-cdk-lib']],
    ['terraform', ['@cdktf', 'cdktf']],
  ])('with --target %s loads only that backend (%j)', async (target, expected) => {
    expect(
      await librariesLoadedBy(
        ['synth', '--target', target, '--out', `probe-tf-${target}`, '--cdk-out', `probe-cfn-${target}`],
        root,
      ),
    ).toEqual({
      code: 0,
      loaded: expected,
    });
  });
});

/** Runs the built CLI in-process in a fresh Node and lists the backend libraries it required. */
async function librariesLoadedBy(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; loaded: string[] }> {
  const probe = `
    require(${JSON.stringify(path.join(REPO, 'dist/lib/cli'))}).run(${JSON.stringify(args)}, { stdout() {}, stderr() {} }).then((code) => {
      const loaded = new Set();
      for (const file of Object.keys(require.cache)) {
        const match = /node_modules[\\\\/](cdktf|@cdktf|aws-cdk-lib)[\\\\/]/.exec(file);
        if (match) loaded.add(match[1]);
      }
      process.stdout.write(JSON.stringify({ code, loaded: [...loaded].sort() }));
    });`;
  const result = await runProcess(process.execPath, ['-e', probe], { cwd });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { code: number; loaded: string[] };
}
