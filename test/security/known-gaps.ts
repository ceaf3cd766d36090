/**
 * Weaknesses of the generated policies that the simulations find and lib/ has not fixed yet.
 * Each is matched narrowly, so that it excuses only the requests it describes, and a check that
 * can see a gap fails once the gap stops occurring: its entry must then be deleted, and the
 * assertion it weakened is whole again.
 */
import type { Failure } from './access';

export interface KnownGap {
  readonly id: string;
  readonly weakness: string;
  readonly fix: string;
  matches(failure: Failure): boolean;
}

export const KNOWN_GAPS: readonly KnownGap[] = [];

export interface Triage {
  /** Failure messages no known gap explains. */
  readonly unexpected: readonly string[];
  /** How many failures each known gap explained. */
  readonly explained: ReadonlyMap<string, number>;
}

export function triage(failures: readonly Failure[]): Triage {
  const unexpected: string[] = [];
  const explained = new Map<string, number>();
  for (const failure of failures) {
    const gap = KNOWN_GAPS.find((candidate) => candidate.matches(failure));
    if (gap) explained.set(gap.id, (explained.get(gap.id) ?? 0) + 1);
    else unexpected.push(failure.message);
  }
  return { unexpected, explained };
}
