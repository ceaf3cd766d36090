import { describe, expect, it } from 'vitest';
import { expectClean, expectOnly } from '../../support/expect';
import { PLATFORM_CONFIG, workspace } from '../../support/workspace';

const OWNER_APPROVED = `${PLATFORM_CONFIG}topicAccess: owner-approved\n`;

function orders(topicSettings: string): string {
  return `team: orders\nowner: orders-team@example.com\ntopics:\n  events:\n${topicSettings}    publishers: [arn:aws:iam::111111111111:role/api]\nqueues:\n  own:\n    subscriptions:\n      - topic: events\n`;
}

function subscriber(team: string, consumer = `arn:aws:iam::111111111111:role/${team}`): string {
  return `team: ${team}\nowner: ${team}@example.com\nqueues:\n  work:\n    consumers: [${consumer}]\n    subscriptions:\n      - topic: orders/events\n`;
}

describe('subscription-not-allowed', () => {
  it('lets every team subscribe under topicAccess "open", the default', () => {
    expectClean('subscription-not-allowed', {
      'orders.yaml': orders(''),
      'shipping.yaml': subscriber('shipping'),
    });
  });

  it('refuses a team the topic does not list, at the subscription, naming the owner', () => {
    const { diagnostics } = workspace(
      { 'orders.yaml': orders('    subscribers: [billing]\n'), 'shipping.yaml': subscriber('shipping') },
      OWNER_APPROVED,
    ).validate();
    expect(diagnostics).toEqual([
      // billing has no request file: the entry is kept, and flagged as most likely a typo.
      expect.objectContaining({
        code: 'unknown-team',
        severity: 'warning',
        file: 'requests/orders.yaml',
        line: 5,
      }),
      expect.objectContaining({
        code: 'subscription-not-allowed',
        severity: 'error',
        file: 'requests/shipping.yaml',
        line: 7,
        column: 16,
        message: 'topic "orders/events" lets only "billing" subscribe, not team "shipping"',
        hint: 'ask team "orders" (orders-team@example.com) to add "shipping" to the topic\'s subscribers in requests/orders.yaml',
      }),
    ]);
  });

  it('lets only the owning team subscribe to a topic that says nothing under "owner-approved"', () => {
    expectOnly(
      'subscription-not-allowed',
      { file: 'requests/shipping.yaml', line: 7, column: 16 },
      { 'orders.yaml': orders(''), 'shipping.yaml': subscriber('shipping') },
      OWNER_APPROVED,
    );
  });

  it('lets listed teams and "all" subscribe, and a topic\'s list overrides an open platform', () => {
    expectClean(
      'subscription-not-allowed',
      { 'orders.yaml': orders('    subscribers: [shipping]\n'), 'shipping.yaml': subscriber('shipping') },
      OWNER_APPROVED,
    );
    expectClean(
      'subscription-not-allowed',
      { 'orders.yaml': orders('    subscribers: all\n'), 'shipping.yaml': subscriber('shipping') },
      OWNER_APPROVED,
    );
    expectOnly(
      'subscription-not-allowed',
      { file: 'requests/shipping.yaml', line: 7 },
      { 'orders.yaml': orders('    subscribers: []\n'), 'shipping.yaml': subscriber('shipping') },
    );
  });

  it('refuses consumers of an outside account unless the topic allows external subscribers', () => {
    const analytics = subscriber('analytics', 'arn:aws:iam::222222222222:role/ingest');
    const { diagnostics } = workspace({ 'orders.yaml': orders(''), 'analytics.yaml': analytics }).validate();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'subscription-not-allowed',
        file: 'requests/analytics.yaml',
        line: 7,
        message:
          'queue "analytics/work" hands topic "orders/events" to "arn:aws:iam::222222222222:role/ingest", outside the environments\' accounts, and the topic does not allow external subscribers',
        hint: 'ask team "orders" (orders-team@example.com) to set "externalSubscribers: true" on the topic in requests/orders.yaml',
      }),
    ]);
    expectClean('subscription-not-allowed', {
      'orders.yaml': orders('    externalSubscribers: true\n'),
      'analytics.yaml': analytics,
    });
  });

  it('holds the owning team to externalSubscribers too', () => {
    const own = orders('').replace(
      '  own:\n',
      '  own:\n    consumers: [arn:aws:iam::222222222222:role/ingest]\n',
    );
    expectOnly(
      'subscription-not-allowed',
      { file: 'requests/orders.yaml', line: 10 },
      { 'orders.yaml': own },
    );
  });

  it('refuses "subscribers" values that are neither "all" nor a list of team names', () => {
    for (const value of ['everyone', '[Shipping]', '[shipping, shipping]']) {
      const { diagnostics } = workspace({ 'orders.yaml': orders(`    subscribers: ${value}\n`) }).validate();
      expect(
        diagnostics.map((diagnostic) => [diagnostic.code.startsWith('schema-'), diagnostic.line]),
      ).toEqual([[true, 5]]);
    }
  });
});
