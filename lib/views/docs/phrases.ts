import type { SubscriptionEntry } from './catalog';
import { text } from '../markdown';

/** The ANDed phrases of a subscription's filter, or what a subscription without one receives. */
export function filterInWords(entry: SubscriptionEntry): string {
  return entry.filter ? entry.filter.map(text).join(' and ') : 'every message';
}

export function listOf(names: readonly string[]): string {
  return names.map(text).join(', ');
}
