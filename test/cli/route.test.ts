import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli';

describe('eventbus route', () => {
  it('prints every subscribed queue and why an event does not reach some of them', async () => {
    const result = await runCli(
      [
        'route',
        '--topic',
        'orders/order-events',
        '--attributes',
        '{"event_type": "orders.v1.OrderCreated", "region": "us-east-1"}',
      ],
      REPO,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('orders/order-events: 4 subscribed queues');
    expect(result.stdout).toMatch(/shipping\/shipments +filtered out by "region"/);
    expect(result.stdout).toMatch(/payments\/order-intake +delivered/);
  });

  it('reads attributes and a body from files and answers in JSON', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-route-'));
    fs.writeFileSync(
      path.join(directory, 'attributes.json'),
      '{"event_type": {"DataType": "String", "StringValue": "orders.v1.OrderCreated"}}',
    );
    fs.writeFileSync(
      path.join(directory, 'body.json'),
      JSON.stringify({ type: 'orders.v1.OrderCreated', delivery: { speed: 'express' }, total: 800 }),
    );
    const result = await runCli(
      [
        'route',
        '--topic',
        'orders/order-events',
        '--attributes-file',
        path.join(directory, 'attributes.json'),
        '--body',
        path.join(directory, 'body.json'),
        '--env',
        'prod',
        '--format',
        'json',
      ],
      REPO,
    );
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as { decisions: { queue: string; delivered: boolean }[] };
    expect(
      answer.decisions.find((decision) => decision.queue === 'shipping/express-shipments')?.delivered,
    ).toBe(true);
  });

  it('treats an unknown topic or malformed attributes as usage errors', async () => {
    const unknown = await runCli(['route', '--topic', 'orders/order-event'], REPO);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('did you mean "orders/order-events"?');
    expect(
      (await runCli(['route', '--topic', 'orders/order-events', '--attributes', '{nope'], REPO)).status,
    ).toBe(2);
    expect((await runCli(['route'], REPO)).status).toBe(2);
  });
});
