import { describe, expect, it } from 'vitest';
import { PLATFORM_CONFIG, problems, workspace } from '../../support/workspace';

const request = (team: string, queue = 'work'): string =>
  `team: ${team}\nowner: ${team}@example.com\nqueues:\n  ${queue}: {}\n`;

describe('team-file-location', () => {
  it("accepts a team's file at requests/<team>.yaml or .yml and anywhere under requests/<team>/", () => {
    expect(
      problems({
        'orders.yaml': request('orders'),
        'billing.yml': request('billing'),
        'payments/ledger.yaml': request('payments'),
        'payments/deep/more/intake.yml': request('payments', 'intake'),
      }),
    ).toEqual([]);
  });

  it("refuses a file that speaks for another team, at its team, naming the team's places", () => {
    const { diagnostics } = workspace({
      'shipping.yaml': request('shipping'),
      'shipping/extra.yaml': request('orders'),
      'misc/orders.yaml': request('orders'),
      'ORDERS.yaml': request('orders'),
      'orders.YAML': request('orders'),
    }).validate();
    const located = diagnostics.filter((diagnostic) => diagnostic.code === 'team-file-location');
    expect(located.map(({ file, line, column, message }) => ({ file, line, column, message }))).toEqual([
      {
        file: 'requests/ORDERS.yaml',
        line: 1,
        column: 7,
        message: 'requests/ORDERS.yaml is not a place of any team, so it may not speak for team "orders"',
      },
      {
        file: 'requests/misc/orders.yaml',
        line: 1,
        column: 7,
        message: 'requests/misc/orders.yaml is team "misc"\'s place, so it may not speak for team "orders"',
      },
      {
        file: 'requests/orders.YAML',
        line: 1,
        column: 7,
        message: 'requests/orders.YAML is not a place of any team, so it may not speak for team "orders"',
      },
      {
        file: 'requests/shipping/extra.yaml',
        line: 1,
        column: 7,
        message:
          'requests/shipping/extra.yaml is team "shipping"\'s place, so it may not speak for team "orders"',
      },
    ]);
    expect(located[0]?.hint).toBe(
      'move the file to requests/orders.yaml, requests/orders.yml or anywhere under requests/orders/',
    );
  });

  it("follows the platform config's teamFiles", () => {
    const config = `${PLATFORM_CONFIG}teamFiles: ['teams/{team}/*.yaml']\n`;
    expect(problems({ 'teams/orders/main.yaml': request('orders') }, config)).toEqual([]);
    expect(problems({ 'orders.yaml': request('orders') }, config)).toEqual([
      expect.objectContaining({ code: 'team-file-location', file: 'requests/orders.yaml' }),
    ]);
    // "*" stays within one directory.
    expect(problems({ 'teams/orders/sub/main.yaml': request('orders') }, config)).toEqual([
      expect.objectContaining({ code: 'team-file-location', file: 'requests/teams/orders/sub/main.yaml' }),
    ]);
  });

  it('refuses layout patterns without {team}, absolute or climbing out of the requests directory', () => {
    for (const pattern of ['**', '/{team}.yaml', '../{team}.yaml', '{team}/../x.yaml']) {
      const config = `${PLATFORM_CONFIG}teamFiles: ['${pattern}']\n`;
      const found = problems({ 'orders.yaml': request('orders') }, config);
      expect(found).toEqual([
        expect.objectContaining({ code: 'schema-pattern', file: 'eventbus.config.yaml' }),
      ]);
    }
  });
});
