import { App } from 'cdktf';
import type { EventBusModel, StackPlan } from '../model';
import { addStacks } from './stacks';
import { startOutput, writeManifest, writeStacks, type StackWritten } from './synthesize';

export { EventBus, type EventBusProps } from './event-bus';
export { EventBusStack, type EventBusStackProps } from './event-bus-stack';
export { EventQueue, type EventQueueProps, type SubscribeOptions } from './event-queue';
export { EventTopic, type EventTopicProps } from './event-topic';
export { TopicSubscription, type TopicSubscriptionProps } from './topic-subscription';
export { addresses } from './addresses';
export type { StackWritten, TerraformDocument } from './synthesize';
export { Duration, Size } from '../units';
export { InvalidPropsError, type PropsProblem, type TopicReference } from '../model';

/**
 * A cdktf app with one stack per plan. Stacks that subscribe to another team's topic depend on
 * that team's stack, so `cdktf deploy` and the manifest order them.
 */
export function buildTerraformApp(model: EventBusModel, plans: readonly StackPlan[], outdir: string): App {
  // No stack traces in construct metadata: they would write this machine's paths into the output.
  const app = new App({ outdir, stackTraces: false });
  addStacks(app, model, plans);
  return app;
}

/**
 * Synthesizes cdktf's layout into `outdir`: `stacks/<stack>/cdk.tf.json` and `manifest.json`,
 * the bytes `buildTerraformApp(...).synth()` writes, one stack at a time (`writeStacks`).
 * `written` sees each stack's document once its file is written.
 */
export function synthesizeTerraform(
  model: EventBusModel,
  plans: readonly StackPlan[],
  outdir: string,
  written?: StackWritten,
): void {
  const version = startOutput(outdir);
  const names = new Set(plans.map((plan) => plan.name));
  writeManifest(outdir, version, writeStacks(plans, model.platform.stateBackend, outdir, names, written));
}
