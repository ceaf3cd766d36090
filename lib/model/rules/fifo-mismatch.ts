import { formatKey } from '../keys';
import { at, subscriptionRule } from './subscription-rules';

/**
 * SNS standard topics cannot deliver to SQS FIFO queues (SNS developer guide, "FIFO topics":
 * FIFO queues subscribe only to FIFO topics). FIFO topics may deliver to standard queues.
 */
export const fifoMismatch = subscriptionRule(
  {
    code: 'fifo-mismatch',
    severity: 'error',
    summary: 'A FIFO queue subscribes only to FIFO topics.',
    source: 'Amazon SNS Developer Guide, "Message ordering and deduplication (FIFO topics)"',
  },
  function* ({ queue, subscription, topic }) {
    if (!queue.fifo || topic.fifo) return;
    yield {
      ...at(subscription.origin, ['topic']),
      message: `FIFO queue "${formatKey(queue.key)}" cannot subscribe to standard topic "${formatKey(topic.key)}": SNS delivers to FIFO queues only from FIFO topics`,
      hint: `remove "fifo: true"${queue.contentBasedDeduplication ? ' and contentBasedDeduplication' : ''} from the queue (a standard queue may subscribe to FIFO and standard topics; the change replaces the queue), or subscribe to a FIFO topic instead`,
    };
  },
);
