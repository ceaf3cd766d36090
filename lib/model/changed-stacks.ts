import { createHash } from 'node:crypto';
import { compareStrings } from '../diagnostics';
import type { ComparedRequests } from './compare';
import type { StackPlan } from './plan';
import type { StateBackend } from './types';

/** Which stacks of the current requests render differently from the base's. */
export interface StackChanges {
  /** Stacks new since the base or rendered differently, in name order: the ones to plan. */
  readonly changed: readonly string[];
  /** Of those, the stacks the base did not have. */
  readonly added: readonly string[];
  /** Stacks of the base that the current requests no longer have. */
  readonly removed: readonly string[];
  /** Stacks that render exactly as at the base. */
  readonly unchanged: readonly string[];
}

/**
 * Compares the stacks of two versions of the requests without rendering them. A backend renders
 * a stack from its plan and the platform's state backend alone, so two stacks with equal plans
 * render byte-identically; the comparison errs on the safe side, never the other: a plan that
 * differs only where no backend looks (an entry's position in its file) counts as changed.
 */
export function compareStacks(base: ComparedRequests, current: ComparedRequests): StackChanges {
  return compareStackDigests(
    stackDigests(base.plans, base.model.platform.stateBackend),
    stackDigests(current.plans, current.model.platform.stateBackend),
  );
}

/** {@link compareStacks} over digests that {@link stackDigests} computed, wherever that ran. */
export function compareStackDigests(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): StackChanges {
  const changed: string[] = [];
  const added: string[] = [];
  const unchanged: string[] = [];
  for (const [name, digest] of after) {
    const earlier = before.get(name);
    if (earlier === digest) unchanged.push(name);
    else {
      changed.push(name);
      if (earlier === undefined) added.push(name);
    }
  }
  const removed = [...before.keys()].filter((name) => !after.has(name));
  const sorted = (names: string[]): string[] => names.sort(compareStrings);
  return {
    changed: sorted(changed),
    added: sorted(added),
    removed: sorted(removed),
    unchanged: sorted(unchanged),
  };
}

/**
 * Each stack's name with a digest of everything a backend reads to render it: small enough to
 * pass between threads, and equal exactly when the fingerprints are.
 */
export function stackDigests(
  plans: readonly StackPlan[],
  stateBackend: StateBackend | undefined,
): Map<string, string> {
  return new Map(plans.map((plan) => [plan.name, stackDigest(plan, stateBackend)]));
}

/** One stack's digest in {@link stackDigests}. */
export function stackDigest(plan: StackPlan, stateBackend: StateBackend | undefined): string {
  return createHash('sha256').update(renderFingerprint(plan, stateBackend)).digest('hex');
}

/**
 * Everything a backend reads to render one stack, serialized: equal fingerprints, equal output.
 * The plan carries its whole team (every topic and queue of both layers), of which backends read
 * only the name: keeping the rest out means a queue change does not touch the team's topic stack.
 */
function renderFingerprint(plan: StackPlan, stateBackend: StateBackend | undefined): string {
  return JSON.stringify({ plan: { ...plan, team: plan.team.name }, stateBackend: stateBackend ?? null });
}
