import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { ORDERS, PLATFORM_CONFIG, workspace } from '../../support/workspace';

const subscription = (extra: string): string =>
  `team: shipping\nowner: s@example.com\nqueues:\n  shipments:\n    subscriptions:\n      - topic: orders/order-events\n        events: [OrderCreated]\n${extra}`;

describe('events-filter-conflict', () => {
  it('reports events combined with a filter on the event-type attribute, at the filter key', () => {
    expectOnly(
      'events-filter-conflict',
      { file: 'requests/shipping.yaml', line: 9, column: 11 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscription('        filter:\n          event_type: [OrderShipped]\n'),
      },
    );
  });

  it('reports events on a message-body filter', () => {
    expectOnly(
      'events-filter-conflict',
      { file: 'requests/shipping.yaml', line: 7 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscription('        filterScope: MessageBody\n        filter: { kind: [x] }\n'),
      },
    );
  });

  it('accepts events with a filter on other attributes', () => {
    expectClean('events-filter-conflict', {
      'orders.yaml': ORDERS,
      'shipping.yaml': subscription('        filter:\n          region: [{ prefix: eu- }]\n'),
    });
  });
});

describe('events on message-body filters', () => {
  const config = `${PLATFORM_CONFIG}eventTypeBodyField: metadata.type\n`;

  it("folds events into the body filter at the platform's event-type field", () => {
    const { model } = workspace(
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscription(
          '        filterScope: MessageBody\n        filter: { metadata: { region: [eu] }, total: [1] }\n',
        ),
      },
      config,
    ).validate();
    const policy = model?.teams.find((team) => team.name === 'shipping')?.queues[0]?.subscriptions[0]
      ?.filterPolicy;
    expect(policy).toEqual({ metadata: { region: ['eu'], type: ['OrderCreated'] }, total: [1] });
  });

  it('reports a body filter that already constrains the event-type field', () => {
    expectOnly(
      'events-filter-conflict',
      { file: 'requests/shipping.yaml', line: 11 },
      {
        'orders.yaml': ORDERS,
        'shipping.yaml': subscription(
          '        filterScope: MessageBody\n        filter:\n          metadata:\n            type: [OrderShipped]\n',
        ),
      },
      config,
    );
  });
});
