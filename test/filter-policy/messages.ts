import type { FilterMessage, FilterMessageAttribute } from '../../lib/filter-policy';

/** Builders for message attributes as Publish takes them. */
export const str = (value: string): FilterMessageAttribute => ({ DataType: 'String', StringValue: value });
export const num = (value: number | string): FilterMessageAttribute => ({
  DataType: 'Number',
  StringValue: String(value),
});
export const list = (values: readonly unknown[]): FilterMessageAttribute => ({
  DataType: 'String.Array',
  StringValue: JSON.stringify(values),
});
export const rawList = (text: string): FilterMessageAttribute => ({
  DataType: 'String.Array',
  StringValue: text,
});
export const bin = (): FilterMessageAttribute => ({ DataType: 'Binary', BinaryValue: 'AAEC' });

export const attrs = (attributes: { [name: string]: FilterMessageAttribute }): FilterMessage => ({
  attributes,
});
/** A body serialized from a value. */
export const body = (value: unknown): FilterMessage => ({ body: JSON.stringify(value) });
/** A body given as raw text, for number spellings and non-JSON bodies. */
export const rawBody = (text: string): FilterMessage => ({ body: text });

/** The example message of the SNS Developer Guide page "Example filter policies", both ways. */
export const INSURANCE_ATTRIBUTES = attrs({
  customer_interests: list(['soccer', 'rugby', 'hockey']),
  store: str('example_corp'),
  event: str('order_placed'),
  price_usd: num('210.75'),
});
export const INSURANCE_BODY = body({
  customer_interests: ['soccer', 'rugby', 'hockey'],
  store: 'example_corp',
  event: 'order_placed',
  price_usd: 210.75,
});
