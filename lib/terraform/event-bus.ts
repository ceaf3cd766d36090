import { Construct } from 'constructs';
import { plansOfSource, type EventBusSource } from '../pipeline';
import type { EventBusStack } from './event-bus-stack';
import { addStacks } from './stacks';

export type EventBusProps = EventBusSource;

/**
 * The bus a requests directory describes, as stacks of the caller's cdktf app: one per
 * environment, team and layer, named `<environment>.<team>.<layer>` like `eventbus synth` names
 * them. Invalid requests throw one InvalidPropsError listing every error with its file and line.
 */
export class EventBus extends Construct {
  readonly stacks: readonly EventBusStack[];

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    const { model, plans } = plansOfSource(props);
    this.stacks = addStacks(this, model, plans);
  }
}
