import type { Condition, FieldCondition } from './conditions';
import type { EventLeaf, FilterEvent } from './message';
import { acceptsAbsence, leafMatches } from './patterns';

/** Every dotted path the conditions look at, so the message is only flattened where it matters. */
export function conditionPaths(conditions: readonly Condition[], into = new Set<string>()): Set<string> {
  for (const condition of conditions) {
    if (condition.kind === 'field') into.add(condition.path);
    else for (const branch of condition.branches) conditionPaths(branch, into);
  }
  return into;
}

/**
 * Expands `$or` into alternatives, each a plain AND of field conditions. For a policy SNS accepts there are
 * at most 150 alternatives: each contributes at least 1 to the complexity, which is exactly this sum.
 */
function alternatives(conditions: readonly Condition[]): FieldCondition[][] {
  let terms: FieldCondition[][] = [[]];
  for (const condition of conditions) {
    if (condition.kind === 'field') {
      terms = terms.map((term) => [...term, condition]);
    } else {
      const branchTerms = condition.branches.flatMap((branch) => alternatives(branch));
      terms = terms.flatMap((term) => branchTerms.map((branchTerm) => [...term, ...branchTerm]));
    }
  }
  return terms;
}

interface MarkedLeaf {
  readonly trail: EventLeaf['trail'];
  /** Bit i set when this leaf satisfies the i-th condition of the alternative. */
  readonly mask: bigint;
}

/** Drops masks contained in another; what remains are the best ways to satisfy conditions. */
function maximal(masks: readonly bigint[]): bigint[] {
  const unique = [...new Set(masks)];
  return unique.filter((mask) => !unique.some((other) => other !== mask && (other & mask) === mask));
}

/** Conditions met in independent places combine freely. */
function combine(left: readonly bigint[], right: readonly bigint[]): bigint[] {
  return maximal(left.flatMap((a) => right.map((b) => a | b)));
}

/**
 * Which sets of conditions can be met together by `leaves`, as maximal bit masks. event-ruler's
 * rulesForJSONEvent (which SNS runs) only lets conditions meet inside one array through the SAME element:
 * leaves under different elements of one array cannot be combined, leaves under different arrays (or
 * outside arrays) can. `depth` is how many array steps of every trail are already fixed.
 */
function achievable(leaves: readonly MarkedLeaf[], depth: number): bigint[] {
  let result: bigint[] = [0n];
  const byArray = new Map<number, Map<number, MarkedLeaf[]>>();
  for (const leaf of leaves) {
    const step = leaf.trail[depth];
    if (step === undefined) {
      result = combine(result, [leaf.mask]);
      continue;
    }
    const elements = byArray.get(step.array) ?? new Map<number, MarkedLeaf[]>();
    byArray.set(step.array, elements);
    const group = elements.get(step.index);
    if (group === undefined) elements.set(step.index, [leaf]);
    else group.push(leaf);
  }
  for (const elements of byArray.values()) {
    let options: bigint[] = [];
    for (const group of elements.values()) options = maximal([...options, ...achievable(group, depth + 1)]);
    result = combine(result, options);
  }
  return result;
}

function dedupe(term: readonly FieldCondition[]): FieldCondition[] {
  const seen = new Set<string>();
  return term.filter((condition) => !seen.has(condition.signature) && seen.add(condition.signature));
}

/** One alternative: every condition must hold, with one consistent choice of leaves. */
function alternativeMatches(term: readonly FieldCondition[], event: FilterEvent): boolean {
  const required: FieldCondition[] = [];
  for (const condition of dedupe(term)) {
    const leaves = event.leaves.get(condition.path) ?? [];
    if (leaves.length > 0) required.push(condition);
    // A key the message lacks rejects it ("Example filter policies"), whatever the operator, anything-but
    // included (as AWS recorded); only exists:false accepts absence ("Key matching").
    else if (!(event.absenceCanMatch && acceptsAbsence(condition.patterns))) return false;
  }
  if (required.length === 0) return true;

  const full = (1n << BigInt(required.length)) - 1n;
  const marked: MarkedLeaf[] = [];
  let covered = 0n;
  const paths = new Set(required.map((condition) => condition.path));
  for (const path of paths) {
    for (const leaf of event.leaves.get(path) ?? []) {
      let mask = 0n;
      required.forEach((condition, index) => {
        if (
          condition.path === path &&
          condition.patterns.some((pattern) => leafMatches(pattern, leaf.value))
        ) {
          mask |= 1n << BigInt(index);
        }
      });
      if (mask !== 0n) marked.push({ trail: leaf.trail, mask });
      covered |= mask;
    }
  }
  // Cheap answer first: some condition no leaf satisfies at all.
  if (covered !== full) return false;
  return achievable(marked, 0).some((mask) => mask === full);
}

/** AND over keys, OR within a key and across `$or` branches ("AND/OR logic"). */
export function conditionsMatch(conditions: readonly Condition[], event: FilterEvent): boolean {
  return alternatives(conditions).some((term) => alternativeMatches(term, event));
}
