import type { DocumentPath } from '../../diagnostics';
import type { DeadLetterInput, QueueInput, SourceFile } from '../../request';
import { Duration, Size } from '../../units';
import type { Finding, Rule } from './rule';

/**
 * SQS attribute ranges (Amazon SQS API Reference, SetQueueAttributes / CreateQueue), checked
 * where each value is written: in a request, or among the platform config's defaults.
 */
interface Range {
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
  retention: { min: 60, max: 1_209_600, ...seconds },
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
  *check({ requests, config }) {
    for (const file of requests) {
      for (const [name, queue] of Object.entries(file.request.queues ?? {})) {
        yield* checkQueueSettings(file, ['queues', name], queue);
      }
    }
    const defaults = config.config.defaults?.queue;
    if (defaults) yield* checkQueueSettings(config, ['defaults', 'queue'], defaults);
  },
};

function* checkQueueSettings(
  file: SourceFile,
  path: DocumentPath,
  settings: Pick<
    QueueInput,
    'visibilityTimeout' | 'retention' | 'delay' | 'receiveWaitTime' | 'maxMessageSize'
  > & {
    readonly deadLetter?: false | DeadLetterInput;
  },
): Iterable<Finding> {
  yield* checkFields(file, path, settings, QUEUE_RANGES);
  if (settings.deadLetter)
    yield* checkFields(file, [...path, 'deadLetter'], settings.deadLetter, DEAD_LETTER_RANGES);
}

function* checkFields(
  file: SourceFile,
  path: DocumentPath,
  values: object,
  ranges: Readonly<Record<string, Range>>,
): Iterable<Finding> {
  for (const [field, range] of Object.entries(ranges)) {
    const amount = range.read((values as Record<string, unknown>)[field]);
    if (amount === undefined || (amount >= range.min && amount <= range.max)) continue;
    const bound =
      amount < range.min ? `at least ${range.show(range.min)}` : `at most ${range.show(range.max)}`;
    yield {
      file: file.file,
      path: [...path, field],
      message: `${field} must be ${bound}, but ${range.show(amount)} was given`,
      hint: `use a value from ${range.show(range.min)} to ${range.show(range.max)}`,
    };
  }
}
