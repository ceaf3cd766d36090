import type { ResourceKey } from './types';

/** "team/name": how requests reference topics and how diagnostics name resources. */
export function formatKey(key: ResourceKey): string {
  return `${key.team}/${key.name}`;
}

/** Reads "<team>/<topic>", or "<topic>" meaning a topic of `ownTeam`. */
export function parseTopicReference(reference: string, ownTeam: string): ResourceKey {
  const slash = reference.indexOf('/');
  return slash === -1
    ? { team: ownTeam, name: reference }
    : { team: reference.slice(0, slash), name: reference.slice(slash + 1) };
}

export function sameKey(a: ResourceKey, b: ResourceKey): boolean {
  return a.team === b.team && a.name === b.name;
}
