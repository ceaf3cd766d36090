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
              : `team "${topic.team}" has ${owner.topics.length === 0 ? 'no topics' : `topics ${owner.topics.map((candidate) => `"${candidate.key.name}"`).join(', ')}`}`,
          };
        }
      }
    }
  },
};

export const unknownTeam: Rule = {
  code: 'unknown-team',
  severity: 'error',
  summary: 'A subscription\'s "<team>/<topic>" names a team that has a request file.',
  *check({ model, teamsByName, teamsWithBrokenFiles }) {
    const teams = [...teamsByName.keys()];
    for (const team of model.teams) {
      for (const queue of team.queues) {
        for (const subscription of queue.subscriptions) {
          const { topic } = subscription;
          if (teamsByName.has(topic.team) || teamsWithBrokenFiles.has(topic.team)) continue;
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
