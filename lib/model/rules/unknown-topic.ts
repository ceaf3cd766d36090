import { didYouMean } from '../../request/suggest';
import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';

/** A subscription names an existing team and one of its topics. */
export const unknownTopic: Rule = {
  code: 'unknown-topic',
  severity: 'error',
  summary: 'A subscription\'s topic exists: "<team>/<topic>", or "<topic>" of the same team.',
  *check({ model, topicsByKey, teamsByName, teamsWithBrokenFiles }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        for (const subscription of queue.subscriptions) {
          const { topic } = subscription;
          if (topicsByKey.has(formatKey(topic)) || teamsWithBrokenFiles.has(topic.team)) continue;
          const owner = teamsByName.get(topic.team);
          if (!owner) continue; // reported by unknown-team
          const suggestion = didYouMean(
            topic.name,
            owner.topics.map((candidate) => candidate.key.name),
          );
          yield {
            ...at(subscription.origin, ['topic']),
            message: `team "${topic.team}" has no topic "${topic.name}"`,
            hint: suggestion
              ? `did you mean "${formatKey({ team: topic.team, name: suggestion })}"?`
              : owner.topics.length === 0
                ? `team "${topic.team}" has no topics: ask it to add topic "${topic.name}", or remove this subscription`
                : `use one of team "${topic.team}"'s topics (${owner.topics.map((candidate) => `"${formatKey(candidate.key)}"`).join(', ')}), or ask it to add topic "${topic.name}"`,
          };
        }
      }
    }
  },
};

export const unknownTeam: Rule = {
  code: 'unknown-team',
  severity: 'error',
  summary:
    'A subscription\'s "<team>/<topic>" names a team that has a request file; so does a topic\'s subscribers list (a warning: the entry allows nothing yet).',
  *check({ model, requests, teamsByName, teamsWithBrokenFiles }) {
    const teams = [...teamsByName.keys()];
    const known = (name: string): boolean => teamsByName.has(name) || teamsWithBrokenFiles.has(name);
    for (const file of requests) {
      for (const [name, topic] of Object.entries(file.request.topics ?? {})) {
        if (!Array.isArray(topic.subscribers)) continue;
        for (const [index, subscriber] of (topic.subscribers as readonly string[]).entries()) {
          if (known(subscriber)) continue;
          const suggestion = didYouMean(subscriber, teams);
          yield {
            file: file.file,
            path: ['topics', name, 'subscribers', index],
            severity: 'warning',
            message: `no request file defines team "${subscriber}": the topic's subscribers entry allows nothing yet`,
            hint: suggestion ? `did you mean "${suggestion}"?` : 'name a team that has a request file',
          };
        }
      }
    }
    for (const team of model.teams) {
      for (const queue of team.queues) {
        for (const subscription of queue.subscriptions) {
          const { topic } = subscription;
          if (known(topic.team)) continue;
          const suggestion = didYouMean(topic.team, teams);
          yield {
            ...at(subscription.origin, ['topic']),
            message: `no request file defines team "${topic.team}"`,
            hint: suggestion
              ? `did you mean "${formatKey({ team: suggestion, name: topic.name })}"?`
              : 'write the topic as "<team>/<topic>" with a team that has a request file',
          };
        }
      }
    }
  },
};
