export type * from './types';
export { InvalidPropsError, type PropsProblem } from './errors';
export {
  assertPrincipal,
  deliveryDeadLetterOf,
  resolveQueueProps,
  resolveSubscription,
  resolveTopicProps,
  type ResolvedDeadLetter,
  type ResolvedQueue,
  type ResolvedSubscription,
  type ResolvedTopic,
} from './resolve';
export { queueProps, subscribeArguments, topicProps } from './from-plan';
export { QueueGrants, TopicGrants } from './grants';
