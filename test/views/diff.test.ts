import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareStacks, findRemovedResources, planStacks, type ComparedRequests } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
import {
  diffRequests,
  formatDiffMarkdown,
  MARKDOWN_LIMIT,
  type BusDiff,
  type Change,
} from '../../lib/views/diff';
import { writeFiles } from '../support/git-repository';

const CONFIG = `environments:
  dev: { account: "111111111111", region: eu-west-1 }
  prod: { account: "999999999999", region: eu-west-1 }
`;
const ORDERS = `team: orders
owner: o@example.com
topics:
  events:
    publishers: [arn:aws:iam::111111111111:role/orders-api]
  ledger: {}
`;
const SHIPPING = `team: shipping
owner: s@example.com
queues:
  work:
    visibilityTimeout: 1m
    consumers: [arn:aws:iam::999999999999:role/worker]
    subscriptions:
      - topic: orders/events
        filter:
          region: [eu-west-1]
  audit: {}
`;
const BASE = {
  'eventbus.config.yaml': CONFIG,
  'requests/orders.yaml': ORDERS,
  'requests/shipping.yaml': SHIPPING,
};

/** The requests of one version, valid, with their plans. */
function version(files: Readonly<Record<string, string>>): ComparedRequests {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-diff-'));
  writeFiles(root, files);
  const { model, diagnostics } = validateRequests({
    requestsDir: 'requests',
    configFile: 'eventbus.config.yaml',
    cwd: root,
  });
  if (!model) throw new Error(`invalid version: ${JSON.stringify(diagnostics, null, 2)}`);
  return { model, plans: planStacks(model) };
}

function diffOf(changes: Readonly<Record<string, string>>): BusDiff {
  return diffRequests(version(BASE), version({ ...BASE, ...changes }));
}

function only(diff: BusDiff, match: Partial<Change>): Change[] {
  return diff.changes.filter((change) =>
    Object.entries(match).every(([key, value]) => change[key as keyof Change] === value),
  );
}

describe('diff', () => {
  it('finds nothing between equal versions', () => {
    const diff = diffOf({});
    expect(diff.changes).toEqual([]);
    expect(diff.stacks.changed).toEqual([]);
  });

  it('reports a setting per environment, old -> new, and only the stacks of the queue', () => {
    const diff = diffOf({
      'requests/shipping.yaml': SHIPPING.replace('visibilityTimeout: 1m', 'visibilityTimeout: 2m'),
    });
    expect(
      diff.changes.map(({ environment, kind, name, field, destructive }) => ({
        environment,
        kind,
        name,
        field,
        destructive,
      })),
    ).toEqual([
      { environment: 'dev', kind: 'queue', name: 'work', field: 'visibilityTimeout', destructive: false },
      { environment: 'prod', kind: 'queue', name: 'work', field: 'visibilityTimeout', destructive: false },
    ]);
    expect(diff.changes[0]).toMatchObject({
      action: 'change',
      team: 'shipping',
      before: '1m (60 s)',
      after: '2m (120 s)',
    });
    expect(diff.stacks.changed).toEqual(['dev.shipping.queues', 'prod.shipping.queues']);
  });

  it('reports filters, subscriptions and grants, principal by principal', () => {
    const changed = SHIPPING.replace('region: [eu-west-1]', 'region: [eu-west-1, us-east-1]')
      .replace('role/worker]', 'role/worker, arn:aws:iam::999999999999:role/auditor]')
      .replace('  audit: {}\n', '  audit:\n    subscriptions:\n      - topic: orders/ledger\n');
    const diff = diffOf({ 'requests/shipping.yaml': changed });
    const filter = only(diff, { kind: 'subscription', environment: 'dev', name: 'work <- orders/events' });
    expect(filter).toHaveLength(1);
    expect(JSON.parse(filter[0]?.before ?? '')).toEqual({ region: ['eu-west-1'] });
    expect(JSON.parse(filter[0]?.after ?? '')).toEqual({ region: ['eu-west-1', 'us-east-1'] });
    expect(only(diff, { kind: 'subscription', action: 'add', name: 'audit <- orders/ledger' })).toHaveLength(
      2,
    );
    // The auditor's account is prod's: dev grants it nothing, so dev shows no grant.
    expect(only(diff, { kind: 'grant' })).toEqual([
      {
        action: 'add',
        kind: 'grant',
        environment: 'prod',
        team: 'shipping',
        name: 'work',
        field: 'consumers',
        after: 'arn:aws:iam::999999999999:role/auditor',
        destructive: false,
      },
    ]);
  });

  it('marks exactly what validate --base refuses as destructive', () => {
    const base = version(BASE);
    const current = version({
      ...BASE,
      // A FIFO flip renames the topic; dropping the queue's key loses the key; audit is deleted.
      'requests/orders.yaml': ORDERS.replace('  ledger: {}', '  ledger:\n    fifo: true'),
      'requests/shipping.yaml': SHIPPING.replace('  audit: {}\n', ''),
    });
    const diff = diffRequests(base, current);
    const destructive = diff.changes.filter((change) => change.destructive);
    expect(
      destructive.map(({ action, kind, environment, name }) => `${action} ${kind} ${environment} ${name}`),
    ).toEqual([
      'replace topic dev ledger',
      'remove queue dev audit',
      'replace topic prod ledger',
      'remove queue prod audit',
    ]);
    const refused = findRemovedResources(base, current).map((finding) => finding.message);
    expect(refused).toHaveLength(2);
    for (const name of new Set(destructive.map((change) => `${change.team}/${change.name}`))) {
      expect(refused.some((message) => message.includes(`"${name}"`))).toBe(true);
    }
    // Destructive changes come first.
    expect(diff.changes.slice(0, destructive.length)).toEqual(destructive);
  });

  it('reports a retirement as such, not as a loss', () => {
    const diff = diffOf({
      'requests/shipping.yaml': SHIPPING.replace('  audit: {}', '  audit:\n    retired: true'),
    });
    expect(
      diff.changes.map(({ action, environment, name, destructive }) => ({
        action,
        environment,
        name,
        destructive,
      })),
    ).toEqual([
      { action: 'retire', environment: 'dev', name: 'audit', destructive: false },
      { action: 'retire', environment: 'prod', name: 'audit', destructive: false },
    ]);
  });

  it('marks losing a customer-managed key as destructive, and gaining one not', () => {
    const withKey = {
      ...BASE,
      'requests/shipping.yaml': SHIPPING.replace('  audit: {}', '  audit:\n    encryption: kms'),
    };
    const gained = diffRequests(version(BASE), version(withKey));
    expect(only(gained, { field: 'encryption', environment: 'dev' })).toMatchObject([
      {
        before: 'SSE-SQS',
        after: 'customer-managed key alias/eventbus/sqs/dev-shipping-audit',
        destructive: false,
      },
    ]);
    const lost = diffRequests(version(withKey), version(BASE));
    expect(only(lost, { field: 'encryption', environment: 'dev' })).toMatchObject([{ destructive: true }]);
  });
});

describe('changed stacks', () => {
  it('touches the subscribers of a topic only when what they render changes', () => {
    const described = compareStacks(
      version(BASE),
      version({
        ...BASE,
        'requests/orders.yaml': ORDERS.replace('  ledger: {}', '  ledger:\n    description: the ledger'),
      }),
    );
    expect(described.changed).toEqual(['dev.orders.topics', 'prod.orders.topics']);

    // A FIFO topic has another ARN: the subscribing queue stack renders it.
    const flipped = compareStacks(
      version(BASE),
      version({
        ...BASE,
        'requests/orders.yaml': ORDERS.replace('  events:\n', '  events:\n    fifo: true\n'),
        'requests/shipping.yaml': SHIPPING.replace('  work:\n', '  work:\n    fifo: true\n'),
      }),
    );
    expect(flipped.changed).toEqual([
      'dev.orders.topics',
      'dev.shipping.queues',
      'prod.orders.topics',
      'prod.shipping.queues',
    ]);
  });

  it('lists new and removed stacks', () => {
    const changes = compareStacks(
      version(BASE),
      version({
        ...BASE,
        'requests/shipping.yaml': SHIPPING.replace(/ {2}work:[\s\S]*(?= {2}audit)/, ''),
        'requests/billing.yaml': 'team: billing\nowner: b@example.com\ntopics:\n  bills: {}\n',
      }),
    );
    expect(changes.added).toEqual(['dev.billing.topics', 'prod.billing.topics']);
    expect(changes.changed).toEqual([
      'dev.billing.topics',
      'dev.shipping.queues',
      'prod.billing.topics',
      'prod.shipping.queues',
    ]);
    expect(changes.removed).toEqual([]);
    const withoutShipping = Object.fromEntries(
      Object.entries(BASE).filter(([file]) => file !== 'requests/shipping.yaml'),
    );
    const gone = compareStacks(version(BASE), version(withoutShipping));
    expect(gone.removed).toEqual(['dev.shipping.queues', 'prod.shipping.queues']);
    expect(gone.changed).toEqual([]);
  });
});

describe('diff as Markdown', () => {
  it('keeps hostile values inert inside code spans', () => {
    const diff = diffOf({
      'requests/shipping.yaml': SHIPPING.replace(
        'region: [eu-west-1]',
        "region: ['@all | <img src=x> `x` #1']",
      ),
    });
    const markdown = formatDiffMarkdown(diff, 'main');
    const row = markdown.split('\n').find((line) => line.includes('subscription') && line.includes('dev'));
    expect(row).toBeDefined();
    // Every user value sits in a code span; the pipe is escaped so the row keeps 5 cells.
    expect(row?.split(/(?<!\\)\|/)).toHaveLength(7);
    expect(row).toContain('``{"region":["@all \\| <img src=x> `x` #1"]}``');
  });

  it('stays under the note limit and says where the rest is', () => {
    const change = (index: number): Change => ({
      action: 'change',
      kind: 'queue',
      environment: 'dev',
      team: `team-${index % 400}`,
      name: `queue-${index}`,
      field: 'visibilityTimeout',
      before: 'x'.repeat(100),
      after: 'y'.repeat(100),
      destructive: index % 7 === 0,
    });
    const diff: BusDiff = {
      changes: Array.from({ length: 20_000 }, (_, index) => change(index)),
      stacks: { changed: [], added: [], removed: [], unchanged: [] },
    };
    const markdown = formatDiffMarkdown(diff, 'main');
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toMatch(/… and \d+ more changes: see `eventbus diff --format json`/);
  });
});
