import { readBounded } from '../request/read-file';
import type { FilterMessage, FilterMessageAttribute } from '../filter-policy';
import { UsageError } from './usage';

const DATA_TYPES = ['String', 'String.Array', 'Number', 'Binary'] as const;

/**
 * Message attributes as a person writes them on a command line: `{"event_type": "x",
 * "amount": 12, "tags": ["a", "b"]}` (String, Number, String.Array), or SNS Publish's own form
 * `{"name": {"DataType": "String", "StringValue": "x"}}`.
 */
export function parseAttributes(text: string, source: string): NonNullable<FilterMessage['attributes']> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`${source} must be a JSON object of attribute names to values`);
  }
  const attributes: Record<string, FilterMessageAttribute> = {};
  for (const [name, value] of Object.entries(parsed)) attributes[name] = toAttribute(name, value, source);
  return attributes;
}

function toAttribute(name: string, value: unknown, source: string): FilterMessageAttribute {
  if (typeof value === 'string') return { DataType: 'String', StringValue: value };
  if (typeof value === 'number') return { DataType: 'Number', StringValue: String(value) };
  if (Array.isArray(value)) return { DataType: 'String.Array', StringValue: JSON.stringify(value) };
  if (value !== null && typeof value === 'object' && 'DataType' in value) {
    const { DataType, StringValue, BinaryValue } = value as Record<string, unknown>;
    if ((DATA_TYPES as readonly unknown[]).includes(DataType)) {
      return {
        DataType: DataType as FilterMessageAttribute['DataType'],
        ...(typeof StringValue === 'string' ? { StringValue } : {}),
        ...(typeof BinaryValue === 'string' ? { BinaryValue } : {}),
      };
    }
  }
  throw new UsageError(
    `attribute "${name}" in ${source} must be a string, a number, a list, or {"DataType": ${DATA_TYPES.map((type) => `"${type}"`).join(' | ')}, "StringValue": ...}`,
  );
}

/**
 * SNS's largest message, attributes included: 256 KiB (Amazon SNS Developer Guide, "Amazon SNS
 * message size limits"; the extended client libraries go through S3 instead). No sample event a
 * queue can receive is larger, so route reads no more than this.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export function readInputFile(file: string, option: string): string {
  try {
    const read = readBounded(file, MAX_MESSAGE_BYTES);
    if (read.kind === 'too-large') {
      throw new UsageError(
        `--${option} ${file} is larger than ${MAX_MESSAGE_BYTES} bytes (256 KiB), the largest message SNS delivers; route reads no more than that`,
      );
    }
    return new TextDecoder('utf-8').decode(read.bytes);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `--${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}
