/**
 * SQS's MessageRetentionPeriod, in seconds: 60 (1 minute) to 1,209,600 (14 days) (Amazon SQS API
 * Reference, SetQueueAttributes). The queue and its dead-letter queue share it.
 */
export const RETENTION_SECONDS = { min: 60, max: 1_209_600 } as const;

export interface SecondsRange {
  readonly min: number;
  readonly max: number;
}

/** `seconds` moved into SQS's retention range. */
export function clampRetention(seconds: number): number {
  return Math.min(Math.max(seconds, RETENTION_SECONDS.min), RETENTION_SECONDS.max);
}

/**
 * The retentions a standard queue can take without outlasting its dead-letter queue, which
 * dead-letter-retention-too-short asks of it: a suggestion in this range never trades one
 * diagnostic for the other.
 */
export function queueRetentionRange(deadLetterSeconds: number): SecondsRange {
  return { min: RETENTION_SECONDS.min, max: clampRetention(deadLetterSeconds) };
}

/** The retentions a standard queue's dead-letter queue can take and still cover the queue's. */
export function deadLetterRetentionRange(queueSeconds: number): SecondsRange {
  return { min: clampRetention(queueSeconds), max: RETENTION_SECONDS.max };
}
