import { formatKey } from '../keys';
import { at, subscriptionRule } from './subscription-rules';

/** The subscription is created in every environment of its queue, so the topic must exist there too. */
export const topicNotInEnvironment = subscriptionRule(
  {
    code: 'topic-not-in-environment',
    severity: 'error',
    summary: 'A subscribed topic exists in every environment of the subscribing queue.',
  },
  function* ({ queue, subscription, topic }) {
    const missing = queue.environments.filter((environment) => !topic.environments.includes(environment));
    if (missing.length === 0) return;
    const shared = queue.environments.filter((environment) => !missing.includes(environment));
    const askOwner = `ask team "${topic.key.team}" to add ${missing.join(' and ')} to the topic's environments`;
    yield {
      ...at(subscription.origin, ['topic']),
      message: `topic "${formatKey(topic.key)}" does not exist in ${missing.join(', ')}, where queue "${formatKey(queue.key)}" does`,
      // An empty environments list is not a request the schema accepts.
      hint:
        shared.length > 0
          ? `limit the queue with "environments: [${shared.join(', ')}]", or ${askOwner}`
          : `${askOwner}: the queue and the topic share no environment`,
    };
  },
);
