import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';

/** Without a dead-letter queue, a message that always fails is retried until retention drops it. */
export const deadLetterDisabled: Rule = {
  code: 'dead-letter-disabled',
  severity: 'warning',
  summary: 'Queues keep their dead-letter queue; opting out is reported as a warning.',
  *check({ model }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        if (queue.deadLetter) continue;
        yield {
          ...at(queue.origin, ['deadLetter']),
          message: `queue "${formatKey(queue.key)}" has no dead-letter queue: a message that always fails is received again and again until it expires`,
          hint: 'remove "deadLetter: false" unless consumers handle poison messages themselves',
        };
      }
    }
  },
};
