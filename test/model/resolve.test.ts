import { describe, expect, it } from 'vitest';
import { planStacks, stacksOfEnvironment } from '../../lib/model';
import { ORDERS, problems, workspace } from '../support/workspace';

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

  it('does not plan when the loader refused a file whose topics others subscribe to', () => {
    const requests = {
      // No owner: the schema refuses the file, and its team's topics are not in the model.
      'orders.yaml': 'team: orders\ntopics:\n  events: {}\n',
      'shipping.yaml':
        'team: shipping\nowner: s@example.com\nqueues:\n  work:\n    subscriptions:\n      - topic: orders/events\n',
    };
    expect(problems(requests).map(({ code }) => code)).toEqual(['schema-missing-field']);
  });
});

describe('validation result', () => {
  it("hands on every environment's plans, as planStacks makes them", () => {
    const { model, plans } = workspace({ 'orders.yaml': ORDERS }).validate();
    expect(model).toBeDefined();
    expect(plans?.map((plan) => plan.name)).toEqual(['dev.orders.topics', 'prod.orders.topics']);
    expect(plans).toEqual(model && planStacks(model));
    expect(stacksOfEnvironment(plans ?? [], 'prod')).toEqual(model && planStacks(model, 'prod'));
  });

  it('has no plans when there is an error', () => {
    const result = workspace({ 'orders.yaml': ORDERS.replace('ledger:', 'Bad Name:') }).validate();
    expect(result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
    expect(result.plans).toBeUndefined();
  });
});
