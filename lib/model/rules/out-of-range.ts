import type { DocumentPath } from '../../diagnostics';
import type { DeadLetterInput, QueueInput, SourceFile } from '../../request';
import { Duration, Size } from '../../units';
import { BUILT_IN_DEFAULTS } from '../defaults';
import type { Queue } from '../types';
import { deadLetterRetentionRange, queueRetentionRange, RETENTION_SECONDS } from './retention-bounds';
import type { Finding, Rule, RuleContext } from './rule';

/**
 * SQS attribute ranges (Amazon SQS API Reference, SetQueueAttributes / CreateQueue), checked
 * where each value is written: in a request, or among the platform config's defaults.
 */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly read: (value: unknown) => number | undefined;
  readonly show: (amount: number) => string;
}

const seconds: Pick<Range, 'read' | 'show'> = {
  read: (value) => (value instanceof Duration ? value.toSeconds() : undefined),
  show: (amount) => Duration.seconds(amount).toString(),
};
const bytes: Pick<Range, 'read' | 'show'> = {
  read: (value) => (value instanceof Size ? value.toBytes() : undefined),
  show: (amount) => Size.bytes(amount).toString(),
};

export const QUEUE_RANGES: Readonly<Record<string, Range>> = {
  visibilityTimeout: { min: 0, max: 43_200, ...seconds },
  retention: { ...RETENTION_SECONDS, ...seconds },
  delay: { min: 0, max: 900, ...seconds },
  receiveWaitTime: { min: 0, max: 20, ...seconds },
  maxMessageSize: { min: 1_024, max: 1_048_576, ...bytes },
};

export const DEAD_LETTER_RANGES: Readonly<Record<string, Range>> = {
  // SQS's RedrivePolicy takes maxReceiveCount from 1 to 1000.
  maxReceiveCount: {
    min: 1,
    max: 1_000,
    read: (value) => (typeof value === 'number' ? value : undefined),
    show: String,
  },
  retention: QUEUE_RANGES['retention'] as Range,
};

export const outOfRange: Rule = {
  code: 'out-of-range',
  severity: 'error',
  summary:
    "Queue settings are within SQS's ranges: visibility 0-12h, retention 1m-14d, delay 0-15m, receive wait 0-20s, message size 1 KiB-1 MiB, maxReceiveCount 1-1000.",
  source: 'Amazon SQS API Reference, SetQueueAttributes',
  *check({ requests, config, model }) {
    const queues = queuesByDefinition(model);
    for (const file of requests) {
      for (const [name, queue] of Object.entries(file.request.queues ?? {})) {
        const resolved = queues.get(definitionKey(file.file, name));
        yield* checkQueueSettings(file, ['queues', name], queue, resolved && retentionPair(resolved));
      }
    }
    const defaults = config.config.defaults?.queue;
    if (defaults) {
      yield* checkQueueSettings(config, ['defaults', 'queue'], defaults, {
        queue: (defaults.retention ?? BUILT_IN_DEFAULTS.queue.retention).toSeconds(),
        deadLetter: (defaults.deadLetter?.retention ?? BUILT_IN_DEFAULTS.deadLetter.retention).toSeconds(),
      });
    }
  },
};

/**
 * The retentions, in seconds, of a standard queue and its dead-letter queue, which must keep
 * messages at least as long (dead-letter-retention-too-short): a suggested value for one stays
 * within what the other allows. Undefined where no such pair exists (FIFO, no dead-letter queue).
 */
interface RetentionPair {
  readonly queue: number;
  readonly deadLetter: number;
}

function retentionPair(queue: Queue): RetentionPair | undefined {
  if (queue.fifo || !queue.deadLetter) return undefined;
  return { queue: queue.retention.toSeconds(), deadLetter: queue.deadLetter.retention.toSeconds() };
}

/** Each resolved queue by the file and name that define it: one lookup per queue, not one scan. */
function queuesByDefinition(model: RuleContext['model']): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  for (const team of model.teams) {
    for (const queue of team.queues) {
      const key = definitionKey(queue.origin.file, queue.key.name);
      if (!queues.has(key)) queues.set(key, queue);
    }
  }
  return queues;
}

function definitionKey(file: string, name: string): string {
  return `${file}\u0000${name}`;
}

function* checkQueueSettings(
  file: SourceFile,
  path: DocumentPath,
  settings: Pick<
    QueueInput,
    'visibilityTimeout' | 'retention' | 'delay' | 'receiveWaitTime' | 'maxMessageSize'
  > & {
    readonly deadLetter?: false | DeadLetterInput;
  },
  retentions: RetentionPair | undefined,
): Iterable<Finding> {
  yield* checkFields(
    file,
    path,
    settings,
    QUEUE_RANGES,
    retentions && {
      partner: retentions.deadLetter,
      range: queueRetentionRange(retentions.deadLetter),
      reason: `no longer than its dead-letter queue's ${Duration.seconds(retentions.deadLetter).toHumanString()}`,
    },
  );
  if (settings.deadLetter) {
    yield* checkFields(
      file,
      [...path, 'deadLetter'],
      settings.deadLetter,
      DEAD_LETTER_RANGES,
      retentions && {
        partner: retentions.queue,
        range: deadLetterRetentionRange(retentions.queue),
        reason: `at least as long as the queue's ${Duration.seconds(retentions.queue).toHumanString()}`,
      },
    );
  }
}

/** The part of the retention range that also keeps the queue/dead-letter pairing valid. */
export interface RetentionLimit {
  /** The other retention, in seconds. */
  readonly partner: number;
  readonly range: { readonly min: number; readonly max: number };
  /** How the other retention narrows it: "at least as long as the queue's 4d". */
  readonly reason: string;
}

function* checkFields(
  file: SourceFile,
  path: DocumentPath,
  values: object,
  ranges: Readonly<Record<string, Range>>,
  retention: RetentionLimit | undefined,
): Iterable<Finding> {
  for (const { field, message, hint } of rangeProblems(values, ranges, retention)) {
    yield { file: file.file, path: [...path, field], message, hint };
  }
}

/** A value outside its range: the field, what is wrong, and a value to use instead. */
export interface RangeProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * The fields of `values` outside their SQS range, for request files and construct props alike.
 * Fields that are absent or of another type are left to the schema and the type checker.
 */
export function* rangeProblems(
  values: object,
  ranges: Readonly<Record<string, Range>>,
  retention?: RetentionLimit,
): Iterable<RangeProblem> {
  for (const [field, range] of Object.entries(ranges)) {
    const amount = range.read((values as Record<string, unknown>)[field]);
    if (amount === undefined || (amount >= range.min && amount <= range.max)) continue;
    const bound =
      amount < range.min ? `at least ${range.show(range.min)}` : `at most ${range.show(range.max)}`;
    yield {
      field,
      message: `${field} must be ${bound}, but ${range.show(amount)} was given`,
      hint: field === 'retention' && retention ? retentionHint(range, retention) : rangeHint(range, range),
    };
  }
}

function rangeHint(range: Range, within: { readonly min: number; readonly max: number }): string {
  return within.min === within.max
    ? `use ${range.show(within.min)}`
    : `use a value from ${range.show(within.min)} to ${range.show(within.max)}`;
}

function retentionHint(range: Range, { partner, range: within, reason }: RetentionLimit): string {
  // A partner outside SQS's range has its own finding, whose hint is computed from this value.
  const partnerValid = partner >= range.min && partner <= range.max;
  const narrowed = within.min !== range.min || within.max !== range.max;
  if (!narrowed || !partnerValid) return rangeHint(range, range);
  return `${rangeHint(range, within)} (SQS allows ${range.show(range.min)} to ${range.show(range.max)}, and this retention must be ${reason})`;
}
