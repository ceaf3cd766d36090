import { formatKey, type ResourceKey } from '../../model';
import { link, text } from '../markdown';
import { environmentPage, relativeTarget, resourceAnchor, teamPage } from './paths';

/** Links that several pages print: from the page at `from` to a team, resource or environment. */
export interface Links {
  team(name: string): string;
  /** `team/name`, pointing at the resource's section of its team's page. */
  resource(kind: 'topic' | 'queue', key: ResourceKey): string;
  environment(name: string): string;
  eventType(eventType: string): string;
  to(target: string, label: string): string;
}

/** Only teams and event types with a page are linked: a topic may name a team that has no requests yet. */
export function linksFrom(
  from: string,
  teams: ReadonlySet<string>,
  eventTypePages: ReadonlyMap<string, string>,
): Links {
  return {
    team: (name) => (teams.has(name) ? link(text(name), relativeTarget(from, teamPage(name))) : text(name)),
    resource: (kind, key) =>
      link(text(formatKey(key)), relativeTarget(from, teamPage(key.team), resourceAnchor(kind, key.name))),
    environment: (name) => link(text(name), relativeTarget(from, environmentPage(name))),
    eventType: (eventType) => {
      const target = eventTypePages.get(eventType);
      return target === undefined ? text(eventType) : link(text(eventType), relativeTarget(from, target));
    },
    to: (target, label) => link(label, relativeTarget(from, target)),
  };
}
