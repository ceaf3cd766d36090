import { createRequire } from 'node:module';
import * as path from 'node:path';
import { FeatureFlags, type App } from 'aws-cdk-lib';
import { ANNOTATIONS_IN_VALIDATION_REPORT } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
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
  if (!validated && !reportsAnnotations(app)) {
    const empty = { version: Manifest.version(), artifacts: {} };
    restore.push(replace(Manifest, 'loadAssemblyManifest', () => empty));
  }
  try {
    app.synth();
  } finally {
    for (const undo of restore) undo();
  }
}

/**
 * Whether the app's context asks for its annotations in a validation report: that report is
 * written from the assembly read back, and for the whole app at once.
 */
export function reportsAnnotations(app: App): boolean {
  return FeatureFlags.of(app).isEnabled(ANNOTATIONS_IN_VALIDATION_REPORT) === true;
}

/** Whether this aws-cdk-lib lets {@link synthesizeClosedApp} skip the search (the tests insist it does). */
export function canSkipReferenceSearch(): boolean {
  return referencesModule() !== undefined;
}

/**
 * Lets the constructs of a synthesized app be garbage-collected once nothing of the program
 * refers to it: `release(app)` after its synthesis.
 *
 * aws-cdk-lib keeps every token it ever encoded in a map of the process (each element's logical
 * id, each `ref` and attribute) and every reference it made in a table of its `CfnReference`
 * class; through them, every construct of every app stays in memory for good. An app's tokens
 * and references are of no use once its assembly is written, so the entries it added are removed,
 * which is what lets synth hold one group of stacks at a time instead of thousands.
 *
 * Entries added while a module of the program was loading are kept: they can be a module's own
 * constants (such as `Aws.PARTITION`), encoded once and used by every later app. Where a version
 * of aws-cdk-lib keeps them elsewhere, nothing is released.
 */
export class AppRelease {
  private readonly registries = tokenRegistries();
  private readonly strings: number;
  private readonly numbers: number;
  private readonly modules: number;

  constructor() {
    this.strings = this.registries?.strings.size ?? 0;
    this.numbers = this.registries?.numbers.size ?? 0;
    this.modules = loadedModules();
  }

  /** Removes what `app`, created and synthesized since this was constructed, added. */
  release(app: App): void {
    if (!this.registries || loadedModules() !== this.modules) return;
    dropAfter(this.registries.strings, this.strings);
    dropAfter(this.registries.numbers, this.numbers);
    for (const target of this.registries.references.keys()) {
      if (target.node.root === app) this.registries.references.delete(target);
    }
  }
}

function loadedModules(): number {
  return Object.keys(load.cache).length;
}

/** Deletes the entries of `map` after its first `kept`: a Map iterates in insertion order. */
function dropAfter(map: Map<unknown, unknown>, kept: number): void {
  let index = 0;
  for (const key of map.keys()) {
    if (index >= kept) map.delete(key);
    index += 1;
  }
}

interface TokenRegistries {
  readonly strings: Map<unknown, unknown>;
  readonly numbers: Map<unknown, unknown>;
  readonly references: Map<IConstruct, unknown>;
}

function tokenRegistries(): TokenRegistries | undefined {
  const tokenMap = privateModule('token-map.js', (loaded) => {
    const instance = (loaded as { TokenMap?: { instance?: () => unknown } }).TokenMap?.instance?.();
    return instance as { stringTokenMap?: unknown; numberTokenMap?: unknown } | undefined;
  });
  const references = privateModule(
    'cfn-reference.js',
    (loaded) => (loaded as { CfnReference?: { referenceTable?: unknown } }).CfnReference?.referenceTable,
  );
  const strings = tokenMap?.stringTokenMap;
  const numbers = tokenMap?.numberTokenMap;
  if (!(strings instanceof Map && numbers instanceof Map && references instanceof Map)) return undefined;
  return { strings, numbers, references: references as Map<IConstruct, unknown> };
}

/** aws-cdk-lib's module that turns references between stacks into exports and imports. */
interface ReferencesModule {
  resolveReferences: (scope: unknown) => void;
}

function referencesModule(): ReferencesModule | undefined {
  return privateModule('refs.js', (loaded) => (isReferencesModule(loaded) ? loaded : undefined));
}

function isReferencesModule(loaded: unknown): loaded is ReferencesModule {
  if (typeof loaded !== 'object' || loaded === null) return false;
  const descriptor = Object.getOwnPropertyDescriptor(loaded, 'resolveReferences');
  return typeof descriptor?.value === 'function' && descriptor.writable === true;
}

// The package's exports map leaves its private modules out: they are loaded by file, as
// aws-cdk-lib itself loads them, so these are the very module objects its synthesis uses.
const load = createRequire(__filename);

/** What `pick` finds in one of aws-cdk-lib's private core modules, or undefined without it. */
function privateModule<T>(file: string, pick: (loaded: unknown) => T | undefined): T | undefined {
  try {
    const root = path.dirname(load.resolve('aws-cdk-lib/package.json'));
    return pick(load(path.join(root, 'core', 'lib', 'private', file)));
  } catch {
    // A layout without the module: synthesized as usual.
    return undefined;
  }
}

/** Sets `target[key]` to `value` and returns what puts the original back. */
function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): () => void {
  const original = target[key];
  target[key] = value;
  return () => {
    target[key] = original;
  };
}
