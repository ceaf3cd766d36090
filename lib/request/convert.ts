import { Duration, Size } from '../units';
import type { DeadLetterInput, PlatformConfigInput, RequestInput } from './types';

/**
 * Raw documents have passed their schema here; what is left is giving durations and sizes their
 * types, so nothing after the request stage reads "30s" again.
 */
type Raw = Record<string, unknown>;

const DURATION_FIELDS = ['visibilityTimeout', 'retention', 'delay', 'receiveWaitTime'] as const;

function typedQueueSettings(raw: Raw): Raw {
  const typed: Raw = { ...raw };
  for (const field of DURATION_FIELDS) {
    if (raw[field] !== undefined) typed[field] = Duration.parse(raw[field]);
  }
  if (typeof raw['maxMessageSize'] === 'number') typed['maxMessageSize'] = Size.bytes(raw['maxMessageSize']);
  if (raw['deadLetter'] !== null && typeof raw['deadLetter'] === 'object') {
    typed['deadLetter'] = typedDeadLetter(raw['deadLetter'] as Raw);
  }
  return typed;
}

function typedDeadLetter(raw: Raw): DeadLetterInput {
  return raw['retention'] === undefined ? raw : { ...raw, retention: Duration.parse(raw['retention']) };
}

function mapValues(record: unknown, convert: (value: Raw) => Raw): Raw | undefined {
  if (record === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(record as Raw).map(([key, value]) => [key, convert(value as Raw)]),
  );
}

export function toRequestInput(raw: unknown): RequestInput {
  const document = raw as Raw;
  const queues = mapValues(document['queues'], typedQueueSettings);
  return (queues === undefined ? document : { ...document, queues }) as unknown as RequestInput;
}

export function toPlatformConfigInput(raw: unknown): PlatformConfigInput {
  const document = raw as Raw;
  const defaults = document['defaults'] as Raw | undefined;
  const queueDefaults = defaults?.['queue'];
  if (queueDefaults === undefined) return document as unknown as PlatformConfigInput;
  return {
    ...document,
    defaults: { ...defaults, queue: typedQueueSettings(queueDefaults as Raw) },
  } as unknown as PlatformConfigInput;
}
