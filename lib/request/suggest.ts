import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped name most likely meant, if any is close enough to be a typo rather
 * than a different word: at most a third of the name's length in edits, and at least one.
 */
export function didYouMean(given: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(given, [...candidates]);
  const allowedEdits = Math.max(1, Math.floor(given.length / 3));
  return distance(given.toLowerCase(), best.toLowerCase()) <= allowedEdits ? best : undefined;
}
