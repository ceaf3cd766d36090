import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { run } from '../lib/cli';
import { turnEventLoop } from './support/event-loop';
import { workspace } from './support/workspace';

/** Valid requests with a string in every field a request may hold one. */
const REQUESTS: Readonly<Record<string, string>> = {
  'orders.yaml': `team: orders
owner: orders@example.com
codeowners: ['@acme/orders']
topics:
  order-events:
    description: Order lifecycle events
    events: [OrderCreated, OrderShipped]
    subscribers: [shipping]
    encryption: kms
    publishers: [arn:aws:iam::111111111111:role/orders-api]
`,
  'shipping.yaml': `team: shipping
owner: shipping@example.com
environments: [dev]
queues:
  shipments:
    encryption: kms
    consumers: [arn:aws:iam::111111111111:role/shipping-worker]
    subscriptions:
      - topic: orders/order-events
        events: [OrderCreated]
        filter:
          region: [eu-west-1, { prefix: eu- }]
          tier: [{ anything-but: [free] }]
  express:
    subscriptions:
      - topic: orders/order-events
        filterScope: MessageBody
        filter:
          order: { country: [DE, { prefix: F }] }
`,
};

/** What the engines evaluate, and what YAML and JSON treat specially. */
const MARKERS = [
  '${x}',
  '%{x}',
  '{{resolve:ssm:x}}',
  '#{Token[AWS.AccountId.0]}',
  '${Token[TOKEN.1]}',
  '#{TfToken[TOKEN.1]}',
  '&{TfToken[TOKEN.2]}',
  '-1.8881545897087626e+289',
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Condition',
  '\u0000',
  '\u202e',
  '"',
  "'",
  '\\',
  '\n',
  '*',
  '12',
  'true',
];

const replacement = fc.oneof(
  fc.constantFrom(...MARKERS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  fc
    .tuple(fc.stringMatching(/^[a-z]{0,4}$/), fc.constantFrom(...MARKERS), fc.stringMatching(/^[a-z]{0,4}$/))
    .map((parts) => parts.join('')),
);

type Slot = {
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly part: 'key' | 'value';
};

/** Every string value and every map key of the requests. */
function slotsOf(file: string, value: unknown, at: (string | number)[] = []): Slot[] {
  if (typeof value === 'string') return [{ file, path: at, part: 'value' }];
  if (Array.isArray(value)) return value.flatMap((item, index) => slotsOf(file, item, [...at, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      { file, path: [...at, key], part: 'key' as const },
      ...slotsOf(file, item, [...at, key]),
    ]);
  }
  return [];
}

const DOCUMENTS = Object.fromEntries(
  Object.entries(REQUESTS).map(([file, text]) => [file, parse(text) as unknown]),
);
const SLOTS = Object.entries(DOCUMENTS).flatMap(([file, document]) => slotsOf(file, document));

function replaced(slot: Slot, text: string): Record<string, string> {
  const edit = (node: unknown, at: readonly (string | number)[]): unknown => {
    const [head, ...rest] = at;
    if (Array.isArray(node)) {
      return node.map((item, index) => (index !== head ? item : rest.length > 0 ? edit(item, rest) : text));
    }
    const entries = Object.entries(node as Record<string, unknown>);
    if (rest.length > 0)
      return Object.fromEntries(
        entries.map(([key, value]) => [key, key === head ? edit(value, rest) : value]),
      );
    // Renaming a key keeps its place among its siblings.
    return Object.fromEntries(
      entries.map(([key, value]) =>
        key !== head ? [key, value] : slot.part === 'key' ? [text, value] : [key, text],
      ),
    );
  };
  return { ...REQUESTS, [slot.file]: stringify(edit(DOCUMENTS[slot.file], slot.path)) };
}

const TOKEN_MARKERS = /[#$&]\{(Tf)?Token\[/;

function filesBelow(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('any string in any field of a request', () => {
  it('is valid for the base requests, which have strings in every kind of field', () => {
    expect(workspace(REQUESTS).validate().diagnostics).toEqual([]);
    expect(SLOTS.length).toBeGreaterThan(40);
    const edited = (slot: Slot): unknown => parse(replaced(slot, 'X')[slot.file] as string);
    expect(
      edited({ file: 'shipping.yaml', path: ['queues', 'shipments', 'consumers', 0], part: 'value' }),
    ).toMatchObject({
      queues: { shipments: { consumers: ['X'] } },
    });
    expect(
      Object.keys(
        (edited({ file: 'orders.yaml', path: ['topics', 'order-events'], part: 'key' }) as { topics: object })
          .topics,
      ),
    ).toEqual(['X']);
  });

  it('is refused by validate with a position, or rendered by both engines: validate and synth agree, nothing crashes', async () => {
    const silent = { stdout: () => undefined, stderr: () => undefined };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SLOTS), replacement, async (slot, text) => {
        // Each run synthesizes in this worker; let its event loop turn between them.
        await turnEventLoop();
        const project = workspace(replaced(slot, text));
        const validation = project.validate();
        const errors = validation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
        expect(validation.model === undefined).toBe(errors.length > 0);
        for (const error of errors) expect(error.line).toBeGreaterThanOrEqual(1);

        const out = path.join(project.root, 'out');
        const cdkOut = path.join(project.root, 'cdk-out');
        const code = await run(
          ['synth', '--requests', project.requestsDir, '--config', project.configFile].concat([
            '--target',
            'all',
            '--out',
            out,
            '--cdk-out',
            cdkOut,
          ]),
          silent,
        );
        if (errors.length > 0) {
          expect(code).toBe(1);
          expect(fs.readdirSync(project.root).sort()).toEqual(['eventbus.config.yaml', 'requests']);
          return;
        }
        expect(code).toBe(0);
        for (const file of [...filesBelow(out), ...filesBelow(cdkOut)]) {
          expect(fs.readFileSync(file, 'utf8')).not.toMatch(TOKEN_MARKERS);
        }
      }),
      { numRuns: 150 },
    );
  });
});
