import { Duration } from '../../units';
import { formatKey } from '../keys';
import { RETENTION_SECONDS, clampRetention } from './retention-bounds';
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
        const problem = deadLetterRetentionProblem(
          `"${formatKey(queue.key)}"`,
          queue.retention,
          deadLetter.retention,
        );
        if (problem) yield { ...at(queue.origin, ['deadLetter', 'retention']), ...problem };
      }
    }
  },
};

/**
 * The problem, if any, with a standard queue (`described` as the message names it) whose
 * dead-letter queue keeps messages for less time than the queue does.
 */
export function deadLetterRetentionProblem(
  described: string,
  queueRetention: Duration,
  deadLetterRetention: Duration,
): { message: string; hint: string } | undefined {
  if (deadLetterRetention.toSeconds() >= queueRetention.toSeconds()) return undefined;
  return {
    message: `the dead-letter queue of ${described} keeps messages ${deadLetterRetention.toString()}, shorter than the queue's ${queueRetention.toString()}; messages keep their enqueue time and could expire on arrival`,
    hint: retentionHint(queueRetention, deadLetterRetention),
  };
}

/**
 * A change within SQS's range (60 s to 14 days, SetQueueAttributes). The SQS Developer Guide
 * ("Setting-up dead-letter queue retention") advises a dead-letter retention longer than the
 * queue's; a queue at the 14-day maximum can only be matched, which this rule accepts. A queue
 * retention above the maximum cannot be followed at all, so then it is the one to come down.
 */
function retentionHint(queueRetention: Duration, deadLetterRetention: Duration): string {
  const maximum = Duration.seconds(RETENTION_SECONDS.max).toHumanString();
  const queueSeconds = queueRetention.toSeconds();
  if (queueSeconds <= RETENTION_SECONDS.max) {
    const lowest = Duration.seconds(clampRetention(queueSeconds)).toHumanString();
    return `set deadLetter.retention to ${lowest} or more (SQS allows at most ${maximum})`;
  }
  const deadLetterSeconds = deadLetterRetention.toSeconds();
  if (deadLetterSeconds < RETENTION_SECONDS.min) {
    return `set retention and deadLetter.retention to ${maximum}: SQS keeps messages at most ${maximum}, and the dead-letter queue must keep them at least as long as the queue`;
  }
  const highest = Duration.seconds(clampRetention(deadLetterSeconds)).toHumanString();
  return `lower retention to ${highest} or less: SQS keeps messages at most ${maximum}, so no dead-letter queue can keep them ${queueRetention.toHumanString()}`;
}
