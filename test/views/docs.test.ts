import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planStacks, type EventBusModel } from '../../lib/model';
import { renderDocs, type DocFile } from '../../lib/views/docs';
import { mermaidLabel } from '../../lib/views/docs/mermaid';
import { eventTypePages } from '../../lib/views/docs/paths';
import { workspace } from '../support/workspace';

const HOSTILE =
  'Orders | totals\n`rm -rf` <script>alert(1)</script> & [click](http://evil) *loud* _x_ ~y~ $z$';

const ORDERS = `team: orders
owner: orders@example.com
topics:
  order-events:
    description: ${JSON.stringify(HOSTILE)}
    events: [OrderCreated, OrderShipped]
    publishers:
      - arn:aws:iam::111111111111:role/orders-api
      - arn:aws:iam::999999999999:role/orders-api
`;

const SHIPPING = `team: shipping
owner: shipping@example.com
queues:
  shipments:
    consumers: [arn:aws:iam::999999999999:role/shipping-worker]
    subscriptions:
      - topic: orders/order-events
        events: [OrderCreated]
        filter: { region: [{ prefix: "eu|<b>\`x\`</b>" }] }
  audit:
    environments: [prod]
    retired: true
    subscriptions:
      - topic: orders/order-events
`;

function modelOf(requests: Record<string, string> = { 'orders.yaml': ORDERS, 'shipping.yaml': SHIPPING }) {
  const { model, diagnostics } = workspace(requests).validate();
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return model;
}

function docsOf(model: EventBusModel, environment?: string): Map<string, string> {
  return new Map(renderDocs(model, planStacks(model, environment)).map((file) => [file.path, file.content]));
}

function pageOf(files: Map<string, string>, file: string): string {
  const content = files.get(file);
  if (content === undefined) throw new Error(`no ${file} among ${[...files.keys()].join(', ')}`);
  return content;
}

/** The part of a page from a heading to the next heading of the same or a higher level. */
function section(content: string, heading: string): string {
  const lines = content.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${heading}`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level,
  );
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** Cells of a table row, split where GFM splits them: at every `|` not escaped with a backslash. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** `team/name` pairs of the diagram's arrows, read through the subgraphs and node labels alone. */
function diagramEdges(content: string): string[] {
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(content)?.[1];
  if (block === undefined) throw new Error('no mermaid block');
  const names = new Map<string, string>();
  const edges: string[] = [];
  let team = '';
  for (const line of block.split('\n')) {
    const subgraph = /^ {2}subgraph (\w+) \["([^"]*)"\]$/.exec(line);
    const node = /^ {4}(\w+)(?:\(\["|\[\(")([^"]*)"/.exec(line);
    const edge = /^ {2}(\w+) (?:-->|-\.->)(?:\|"[^"]*"\|)? (\w+)$/.exec(line);
    if (subgraph) team = subgraph[2] as string;
    else if (node) names.set(node[1] as string, `${team}/${(node[2] as string).replace(/ \(.*\)$/, '')}`);
    else if (edge) edges.push(`${names.get(edge[1] as string)} -> ${names.get(edge[2] as string)}`);
    else if (line !== 'flowchart LR' && line !== '  end') throw new Error(`unexpected diagram line: ${line}`);
  }
  return edges.sort();
}

describe('renderDocs', () => {
  it('documents a cross-team subscription with a filter: publishers, the subscriber, and the event types it can receive', () => {
    const files = docsOf(modelOf());
    const topic = section(pageOf(files, 'teams/orders.md'), '### Topic order-events');
    const publishers = section(topic, '**Publishers**');
    expect(publishers).toContain(
      '| [dev](../environments/dev.md) | arn:aws:iam::111111111111:role/orders-api |',
    );
    expect(publishers).toContain(
      '| [prod](../environments/prod.md) | arn:aws:iam::999999999999:role/orders-api |',
    );
    // A dev role is never granted in prod, and the reverse.
    expect(publishers).not.toContain('| [prod](../environments/prod.md) | arn:aws:iam::111111111111');
    expect(topic).toMatch(
      /\| \[shipping\/shipments\]\(shipping\.md#queue-shipments\) \| \[shipping\]\(shipping\.md\) \| dev, prod \| attribute "event&#95;type" is "OrderCreated" and attribute "region" starts with /,
    );

    const created = pageOf(files, 'events/OrderCreated.md');
    const shipped = pageOf(files, 'events/OrderShipped.md');
    expect(section(created, '**Received by**')).toContain(
      '[shipping/shipments](../teams/shipping.md#queue-shipments)',
    );
    expect(section(shipped, '**Received by**')).not.toContain('shipping/shipments');
    // An unfiltered subscription receives every event type its topic carries.
    expect(section(shipped, '**Received by**')).toContain(
      '[shipping/audit](../teams/shipping.md#queue-audit)',
    );
    expect(section(created, '**Carried by**')).toContain(
      '[orders/order-events](../teams/orders.md#topic-order-events)',
    );

    const queue = section(pageOf(files, 'teams/shipping.md'), '### Queue shipments');
    expect(queue).toContain(
      '| [prod](../environments/prod.md) | arn:aws:iam::999999999999:role/shipping-worker |',
    );
    expect(queue).toContain('| Visibility timeout | 30s |');
    expect(queue).toContain(
      '| Dead-letter queue | after 5 receives (maxReceiveCount); kept 14d (1209600 s) |',
    );
    expect(queue).toContain('```json\n{\n  "event_type": [\n    "OrderCreated"\n  ],');
  });

  it('draws one arrow per subscription of the plans, in each environment, between nodes of the right teams', () => {
    const model = modelOf();
    const files = docsOf(model);
    for (const environment of ['dev', 'prod']) {
      const planned = planStacks(model, environment).flatMap((stack) =>
        stack.queues.flatMap((queue) =>
          queue.subscriptions.map(
            ({ subscription }) =>
              `${subscription.topic.team}/${subscription.topic.name} -> ${subscription.queue.team}/${subscription.queue.name}`,
          ),
        ),
      );
      expect(diagramEdges(pageOf(files, `environments/${environment}.md`))).toEqual(planned.sort());
    }
    expect(diagramEdges(pageOf(files, 'environments/prod.md'))).toContain(
      'orders/order-events -> shipping/audit',
    );
    expect(pageOf(files, 'environments/prod.md')).toMatch(/-\.-> queue_\w+audit/);
  });

  it('escapes hostile strings: no cell is split, no HTML, code span or link comes out of a request', () => {
    const files = docsOf(modelOf());
    for (const [file, content] of files) {
      const outsideFences = content.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
      expect(outsideFences, file).not.toMatch(/<|`rm|\]\(http/);
      let columns = 0;
      for (const line of outsideFences.split('\n')) {
        if (!line.startsWith('|')) {
          columns = 0;
          continue;
        }
        if (columns === 0) columns = cells(line).length;
        expect(cells(line), `${file}: ${line}`).toHaveLength(columns);
      }
    }
    const description = section(pageOf(files, 'teams/orders.md'), '### Topic order-events')
      .split('\n')
      .find((line) => line.startsWith('| Description |'));
    expect(description).toBe(
      '| Description | Orders &#124; totals &#96;rm -rf&#96; &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#91;click&#93;(http://evil) &#42;loud&#42; &#95;x&#95; &#126;y&#126; &#36;z&#36; |',
    );
  });

  it('quotes Mermaid labels so that no character of them is syntax', () => {
    const hostile = '"]) --> end\n%% x[<b>] #1; `y`';
    const label = mermaidLabel(hostile);
    expect(label).toMatch(/^"[A-Za-z0-9 ,./:()_#;-]*"$/);
    expect(
      label.slice(1, -1).replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))),
    ).toBe(hostile);
  });

  it('is deterministic: the same requests give the same bytes, wherever they are checked out', () => {
    const first = renderDocs(modelOf(), planStacks(modelOf()));
    const second = renderDocs(modelOf(), planStacks(modelOf()));
    expect(second).toEqual(first);
    expect(first.map((file) => file.path)).toEqual([...first.map((file) => file.path)].sort());
    expect(first.some((file) => /\d{4}-\d{2}-\d{2}|eventbus-test-/.test(file.content))).toBe(false);
  });

  it('links only to pages and sections that exist', () => {
    const files = renderDocs(modelOf(), planStacks(modelOf()));
    expect(files.length).toBeGreaterThan(5);
    for (const broken of brokenLinks(files)) throw new Error(broken);
  });

  it('limits every page to the environment asked for', () => {
    const files = docsOf(modelOf(), 'prod');
    expect([...files.keys()].filter((file) => file.startsWith('environments/'))).toEqual([
      'environments/prod.md',
    ]);
    expect(pageOf(files, 'teams/orders.md')).not.toContain('dev-orders-order-events');
    expect(pageOf(files, 'teams/orders.md')).toContain('prod-orders-order-events');
  });

  it('gives every event type its own file name, safe on every file system', () => {
    const pages = eventTypePages([
      'orders/v1:Created',
      'Order.Placed',
      'order.placed',
      `a${'b'.repeat(200)}`,
    ]);
    const names = [...pages.values()];
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
    for (const name of names) expect(name).toMatch(/^events\/[A-Za-z0-9._~-]{1,120}\.md$/);
    expect(pages.get('orders/v1:Created')).toBe('events/orders~2fv1~3aCreated.md');
    expect(pages).toEqual(
      eventTypePages(['order.placed', 'Order.Placed', `a${'b'.repeat(200)}`, 'orders/v1:Created']),
    );
  });
});

/** Relative links whose file is not in the catalog, or whose anchor names no heading of that file. */
function brokenLinks(files: readonly DocFile[]): string[] {
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const broken: string[] = [];
  for (const file of files) {
    for (const [, target] of file.content.matchAll(/\]\(([^)]+)\)/g)) {
      const [relative = '', anchor] = (target as string).split('#');
      const resolved = path.posix.join(path.posix.dirname(file.path), relative);
      const content = byPath.get(resolved);
      if (content === undefined) broken.push(`${file.path}: ${target} has no page`);
      else if (anchor !== undefined) {
        const ids = [...content.matchAll(/^#+ (.+)$/gm)].map(([, text]) =>
          (text as string).toLowerCase().replaceAll(' ', '-'),
        );
        if (!ids.includes(anchor)) broken.push(`${file.path}: ${target} has no such heading`);
      }
    }
  }
  return broken;
}
