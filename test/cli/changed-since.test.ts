import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, repositoryWith } from '../support/git-repository';
import { readTree, runCli, type CliResult } from './run-cli';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  prod: { account: "999999999999", region: eu-west-1 }
`;
const ORDERS = 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n';
const SHIPPING = `team: shipping
owner: s@example.com
queues:
  work:
    visibilityTimeout: 1m
    subscriptions:
      - topic: orders/events
  audit: {}
`;
const BILLING = 'team: billing\nowner: b@example.com\nqueues:\n  invoices: {}\n';

/** The base commit holds three teams; the working tree changes shipping's queue only. */
async function changedRepository(): Promise<string> {
  const root = await repositoryWith({
    'eventbus.config.yaml': CONFIG,
    'requests/orders.yaml': ORDERS,
    'requests/shipping.yaml': SHIPPING,
    'requests/billing.yaml': BILLING,
  });
  fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), SHIPPING.replace('1m', '2m'));
  return root;
}

describe('diff --base', () => {
  let root: string;
  beforeAll(async () => {
    root = await changedRepository();
  });

  it('writes the JSON form with the changes and the stacks to plan, leaving the tree alone', async () => {
    const status = await git(root, 'status', '--porcelain');
    const result = await runCli(['diff', '--base', 'HEAD', '--format', 'json'], root);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { base: string; changes: unknown[]; stacks: string[] };
    expect(report.base).toBe('HEAD');
    expect(report.changes).toEqual(
      ['dev', 'prod'].map((environment) => ({
        action: 'change',
        kind: 'queue',
        environment,
        team: 'shipping',
        name: 'work',
        field: 'visibilityTimeout',
        before: '1m (60 s)',
        after: '2m (120 s)',
        destructive: false,
      })),
    );
    expect(report.stacks).toEqual(['dev.shipping.queues', 'prod.shipping.queues']);
    expect(await git(root, 'status', '--porcelain')).toBe(status);
  });

  it('writes a note for the merge request, and plain text', async () => {
    const markdown = await runCli(['diff', '--base', 'HEAD', '--format', 'markdown'], root);
    expect(markdown.stdout).toMatch(
      /^### eventbus diff against `HEAD`: 2 changes \(0 destructive\) in 1 team/,
    );
    expect(markdown.stdout).toContain('#### Team `shipping`');
    // The same change in both environments is one row.
    expect(markdown.stdout).toContain(
      '|  | `dev`, `prod` | queue | `work` | visibilityTimeout: `1m (60 s)` → `2m (120 s)` |',
    );
    expect(markdown.stdout).toContain('<details>');
    const text = await runCli(['diff', '--base', 'HEAD'], root);
    expect(text.stdout).toContain('dev shipping queue work: visibilityTimeout: 1m (60 s) -> 2m (120 s)');
  });

  it('refuses a missing or unknown ref as a usage error, and an invalid working tree with its diagnostics', async () => {
    expect((await runCli(['diff'], root)).status).toBe(2);
    const unknown = await runCli(['diff', '--base', 'no-such-ref'], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--base no-such-ref');
    const broken = await changedRepository();
    fs.writeFileSync(path.join(broken, 'requests/billing.yaml'), 'team: billing\nowner: [\n');
    const invalid = await runCli(['diff', '--base', 'HEAD'], broken);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('requests/billing.yaml');
    expect(invalid.stdout).toBe('');
  });
});

describe('stacks and synth --changed-since', () => {
  let root: string;
  /** A full synth of the changed working tree, which the tests compare with and guard against. */
  let full: CliResult;
  beforeAll(async () => {
    root = await changedRepository();
    full = await runCli(['synth', '--out', 'full.out'], root);
  });

  it('lists only the stacks the change renders differently', async () => {
    const all = await runCli(['stacks'], root);
    expect(all.stdout.trim().split('\n')).toHaveLength(6);
    const changed = await runCli(['stacks', '--changed-since', 'HEAD', '--format', 'json'], root);
    expect(changed.status).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({
      base: 'HEAD',
      stacks: ['dev', 'prod'].map((environment) => ({
        name: `${environment}.shipping.queues`,
        environment,
        team: 'shipping',
        layer: 'queues',
        dependsOn: [`${environment}.orders.topics`],
      })),
      removed: [],
    });
  });

  it('compares one environment with --env, and refuses an unknown ref or a base that does not validate', async () => {
    const dev = await runCli(['stacks', '--changed-since', 'HEAD', '--env', 'dev'], root);
    expect(dev.status).toBe(0);
    expect(dev.stdout).toContain('dev.shipping.queues');
    expect(dev.stdout).not.toContain('prod.');

    const unknown = await runCli(['synth', '--changed-since', 'no-such-ref', '--out', 'unknown.out'], root);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--changed-since no-such-ref');
    expect(fs.existsSync(path.join(root, 'unknown.out'))).toBe(false);

    const brokenBase = await repositoryWith({
      'eventbus.config.yaml': CONFIG,
      'requests/billing.yaml': 'team: billing\nowner: [\n',
    });
    fs.writeFileSync(path.join(brokenBase, 'requests/billing.yaml'), BILLING);
    const invalid = await runCli(['synth', '--changed-since', 'HEAD', '--out', 'invalid.out'], brokenBase);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('the requests at HEAD do not validate');
    expect(fs.existsSync(path.join(brokenBase, 'invalid.out'))).toBe(false);
  });

  it('writes the changed stacks exactly as a full synth does, and every identity policy and endpoint', async () => {
    expect(full.status).toBe(0);
    const partial = await runCli(['synth', '--changed-since', 'HEAD', '--out', 'partial.out'], root);
    expect(partial.status).toBe(0);
    expect(partial.stdout).toContain(
      '2 of 6 stacks render differently than at HEAD; only those were written',
    );
    const fullFiles = Object.fromEntries(readTree(path.join(root, 'full.out')));
    const partialFiles = Object.fromEntries(readTree(path.join(root, 'partial.out')));
    const stacksOf = (files: Record<string, string>): string[] => [
      ...new Set(Object.keys(files).flatMap((file) => /^stacks\/([^/]+)\//.exec(file)?.[1] ?? [])),
    ];
    expect(stacksOf(partialFiles).sort()).toEqual(['dev.shipping.queues', 'prod.shipping.queues']);
    for (const [file, content] of Object.entries(partialFiles)) {
      if (file === 'manifest.json') continue;
      expect(content, file).toBe(fullFiles[file]);
    }
    const outside = (files: Record<string, string>): string[] =>
      Object.keys(files).filter((file) => !file.startsWith('stacks/') && file !== 'manifest.json');
    expect(outside(partialFiles)).toEqual(outside(fullFiles));
  });

  it('guards against the previous output only for the stacks it writes', async () => {
    expect(full.status).toBe(0);
    const partial = await runCli(
      ['synth', '--changed-since', 'HEAD', '--previous', 'full.out', '--out', 'guarded.out'],
      root,
    );
    expect(partial.stderr).toBe('');
    expect(partial.status).toBe(0);
    // Dropping shipping's audit queue from the working tree is still refused.
    fs.writeFileSync(
      path.join(root, 'requests/shipping.yaml'),
      SHIPPING.replace('1m', '2m').replace('  audit: {}\n', ''),
    );
    const dropped = await runCli(
      ['synth', '--changed-since', 'HEAD', '--previous', 'full.out', '--out', 'guarded.out'],
      root,
    );
    expect(dropped.status).toBe(1);
    expect(dropped.stderr).toContain('aws_sqs_queue');
    expect(dropped.stderr).toContain('nothing was written');
  });
});

describe('the merge request that adds the bus', () => {
  /** The base commit holds neither the platform config nor a request: only other files. */
  async function repositoryBeforeTheBus(): Promise<string> {
    const root = await repositoryWith({ 'README.md': '# service\n', 'requests/README.md': 'requests\n' });
    fs.writeFileSync(path.join(root, 'eventbus.config.yaml'), CONFIG);
    fs.writeFileSync(path.join(root, 'requests/orders.yaml'), ORDERS);
    fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), SHIPPING);
    return root;
  }

  it('adds every stack, topic and queue, and removes nothing', async () => {
    const root = await repositoryBeforeTheBus();
    const stacks = await runCli(['stacks', '--changed-since', 'HEAD', '--format', 'json'], root);
    expect(stacks.status).toBe(0);
    const all = await runCli(['stacks', '--format', 'json'], root);
    expect((JSON.parse(stacks.stdout) as { stacks: unknown[] }).stacks).toEqual(
      (JSON.parse(all.stdout) as { stacks: unknown[] }).stacks,
    );
    expect(JSON.parse(stacks.stdout)).toMatchObject({ base: 'HEAD', removed: [] });

    const diff = await runCli(['diff', '--base', 'HEAD', '--format', 'json'], root);
    expect(diff.status).toBe(0);
    const changes = (JSON.parse(diff.stdout) as { changes: { kind: string; action: string }[] }).changes;
    expect(new Set(changes.map((change) => change.action))).toEqual(new Set(['add']));
    expect(changes.filter((change) => change.kind === 'queue')).toHaveLength(4);

    const validate = await runCli(['validate', '--base', 'HEAD', '--format', 'json'], root);
    expect(validate.status).toBe(0);
    expect(validate.stdout).not.toContain('base-invalid');

    const synth = await runCli(['synth', '--changed-since', 'HEAD', '--out', 'first.out'], root);
    expect(synth.status).toBe(0);
    const full = await runCli(['synth', '--out', 'full.out'], root);
    expect(full.status).toBe(0);
    expect(readTree(path.join(root, 'first.out'))).toEqual(readTree(path.join(root, 'full.out')));
  });

  it('still refuses a base that holds the bus but does not validate', async () => {
    const root = await repositoryWith({ 'requests/orders.yaml': ORDERS });
    fs.writeFileSync(path.join(root, 'eventbus.config.yaml'), CONFIG);
    const stacks = await runCli(['stacks', '--changed-since', 'HEAD'], root);
    expect(stacks.status).toBe(1);
    expect(stacks.stderr).toContain('the requests at HEAD do not validate');
  });
});

describe('pipeline --changed-since', () => {
  it('plans only the stacks the change renders differently', async () => {
    const root = await changedRepository();
    const result = await runCli(['pipeline', '--changed-since', 'HEAD', '--eventbus', 'eventbus'], root);
    expect(result.status).toBe(0);
    const jobs = Object.keys(parse(result.stdout) as Record<string, unknown>).filter((job) =>
      job.startsWith('plan '),
    );
    expect(jobs.sort()).toEqual(['plan dev.shipping.queues', 'plan prod.shipping.queues']);
  });
});

describe('a base that breaks a rule', () => {
  const twice = SHIPPING.replace(
    '      - topic: orders/events\n',
    '      - topic: orders/events\n      - topic: orders/events\n',
  );

  it('is compared all the same when its stacks plan: the merge request that fixes it', async () => {
    const root = await repositoryWith({
      'eventbus.config.yaml': CONFIG,
      'requests/orders.yaml': ORDERS,
      'requests/shipping.yaml': twice,
      'requests/billing.yaml': BILLING,
    });
    const broken = await runCli(['validate'], root);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('duplicate-subscription');
    fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), SHIPPING);
    const stacks = await runCli(['stacks', '--changed-since', 'HEAD'], root);
    expect(stacks.status).toBe(0);
    expect(stacks.stdout.trim().split('\n')).toEqual(['dev.shipping.queues', 'prod.shipping.queues']);
  });

  it('cannot be compared with when its stacks cannot be planned', async () => {
    const root = await repositoryWith({
      'eventbus.config.yaml': CONFIG,
      'requests/orders.yaml': ORDERS,
      'requests/shipping.yaml': SHIPPING.replace('orders/events', 'orders/gone'),
    });
    fs.writeFileSync(path.join(root, 'requests/shipping.yaml'), SHIPPING);
    const stacks = await runCli(['stacks', '--changed-since', 'HEAD'], root);
    expect(stacks.status).toBe(1);
    expect(stacks.stderr).toContain('the requests at HEAD do not validate');
  });
});
