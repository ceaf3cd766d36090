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
export { queueEncryptionPlan, topicEncryptionPlan } from './encryption';
export { queueProps, subscribeArguments, topicProps } from './from-plan';
