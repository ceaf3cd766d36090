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
    yield {
      ...at(subscription.origin, ['topic']),
      message: `topic "${formatKey(topic.key)}" does not exist in ${missing.join(', ')}, where queue "${formatKey(queue.key)}" does`,
      hint: `limit the queue with "environments: [${queue.environments.filter((environment) => !missing.includes(environment)).join(', ')}]", or ask team "${topic.key.team}" to add the environment`,
    };
  },
);
