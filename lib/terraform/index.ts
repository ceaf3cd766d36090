import { App } from 'cdktf';
import * as tokenStackTraces from 'cdktf/lib/tokens/private/stack-trace';
import type { EventBusModel, StackPlan } from '../model';
import { addStacks } from './stacks';

export { EventBus, type EventBusProps } from './event-bus';
export { EventBusStack, type EventBusStackProps } from './event-bus-stack';
export { EventQueue, type EventQueueProps, type SubscribeOptions } from './event-queue';
export { EventTopic, type EventTopicProps } from './event-topic';
export { TopicSubscription, type TopicSubscriptionProps } from './topic-subscription';
export { addresses } from './addresses';
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

/** Synthesizes cdktf's layout into `outdir`: `stacks/<stack>/cdk.tf.json` and `manifest.json`. */
export function synthesizeTerraform(model: EventBusModel, plans: readonly StackPlan[], outdir: string): void {
  withoutTokenStackTraces(() => buildTerraformApp(model, plans, outdir).synth());
}

/**
 * cdktf records a complete stack trace for every token it creates (each attribute reference,
 * each dependency) and shows it only in the message of a token that fails to resolve. The app's
 * `stackTraces: false` does not reach it and no setting does, so its capture function is swapped
 * out for the duration of `run` and restored afterwards. The output is the same bytes; synth takes
 * less CPU and memory (README, "Performance").
 */
function withoutTokenStackTraces<T>(run: () => T): T {
  const traces = tokenStackTraces as { captureStackTrace: typeof tokenStackTraces.captureStackTrace };
  const capture = traces.captureStackTrace;
  traces.captureStackTrace = () => [];
  try {
    return run();
  } finally {
    traces.captureStackTrace = capture;
  }
}
