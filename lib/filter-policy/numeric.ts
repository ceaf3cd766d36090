import type { DocumentPath } from '../diagnostics';
import { describeValue } from './json';
import { exceedsReliablePrecision, isPolicyNumberInRange, roundToReliableDecimals } from './numbers';
import type { NumericComparison, NumericOperator } from './patterns';
import type { DiagnosticSink } from './report';

const OPERATORS: readonly string[] = ['=', '<', '<=', '>', '>='];
const LOWER_BOUND_OPERATORS: readonly string[] = ['>', '>='];
const UPPER_BOUND_OPERATORS: readonly string[] = ['<', '<='];
const SHAPE_HINT = 'write [">=", 0] for one comparison, or [">", 0, "<=", 100] for a range';

function isOperator(value: unknown): value is NumericOperator {
  return typeof value === 'string' && OPERATORS.includes(value);
}

/**
 * Checks a policy number against the documented range and accuracy ("Filter policy constraints": -10^9 to
 * 10^9, five digits after the decimal point). Returns false when the number makes the policy invalid.
 */
export function checkPolicyNumber(value: number, path: DocumentPath, sink: DiagnosticSink): boolean {
  if (exceedsReliablePrecision(value)) {
    sink.warning(
      'filter-policy-number-precision',
      path,
      `number ${String(value)} has more than 5 decimal places, but SNS compares numbers to 5 decimal places only`,
      `round it to 5 decimal places (${String(roundToReliableDecimals(value))}) so matching does not depend on digits SNS ignores`,
    );
  }
  if (isPolicyNumberInRange(value)) return true;
  sink.error(
    'filter-policy-number-out-of-range',
    path,
    `number ${String(value)} is outside the range SNS supports in filter policies (-1000000000 to 1000000000)`,
    'use a number between -1e9 and 1e9, or scale the attribute (e.g. publish thousands instead of units)',
  );
  return false;
}

/**
 * Parses the operand of `numeric` ("Numeric value matching"): `[op, n]` or a range
 * `[">"|">=", low, "<"|"<=", high]` whose bottom is strictly below its top. Reports the first shape
 * problem; `path` is the path of the operand array.
 */
export function parseNumericOperand(
  operand: unknown,
  path: DocumentPath,
  sink: DiagnosticSink,
): NumericComparison[] | undefined {
  const fail = (at: DocumentPath, problem: string): undefined => {
    sink.error('filter-policy-numeric', at, `"numeric" expression is malformed: ${problem}`, SHAPE_HINT);
    return undefined;
  };
  if (!Array.isArray(operand)) return fail(path, `it must be an array, but got ${describeValue(operand)}`);
  const items: readonly unknown[] = operand;
  if (items.length === 0) return fail(path, 'the array is empty');
  if (items.length > 4)
    return fail([...path, 4], `it has ${items.length} elements, but a range has at most 4`);

  const comparisons: NumericComparison[] = [];
  for (let index = 0; index < items.length; index += 2) {
    const operator = items[index];
    const value = items[index + 1];
    if (!isOperator(operator)) {
      return fail([...path, index], `expected one of = < <= > >=, but got ${describeValue(operator)}`);
    }
    if (index + 1 >= items.length) return fail(path, `the operator "${operator}" has no number after it`);
    if (typeof value !== 'number') {
      return fail(
        [...path, index + 1],
        `the value of "${operator}" must be a number, but got ${describeValue(value)}`,
      );
    }
    comparisons.push({ operator, operand: value });
  }

  const [low, high] = comparisons;
  if (low !== undefined && high !== undefined) {
    if (!LOWER_BOUND_OPERATORS.includes(low.operator)) {
      return fail([...path, 0], `a range must start with ">" or ">=", but starts with "${low.operator}"`);
    }
    if (!UPPER_BOUND_OPERATORS.includes(high.operator)) {
      return fail([...path, 2], `a range must end with "<" or "<=", but has "${high.operator}"`);
    }
  }

  let inRange = true;
  comparisons.forEach((comparison, index) => {
    inRange = checkPolicyNumber(comparison.operand, [...path, index * 2 + 1], sink) && inRange;
  });
  if (!inRange) return undefined;

  if (low !== undefined && high !== undefined && !(low.operand < high.operand)) {
    sink.error(
      'filter-policy-numeric-range',
      path,
      `numeric range has bottom ${String(low.operand)} and top ${String(high.operand)}, but SNS requires the bottom to be below the top`,
      low.operand === high.operand
        ? `use ["=", ${String(low.operand)}] to match that one number`
        : `swap the two numbers: ${JSON.stringify([low.operator, high.operand, high.operator, low.operand])}`,
    );
    return undefined;
  }
  return comparisons;
}
