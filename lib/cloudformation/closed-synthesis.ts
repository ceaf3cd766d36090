import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { App } from 'aws-cdk-lib';

/** aws-cdk-lib's module that turns references between stacks into exports and imports. */
interface ReferencesModule {
  resolveReferences: (scope: unknown) => void;
}

/**
 * Synthesizes an app whose stacks never refer to one another, as `app.synth()` would, without
 * aws-cdk-lib's search for references between stacks.
 *
 * Before writing any template, aws-cdk-lib renders and resolves every CloudFormation element of
 * the app once more only to find the references that cross a stack boundary and replace them with
 * exports and imports: a quarter of the CPU time of a synth with thousands of stacks. The stacks
 * that `buildCloudFormationApp` makes have none to find: every ARN between stacks is written out,
 * a topic or queue with everything that refers to it always shares one stack (see `splitPlan`),
 * and stacks are ordered by `addStackDependency` alone. A reference within a stack needs no
 * replacement, and the search leaves it as it is. Skipping the search therefore writes the same
 * bytes, which the tests check against plain `app.synth()` on multi-stack, split and
 * cross-dependent plans.
 *
 * The search is aws-cdk-lib's private `resolveReferences`, replaced by a no-op for the duration
 * of this one synchronous call. Where a version of aws-cdk-lib does not have it, the app is
 * synthesized as usual. Only apps built by this package come here: stacks of a user's own CDK app
 * may refer to one another, and their `app.synth()` is never changed.
 */
export function synthesizeClosedApp(app: App): void {
  const references = referencesModule();
  if (!references) {
    app.synth();
    return;
  }
  const { resolveReferences } = references;
  references.resolveReferences = () => undefined;
  try {
    app.synth();
  } finally {
    references.resolveReferences = resolveReferences;
  }
}

/** Whether this aws-cdk-lib lets {@link synthesizeClosedApp} skip the search (the tests insist it does). */
export function canSkipReferenceSearch(): boolean {
  return referencesModule() !== undefined;
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
