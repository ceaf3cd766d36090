import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Manifest } from 'aws-cdk-lib/cloud-assembly-schema';

export interface ClosedSynthesisOptions {
  /**
   * The app runs aws-cdk-lib's built-in template validation, which reads the assembly back to
   * find the templates to check: it is read back then. @default true
   */
  readonly validated?: boolean;
}

/**
 * Synthesizes an app whose stacks never refer to one another, as `app.synth()` would, without
 * two steps of aws-cdk-lib that such an app does not need. Both are replaced for the duration of
 * this one synchronous call, and only here: the stacks of a user's own CDK app may refer to one
 * another, and their `app.synth()` is never changed.
 *
 * Before writing any template, aws-cdk-lib renders and resolves every CloudFormation element of
 * the app once more only to find the references that cross a stack boundary and replace them with
 * exports and imports: a quarter of the CPU time of a synth with thousands of stacks. The stacks
 * that `buildCloudFormationApp` makes have none to find: every ARN between stacks is written out,
 * a topic or queue with everything that refers to it always shares one stack (see `splitPlan`),
 * and stacks are ordered by `addStackDependency` alone. A reference within a stack needs no
 * replacement, and the search leaves it as it is. The search is aws-cdk-lib's private
 * `resolveReferences`; where a version of aws-cdk-lib does not have it, it runs as usual.
 *
 * After writing the assembly, `app.synth()` reads its manifest and every stack's metadata file
 * back into a CloudAssembly, which only the built-in validation looks at; the caller ignores it.
 * Without validation the manifest it reads is an empty one, and the app's assembly has no
 * artifacts.
 *
 * Neither step writes a byte of the assembly, which the tests check against plain `app.synth()`
 * on multi-stack, split and cross-dependent plans.
 */
export function synthesizeClosedApp(app: App, { validated = true }: ClosedSynthesisOptions = {}): void {
  const restore: (() => void)[] = [];
  const references = referencesModule();
  if (references) restore.push(replace(references, 'resolveReferences', () => undefined));
  if (!validated) {
    const empty = { version: Manifest.version(), artifacts: {} };
    restore.push(replace(Manifest, 'loadAssemblyManifest', () => empty));
  }
  try {
    app.synth();
  } finally {
    for (const undo of restore) undo();
  }
}

/** Whether this aws-cdk-lib lets {@link synthesizeClosedApp} skip the search (the tests insist it does). */
export function canSkipReferenceSearch(): boolean {
  return referencesModule() !== undefined;
}

/** aws-cdk-lib's module that turns references between stacks into exports and imports. */
interface ReferencesModule {
  resolveReferences: (scope: unknown) => void;
}

function referencesModule(): ReferencesModule | undefined {
  try {
    // The package's exports map leaves its private modules out: loaded by file, as aws-cdk-lib
    // itself loads it, so this is the very module object its synthesis calls into.
    const load = createRequire(__filename);
    const root = path.dirname(load.resolve('aws-cdk-lib/package.json'));
    const loaded: unknown = load(path.join(root, 'core', 'lib', 'private', 'refs.js'));
    if (isReferencesModule(loaded)) return loaded;
  } catch {
    // A layout without the module: synthesized as usual.
  }
  return undefined;
}

function isReferencesModule(loaded: unknown): loaded is ReferencesModule {
  if (typeof loaded !== 'object' || loaded === null) return false;
  const descriptor = Object.getOwnPropertyDescriptor(loaded, 'resolveReferences');
  return typeof descriptor?.value === 'function' && descriptor.writable === true;
}

/** Sets `target[key]` to `value` and returns what puts the original back. */
function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): () => void {
  const original = target[key];
  target[key] = value;
  return () => {
    target[key] = original;
  };
}
