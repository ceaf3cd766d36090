import type { LoadedRequests } from '../../lib/request';

/**
 * What a load found, with positions from every loaded file (its team's key, and the first
 * subscription of a queue "work" where there is one): what two loads of the same files must share.
 */
export function loadedSummary(loaded: LoadedRequests) {
  return {
    config: loaded.config && { file: loaded.config.file, config: loaded.config.config },
    requests: loaded.requests.map(({ file, relativePath, request, locate }) => ({
      file,
      relativePath,
      request,
      team: locate(['team'], 'key'),
      queue: locate(['queues', 'work', 'subscriptions', 0, 'topic']),
    })),
    diagnostics: loaded.diagnostics,
    files: loaded.files,
    teamsWithBrokenFiles: [...loaded.teamsWithBrokenFiles],
  };
}
