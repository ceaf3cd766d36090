import { describe, expect, it } from 'vitest';
import { planStacks, stacksOfEnvironment } from '../../lib/model';
import { validateRequests } from '../../lib/pipeline';
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

  it('finds the same problems without keeping the plans, and shows each stack once, in model order', () => {
    const project = workspace({
      'orders.yaml': ORDERS,
      // Plan-rule findings of every kind that compares stacks: a clash across teams (the later
      // one is reported), a name too long, and ids that meet in one stack.
      'ab.yaml': `team: ab\nowner: o@example.com\nqueues:\n  c-work: {}\n  index-1: {}\n  index1: {}\n`,
      'shipping.yaml': `team: shipping\nowner: s@example.com\nqueues:\n  ${longName}:\n    subscriptions:\n      - topic: orders/order-events\n`,
      'ab-c.yaml': 'team: ab-c\nowner: o@example.com\nqueues:\n  work: {}\n',
    });
    const options = { requestsDir: project.requestsDir, configFile: project.configFile, cwd: project.root };
    const kept = validateRequests(options);
    expect(new Set(kept.diagnostics.map(({ code, file }) => `${code} ${file}`))).toEqual(
      new Set([
        'name-collision requests/ab-c.yaml',
        'name-too-long requests/shipping.yaml',
        'identifier-collision requests/ab.yaml',
      ]),
    );
    const dropped = validateRequests(options, { keepPlans: false });
    expect(dropped.diagnostics).toEqual(kept.diagnostics);
    expect(dropped.plans).toBeUndefined();

    const valid = workspace({
      'orders.yaml': ORDERS,
      'ab-c.yaml': 'team: ab-c\nowner: o@example.com\nqueues:\n  work: {}\n',
      'shipping.yaml':
        'team: shipping\nowner: s@example.com\ntopics:\n  sent: {}\nqueues:\n  work:\n    subscriptions:\n      - topic: orders/order-events\n',
    });
    const stacks: string[] = [];
    const withoutPlans = validateRequests(
      { requestsDir: valid.requestsDir, configFile: valid.configFile, cwd: valid.root },
      { keepPlans: false, onPlan: (plan) => stacks.push(plan.name) },
    );
    expect(withoutPlans.model).toBeDefined();
    expect(withoutPlans.plans).toBeUndefined();
    // Environments in config order, teams in model order, a team's topics before its queues.
    expect(stacks).toEqual([
      'dev.ab-c.queues',
      'dev.orders.topics',
      'dev.shipping.topics',
      'dev.shipping.queues',
      'prod.ab-c.queues',
      'prod.orders.topics',
      'prod.shipping.topics',
      'prod.shipping.queues',
    ]);
    expect([...stacks].sort()).toEqual(
      withoutPlans.model && planStacks(withoutPlans.model).map((plan) => plan.name),
    );
  });
});
