import { formatKey } from '../keys';
import type { EncryptionPlan, QueuePlan, StackPlan, SubscriptionPlan, TopicPlan } from '../plan';
import type { EventQueueProps, EventTopicProps, SubscribeOptions, TopicReference } from './types';

/**
 * Planned stacks as construct props: what both backends' stacks hand their EventTopic and
 * EventQueue constructs. Logical names are the request's names, so every address and logical id
 * stays what it was before the constructs took props.
 */
export function topicProps(stack: StackPlan, plan: TopicPlan): EventTopicProps {
  const { topic } = plan;
  return {
    name: plan.name,
    environment: stack.environment,
    logicalName: topic.key.name,
    fifo: topic.fifo,
    contentBasedDeduplication: topic.contentBasedDeduplication,
    encryption: topic.encryption,
    ...keyDescription(plan.encryption),
    publishers: plan.publishers,
    tags: { 'request-file': plan.requestFile },
  };
}

export function queueProps(stack: StackPlan, plan: QueuePlan): EventQueueProps {
  const { queue } = plan;
  return {
    name: plan.name,
    environment: stack.environment,
    logicalName: queue.key.name,
    fifo: queue.fifo,
    contentBasedDeduplication: queue.contentBasedDeduplication,
    visibilityTimeout: queue.visibilityTimeout,
    retention: queue.retention,
    delay: queue.delay,
    receiveWaitTime: queue.receiveWaitTime,
    maxMessageSize: queue.maxMessageSize,
    deadLetter: queue.deadLetter ?? false,
    encryption: queue.encryption,
    ...keyDescription(plan.encryption),
    consumers: plan.consumers,
    tags: { 'request-file': plan.requestFile },
  };
}

/**
 * What `queue.subscribe` takes for a planned subscription: the topic construct when the same
 * stack creates it, else the topic by ARN. The logical name is "<team>/<topic>" either way.
 */
export function subscribeArguments<Topic extends TopicReference>(
  topicsByArn: ReadonlyMap<string, Topic>,
  plan: SubscriptionPlan,
): [TopicReference, SubscribeOptions] {
  const { subscription } = plan;
  const logicalName = formatKey(subscription.topic);
  const topic = topicsByArn.get(plan.topicArn) ?? {
    topicArn: plan.topicArn,
    logicalName,
    fifo: plan.topicFifo,
  };
  return [
    topic,
    {
      ...(subscription.filterPolicy ? { filterPolicy: subscription.filterPolicy } : {}),
      filterPolicyScope: subscription.filterScope,
      rawMessageDelivery: subscription.rawMessageDelivery,
      logicalName,
    },
  ];
}

function keyDescription(encryption: EncryptionPlan): { keyDescription?: string } {
  return encryption.kind === 'kms' ? { keyDescription: encryption.key.description } : {};
}
