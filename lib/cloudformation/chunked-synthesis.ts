import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnResource, Names, type Stack } from 'aws-cdk-lib';
import { Manifest, type AssemblyManifest, type ArtifactManifest } from 'aws-cdk-lib/cloud-assembly-schema';
import type { StackPlan } from '../model';
import { newApp, planParts, subscriptionDependencies, type StackDependency } from './app';
import { AppRelease, synthesizeClosedApp } from './closed-synthesis';
import { EventBusStack } from './event-bus-stack';
import type { StackPart } from './stack-parts';

/** What one synthesis wrote: stack names in plan order, and resources by stack and by type. */
export interface SynthesizedStacks {
  readonly stacks: readonly string[];
  readonly resourceCounts: Readonly<Record<string, number>>;
  readonly resourceTypes: Readonly<Record<string, number>>;
}

/**
 * Resources of the stacks one app holds at a time. Memory follows the size of the app, and each
 * app costs only milliseconds more: with a thousand, a synth of thousands of stacks needs about
 * the memory of one with a few hundred.
 */
export const RESOURCES_PER_APP = 1000;

/**
 * Synthesizes the plans' cloud assembly into `outdir` one group of stacks at a time, without the
 * built-in template validation, with the bytes one app with all the stacks would write.
 *
 * Each group is an app of its own, synthesized and released (see {@link AppRelease}) before the
 * next is built. The stacks never refer to one another (see {@link synthesizeClosedApp}), so a
 * template, asset manifest or metadata file does not depend on the other stacks of its app. What
 * does is `manifest.json`: one app lists every stack's artifacts in the order of its stacks, then
 * its own (the feature-flag report), and each stack's artifact lists the stacks it depends on
 * before its asset manifest. The groups' manifests are merged that way, and the dependencies
 * between stacks, which cross groups, are written into it in the order `addStackDependency`
 * would have recorded them. The tests compare the result with one plain `app.synth()`.
 *
 * @throws CloudFormationPlanError for plans CloudFormation could not deploy, before anything is written
 */
export function synthesizeInGroups(
  plans: readonly StackPlan[],
  outdir: string,
  maxResourcesPerStack: number,
  resourcesPerApp = RESOURCES_PER_APP,
): SynthesizedStacks {
  const parts = planParts(plans, maxResourcesPerStack);
  const dependencies = subscriptionDependencies(parts);
  const identities = new Map<StackPart, StackIdentity>();
  const manifests: AssemblyManifest[] = [];
  const tally: ResourceTally = { resourceCounts: {}, resourceTypes: {} };
  for (const group of groups(parts, resourcesPerApp)) {
    const release = new AppRelease();
    const app = newApp(outdir, false);
    for (const part of group) {
      new EventBusStack(app, part.stackName, { part });
    }
    synthesizeClosedApp(app, { validated: false });
    const stacks = app.node.children.filter((child) => child instanceof EventBusStack);
    for (const stack of stacks) {
      identities.set(stack.part, { artifactId: stack.artifactId, dependencyKey: Names.uniqueId(stack) });
    }
    tallyResources(stacks, tally);
    manifests.push(readManifest(outdir));
    release.release(app);
  }
  const manifest = mergeManifests(manifests, stackDependencies(dependencies, identities));
  Manifest.saveAssemblyManifest(manifest, path.join(outdir, 'manifest.json'));
  return { stacks: parts.map((part) => part.stackName), ...tally };
}

/** Resources by stack name and by CloudFormation type. */
export interface ResourceTally {
  readonly resourceCounts: Record<string, number>;
  readonly resourceTypes: Record<string, number>;
}

/**
 * Adds the resources of the stacks' templates to `tally`, counted in the synthesized tree, where
 * each CfnResource of a stack is one entry of its Resources: reading the templates back would
 * hold every one of them in memory at once.
 */
export function tallyResources(
  stacks: readonly Stack[],
  tally: ResourceTally = { resourceCounts: {}, resourceTypes: {} },
): ResourceTally {
  for (const stack of stacks) {
    const resources = stack.node
      .findAll()
      .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct))
      .filter((resource) => resource.stack === stack);
    tally.resourceCounts[stack.stackName] = resources.length;
    for (const { cfnResourceType } of resources) {
      tally.resourceTypes[cfnResourceType] = (tally.resourceTypes[cfnResourceType] ?? 0) + 1;
    }
  }
  return tally;
}

/** Consecutive parts of about `resourcesPerApp` resources, at least one group (maybe empty). */
function groups(parts: readonly StackPart[], resourcesPerApp: number): StackPart[][] {
  const result: StackPart[][] = [[]];
  let resources = 0;
  for (const part of parts) {
    const current = result.at(-1) as StackPart[];
    if (current.length > 0 && resources + part.resourceCount > resourcesPerApp) {
      result.push([part]);
      resources = part.resourceCount;
    } else {
      current.push(part);
      resources += part.resourceCount;
    }
  }
  return result;
}

interface StackIdentity {
  readonly artifactId: string;
  /** The key under which a stack records a dependency on this one: two stacks can share it. */
  readonly dependencyKey: string;
}

/**
 * The artifact ids each stack depends on, as its `dependencies` lists them: a stack keeps one
 * dependency per key, the first added, in the order of the keys of a JavaScript object.
 */
function stackDependencies(
  dependencies: readonly StackDependency[],
  identities: ReadonlyMap<StackPart, StackIdentity>,
): Map<string, string[]> {
  const byKey = new Map<string, Record<string, string>>();
  for (const { dependent, owner } of dependencies) {
    const { artifactId } = identities.get(dependent) as StackIdentity;
    const target = identities.get(owner) as StackIdentity;
    const recorded = byKey.get(artifactId) ?? {};
    recorded[target.dependencyKey] ??= target.artifactId;
    byKey.set(artifactId, recorded);
  }
  return new Map([...byKey].map(([artifactId, recorded]) => [artifactId, Object.values(recorded)]));
}

function readManifest(outdir: string): AssemblyManifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as AssemblyManifest;
}

const STACK_ARTIFACTS = new Set<string>(['aws:cloudformation:stack', 'cdk:asset-manifest']);

/**
 * One manifest of the groups' manifests: the stacks' artifacts in group order, each stack's
 * dependencies in front of those its group gave it, then the artifacts every group writes alike.
 */
function mergeManifests(
  manifests: readonly AssemblyManifest[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): AssemblyManifest {
  const [first, ...rest] = manifests as [AssemblyManifest, ...AssemblyManifest[]];
  const shared = (manifest: AssemblyManifest) =>
    JSON.stringify({
      ...manifest,
      artifacts: Object.entries(manifest.artifacts ?? {}).filter(
        ([, artifact]) => !STACK_ARTIFACTS.has(artifact.type),
      ),
    });
  for (const manifest of rest) {
    if (shared(manifest) !== shared(first)) {
      throw new Error('the apps of one CloudFormation synth wrote different assembly settings');
    }
  }
  const artifacts: Record<string, ArtifactManifest> = {};
  for (const manifest of manifests) {
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (STACK_ARTIFACTS.has(artifact.type))
        artifacts[id] = withDependencies(artifact, dependencies.get(id));
    }
  }
  for (const [id, artifact] of Object.entries(first.artifacts ?? {})) {
    if (!STACK_ARTIFACTS.has(artifact.type)) artifacts[id] = artifact;
  }
  return { ...first, artifacts };
}

/** The artifact with `stacks` in front of its own dependencies; the key follows `properties`. */
function withDependencies(
  artifact: ArtifactManifest,
  stacks: readonly string[] | undefined,
): ArtifactManifest {
  if (!stacks || stacks.length === 0) return artifact;
  const dependencies = [...stacks, ...(artifact.dependencies ?? [])];
  if (artifact.dependencies) return { ...artifact, dependencies };
  const entries = Object.entries(artifact).flatMap(([key, value]) =>
    key === 'properties'
      ? [[key, value] as const, ['dependencies', dependencies] as const]
      : [[key, value] as const],
  );
  return Object.fromEntries(entries) as unknown as ArtifactManifest;
}
