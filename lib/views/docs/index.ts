import { compareStrings } from '../../diagnostics';
import type { EventBusModel, StackPlan } from '../../model';
import { buildCatalog } from './catalog';
import { renderEnvironmentPage } from './environment-page';
import { renderEventTypePage } from './event-type-page';
import { renderIndexPage } from './index-page';
import { linksFrom } from './links';
import { environmentPage, eventTypePages, INDEX_PAGE, teamPage } from './paths';
import { renderTeamPage } from './team-page';

/** One page of the catalog: its path below the output directory (with `/`), and its Markdown. */
export interface DocFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The Markdown catalog of the bus, as GitLab renders it: `README.md` (the index),
 * `teams/<team>.md`, `events/<event type>.md` and `environments/<env>.md`, for the environments
 * the plans cover. The same model and plans give the same bytes, in path order.
 */
export function renderDocs(model: EventBusModel, plans: readonly StackPlan[]): DocFile[] {
  const catalog = buildCatalog(model, plans);
  const pages = eventTypePages(catalog.eventTypes.map((entry) => entry.eventType));
  const teams = new Set(catalog.teams.map((entry) => entry.team.name));
  const links = (from: string) => linksFrom(from, teams, pages);
  const files: DocFile[] = [{ path: INDEX_PAGE, content: renderIndexPage(catalog, links(INDEX_PAGE)) }];
  for (const entry of catalog.teams) {
    const file = teamPage(entry.team.name);
    files.push({ path: file, content: renderTeamPage(entry, links(file)) });
  }
  for (const entry of catalog.eventTypes) {
    const file = pages.get(entry.eventType) as string;
    files.push({ path: file, content: renderEventTypePage(entry, links(file)) });
  }
  for (const environment of catalog.environments) {
    const file = environmentPage(environment.name);
    files.push({ path: file, content: renderEnvironmentPage(catalog, environment, links(file)) });
  }
  return files.sort((a, b) => compareStrings(a.path, b.path));
}
