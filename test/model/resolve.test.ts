import { describe, expect, it } from 'vitest';
import { problems } from '../support/workspace';

const longName = 'q'.repeat(60);

describe('rule phases', () => {
  it('plans and runs the plan rules only once the model rules found no error', () => {
    const subscribing = (topic: string): Record<string, string> => ({
      'orders.yaml': 'team: orders\nowner: o@example.com\ntopics:\n  events: {}\n',
      'shipping.yaml': `team: shipping\nowner: s@example.com\nqueues:\n  ${longName}:\n    subscriptions:\n      - topic: ${topic}\n`,
    });
    const codes = (requests: Record<string, string>): string[] => problems(requests).map(({ code }) => code);
    expect(codes(subscribing('orders/missing'))).toEqual(['unknown-topic']);
    expect(codes(subscribing('orders/events'))).toEqual(['name-too-long']);
  });
});
