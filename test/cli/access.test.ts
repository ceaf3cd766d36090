import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli';

describe('eventbus access', () => {
  it('lists who may publish to a topic, in text', async () => {
    const result = await runCli(['access', '--topic', 'orders/order-events', '--env', 'dev'], REPO);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'dev  topic orders/order-events  arn:aws:sns:eu-west-1:111111111111:dev-orders-order-events',
    );
    expect(result.stdout).toContain(
      '  arn:aws:iam::111111111111:role/orders-api: sns:Publish  when aws:PrincipalAccount StringEquals 111111111111\n',
    );
  });

  it('answers in JSON for one principal', async () => {
    const result = await runCli(
      ['access', '--principal', 'arn:aws:iam::222222222222:role/analytics-ingest', '--format', 'json'],
      REPO,
    );
    const { entries } = JSON.parse(result.stdout) as {
      entries: { resource: { name: string }; crossAccount: boolean }[];
    };
    expect(entries.length).toBeGreaterThan(0);
    expect(
      entries.every((entry) => entry.resource.name === 'analytics/order-facts' && entry.crossAccount),
    ).toBe(true);
  });

  it("lists the queues a topic's events reach and the roles that read them", async () => {
    const text = await runCli(['access', '--topic', 'orders/order-events', '--env', 'prod'], REPO);
    expect(text.stdout).toContain(
      '\nprod  topic orders/order-events is delivered to\n' +
        '  queue analytics/order-facts  arn:aws:sqs:eu-west-1:999999999999:prod-analytics-order-facts  every event\n' +
        '    read by arn:aws:iam::222222222222:role/analytics-ingest\n',
    );
    const json = await runCli(['access', '--topic', 'orders/order-ledger', '--format', 'json'], REPO);
    const { receivers } = JSON.parse(json.stdout) as {
      receivers: {
        environment: string;
        queue: { name: string };
        consumers: string[];
        filterPolicy?: object;
      }[];
    };
    expect(receivers.map(({ environment, queue }) => `${environment} ${queue.name}`)).toEqual([
      'dev payments/ledger-sync',
      'local payments/ledger-sync',
      'prod payments/ledger-sync',
    ]);
  });

  it.each([
    ['--topic', 'orders/order-event', 'no topic "orders/order-event"; did you mean "orders/order-events"?'],
    ['--queue', 'shipping/shipment', 'no queue "shipping/shipment"; did you mean "shipping/shipments"?'],
  ])('exits 2 for an unknown %s, with a suggestion', async (option, name, message) => {
    const result = await runCli(['access', option, name], REPO);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('takes one selector at a time', async () => {
    expect(
      (await runCli(['access', '--topic', 'orders/order-events', '--queue', 'shipping/shipments'], REPO))
        .status,
    ).toBe(2);
  });
});
