import { Construct } from 'constructs';
import { plansOfSource, type EventBusSource } from '../pipeline';
import { addStacks } from './app';
import type { EventBusStack } from './event-bus-stack';

export interface EventBusProps extends EventBusSource {
  /** Resources one stack may hold before a plan continues in `<name>-2`, `<name>-3`... @default 500 */
  readonly maxResourcesPerStack?: number;
}

/**
 * The bus a requests directory describes, as stacks of the caller's CDK app: one per
 * environment, team and layer (split when a layer outgrows CloudFormation's resource limit),
 * named `<environment>-<team>-<layer>` like `eventbus synth --target cloudformation` names them.
 * Invalid requests throw one InvalidPropsError listing every error with its file and line.
 */
export class EventBus extends Construct {
  readonly stacks: readonly EventBusStack[];

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    const { plans } = plansOfSource(props);
    this.stacks = addStacks(this, plans, props.maxResourcesPerStack);
  }
}
