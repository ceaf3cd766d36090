import { Testing } from 'cdktf';
import { planStacks, type StackPlan, type EventBusModel } from '../../lib/model';
import { EventBusStack } from '../../lib/terraform';
import { workspace } from '../support/workspace';

export interface SynthesizedStack {
  readonly plan: StackPlan;
  /** cdk.tf.json as cdktf writes it. */
  readonly json: string;
  readonly resources: Record<string, Record<string, Record<string, unknown>>>;
  readonly document: Record<string, unknown>;
}

/** Validates request files and synthesizes each planned stack with cdktf's Testing helpers. */
export function synthesizeRequests(
  requests: Record<string, string>,
  config?: string,
): Map<string, SynthesizedStack> {
  const { model, diagnostics } = workspace(requests, config).validate();
  if (!model) throw new Error(`fixture is invalid: ${JSON.stringify(diagnostics, null, 2)}`);
  return synthesizeModel(model);
}

export function synthesizeModel(model: EventBusModel): Map<string, SynthesizedStack> {
  const stacks = new Map<string, SynthesizedStack>();
  for (const plan of planStacks(model)) {
    const app = Testing.app();
    const stack = new EventBusStack(app, plan.name, {
      plan,
      ...(model.platform.stateBackend ? { stateBackend: model.platform.stateBackend } : {}),
    });
    const json = Testing.synth(stack);
    const document = JSON.parse(json) as Record<string, unknown>;
    stacks.set(plan.name, {
      plan,
      json,
      document,
      resources: (document['resource'] ?? {}) as SynthesizedStack['resources'],
    });
  }
  return stacks;
}

export function stackOf(stacks: Map<string, SynthesizedStack>, name: string): SynthesizedStack {
  const stack = stacks.get(name);
  if (!stack) throw new Error(`no stack ${name}; have ${[...stacks.keys()].join(', ')}`);
  return stack;
}

export function resource(stack: SynthesizedStack, type: string, address: string): Record<string, unknown> {
  const found = stack.resources[type]?.[address];
  if (!found) throw new Error(`no ${type}.${address} in ${stack.plan.name}`);
  return found;
}
