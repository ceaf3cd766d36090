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

  it('takes one selector at a time', async () => {
    expect(
      (await runCli(['access', '--topic', 'orders/order-events', '--queue', 'shipping/shipments'], REPO))
        .status,
    ).toBe(2);
  });
});
