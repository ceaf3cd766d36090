import { MAX_POLICY_NUMBER, MAX_RELIABLE_DECIMALS, MIN_POLICY_NUMBER } from './limits';

/** Inside the documented -1e9..1e9 range (inclusive, as the constraints page states it). */
export function isPolicyNumberInRange(value: number): boolean {
  return value >= MIN_POLICY_NUMBER && value <= MAX_POLICY_NUMBER;
}

/** Digits after the decimal point in the shortest text of `value` (`1e-7` has 7, `1.5e-3` has 4). */
export function decimalPlaces(value: number): number {
  const text = String(Math.abs(value));
  const exponentAt = text.indexOf('e');
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? 0 : Number(text.slice(exponentAt + 1));
  const dotAt = mantissa.indexOf('.');
  const mantissaDecimals = dotAt === -1 ? 0 : mantissa.length - dotAt - 1;
  return Math.max(0, mantissaDecimals - exponent);
}

/** SNS documents five digits of accuracy after the decimal point; more is not reliably compared. */
export function exceedsReliablePrecision(value: number): boolean {
  return decimalPlaces(value) > MAX_RELIABLE_DECIMALS;
}

/** `value` with no more decimal places than SNS compares. */
export function roundToReliableDecimals(value: number): number {
  return Number(value.toFixed(MAX_RELIABLE_DECIMALS));
}

// A decimal number as SNS accepts it in a Number attribute: no hex, no Infinity, no padding.
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a Number attribute's text, or undefined when SNS would not have accepted it. */
export function parseNumberAttribute(text: string): number | undefined {
  if (!DECIMAL_NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
