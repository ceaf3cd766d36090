import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { compareStrings } from '../../diagnostics';

/** Where each page of the catalog lives, relative to the catalog's root. */
export const INDEX_PAGE = 'README.md';

/** Team, environment, topic and queue names are lower-case letters, digits and hyphens (the schemas). */
export function teamPage(team: string): string {
  return `teams/${team}.md`;
}

export function environmentPage(environment: string): string {
  return `environments/${environment}.md`;
}

/** Longest file-name stem before a hash stands in for the rest; far below the usual 255 bytes. */
const MAX_STEM = 100;

/**
 * One page per event type. Event types may hold `/` and `:` (the request schema), which are no
 * file-name characters, and may differ only in case, which macOS and Windows checkouts cannot
 * keep apart: those characters are spelled `~<hex>`, and names that would still meet (in any
 * case) or run too long end in a hash of the event type. Sorted input gives the same names on
 * every run.
 */
export function eventTypePages(eventTypes: readonly string[]): Map<string, string> {
  const stems = new Map(eventTypes.map((eventType) => [eventType, safeStem(eventType)]));
  const uses = new Map<string, number>();
  for (const stem of stems.values()) uses.set(stem.toLowerCase(), (uses.get(stem.toLowerCase()) ?? 0) + 1);
  const pages = new Map<string, string>();
  for (const eventType of [...eventTypes].sort(compareStrings)) {
    const stem = stems.get(eventType) as string;
    const unique = (uses.get(stem.toLowerCase()) ?? 0) === 1 && stem.length <= MAX_STEM;
    pages.set(eventType, `events/${unique ? stem : `${stem.slice(0, MAX_STEM)}~${hashOf(eventType)}`}.md`);
  }
  return pages;
}

function safeStem(eventType: string): string {
  return eventType.replace(
    /[^A-Za-z0-9._-]/gu,
    (character) => `~${(character.codePointAt(0) ?? 0).toString(16)}`,
  );
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** A link target from one page to another (and a section of it), as GitLab resolves relative links. */
export function relativeTarget(from: string, to: string, anchor?: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return anchor === undefined ? relative : `${relative}#${anchor}`;
}

/**
 * GitLab's id of a `Topic <name>` or `Queue <name>` heading: lower-cased, spaces to hyphens
 * (GitLab Flavored Markdown, "Heading IDs and links"). GitLab has collapsed runs of hyphens and
 * may stop doing so (gitlab-org/gitlab#440733), so for names with `--` no anchor is relied on and
 * links go to the page.
 */
export function resourceAnchor(kind: 'topic' | 'queue', name: string): string | undefined {
  return name.includes('--') ? undefined : `${kind}-${name}`;
}

/** The heading that `resourceAnchor` names. */
export function resourceHeading(kind: 'topic' | 'queue', name: string): string {
  return `${kind === 'topic' ? 'Topic' : 'Queue'} ${name}`;
}
