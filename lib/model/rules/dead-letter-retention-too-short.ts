import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';

/**
 * A standard queue's message keeps its original enqueue timestamp when it moves to the
 * dead-letter queue, so a DLQ that retains for less than its queue can drop a message the moment
 * it arrives (Amazon SQS Developer Guide, "Using dead-letter queues"). FIFO queues reset it.
 */
export const deadLetterRetentionTooShort: Rule = {
  code: 'dead-letter-retention-too-short',
  severity: 'error',
  summary: "A standard queue's dead-letter queue retains messages at least as long as the queue.",
  source: 'Amazon SQS Developer Guide, "Using dead-letter queues in Amazon SQS"',
  *check({ model }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        const { deadLetter } = queue;
        if (!deadLetter || queue.fifo) continue;
        if (deadLetter.retention.toSeconds() >= queue.retention.toSeconds()) continue;
        yield {
          ...at(queue.origin, ['deadLetter', 'retention']),
          message: `the dead-letter queue of "${formatKey(queue.key)}" keeps messages ${deadLetter.retention.toString()}, shorter than the queue's ${queue.retention.toString()}; messages keep their enqueue time and could expire on arrival`,
          hint: `set deadLetter.retention to at least ${queue.retention.toHumanString()} (14d is the most SQS allows)`,
        };
      }
    }
  },
};
