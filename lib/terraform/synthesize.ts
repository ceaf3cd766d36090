import { App, Manifest, type StackManifest, type TerraformStack } from 'cdktf';
import * as tokenStackTraces from 'cdktf/lib/tokens/private/stack-trace';
import { TokenMap } from 'cdktf/lib/tokens/private/token-map';
import type { StackPlan, StateBackend } from '../model';
import { EventBusStack } from './event-bus-stack';
import { withPlainResolution } from './plain-resolution';

/** A synthesized `cdk.tf.json`, as the values that were written. */
export type TerraformDocument = Readonly<Record<string, unknown>>;

/** Called with each stack once its file is written, in plan order. */
export type StackWritten = (name: string, document: TerraformDocument) => void;

/** Manifest entries by stack name, in plan order. */
export type ManifestEntries = ReadonlyMap<string, StackManifest>;

/**
 * Creates `outdir` and its stacks folder as cdktf's App does (before any stack is written, so
 * that threads writing stacks side by side never race to create them), and returns the cdktf
 * version the manifest records.
 */
export function startOutput(outdir: string): string {
  return new App({ outdir, stackTraces: false }).manifest.version;
}

/**
 * Writes each plan's stack into `outdir` in cdktf's layout (`stacks/<stack>/cdk.tf.json`), the
 * bytes one app holding all of them writes, and returns their manifest entries. `outdir` is
 * started (`startOutput`). Each stack is
 * built in an app of its own and released once written, so memory holds one stack at a time:
 * stacks are independent (other teams' topics are written as ARNs), and a stack's dependencies
 * are only manifest entries, those of its plan among `dependable`, as one app records them.
 */
export function writeStacks(
  plans: readonly StackPlan[],
  stateBackend: StateBackend | undefined,
  outdir: string,
  dependable: ReadonlySet<string>,
  written?: StackWritten,
): ManifestEntries {
  return withoutTokenStackTraces(() => {
    const entries = new Map<string, StackManifest>();
    for (const plan of plans) {
      const app = new App({ outdir, stackTraces: false });
      const document = releasingTokens(() =>
        synthesizeAlone(
          app,
          new EventBusStack(app, plan.name, { plan, ...(stateBackend ? { stateBackend } : {}) }),
        ),
      );
      const entry = app.manifest.stacks[plan.name] as StackManifest;
      entries.set(plan.name, {
        ...entry,
        dependencies: [...new Set(plan.dependsOn.filter((name) => dependable.has(name)))],
      });
      written?.(plan.name, document);
    }
    return entries;
  });
}

/** Writes `manifest.json` with cdktf's own Manifest, entries in plan order as one app has them. */
export function writeManifest(outdir: string, version: string, entries: ManifestEntries): void {
  const manifest = new Manifest(version, outdir, false);
  for (const [name, entry] of entries) manifest.stacks[name] = entry;
  manifest.writeToFile();
}

/**
 * What `App.synth` does for an app of one stack, with cdktf's own synthesizer writing the file.
 * The prepare step is left out: it resolves the stack once more only so that references into
 * another stack of the app can become outputs and remote state, and this app has no other stack
 * (the stack always configures its backend, the other thing preparing ensures). Resolution takes
 * the plain walk of `withPlainResolution`. The document the synthesizer rendered is returned.
 */
function synthesizeAlone(app: App, stack: TerraformStack): TerraformDocument {
  stack.ensureBackendExists();
  let document: TerraformDocument | undefined;
  const render = stack.toTerraform.bind(stack);
  stack.toTerraform = (): TerraformDocument => (document = render() as TerraformDocument);
  withPlainResolution(() => stack.synthesizer.synthesize({ outdir: app.outdir, manifest: app.manifest }));
  const errors = app.node.validate();
  if (errors.length > 0)
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  if (document === undefined) throw new Error('cdktf wrote no JSON for the stack (is SYNTH_HCL_OUTPUT set?)');
  return document;
}

/**
 * cdktf registers every token in one process-wide map and never removes it, so the map keeps
 * every construct alive that a token refers to: every stack ever built. The tokens registered
 * while one stack is built and written belong to that stack alone (its app is discarded
 * afterwards), so they are removed once it is written, and the stack can be collected.
 */
function releasingTokens<T>(run: () => T): T {
  const map = TokenMap.instance() as unknown as {
    stringTokenMap: Map<string, unknown>;
    numberTokenMap: Map<number, unknown>;
  };
  const strings = map.stringTokenMap.size;
  const numbers = map.numberTokenMap.size;
  try {
    return run();
  } finally {
    dropAfter(map.stringTokenMap, strings);
    dropAfter(map.numberTokenMap, numbers);
  }
}

/** Deletes a map's entries after its first `kept`, which are in insertion order. */
function dropAfter(map: Map<unknown, unknown>, kept: number): void {
  let index = 0;
  for (const key of map.keys()) if (index++ >= kept) map.delete(key);
}

/**
 * cdktf records a complete stack trace for every token it creates (each attribute reference,
 * each dependency) and shows it only in the message of a token that fails to resolve. The app's
 * `stackTraces: false` does not reach it and no setting does, so its capture function is swapped
 * out for the duration of `run` and restored afterwards. The output is the same bytes; synth takes
 * less CPU and memory (README, "Performance").
 */
export function withoutTokenStackTraces<T>(run: () => T): T {
  const traces = tokenStackTraces as { captureStackTrace: typeof tokenStackTraces.captureStackTrace };
  const capture = traces.captureStackTrace;
  traces.captureStackTrace = () => [];
  try {
    return run();
  } finally {
    traces.captureStackTrace = capture;
  }
}
