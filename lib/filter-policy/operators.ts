import { closest, distance } from 'fastest-levenshtein';
import type { DocumentPath } from '../diagnostics';
import { parseCidr } from './cidr';
import { describeValue, isPlainObject, type JsonObject } from './json';
import { checkPolicyNumber, parseNumericOperand } from './numeric';
import type { Pattern } from './patterns';
import type { DiagnosticSink } from './report';

/** The operators SNS accepts inside a value array (Amazon SNS Developer Guide, "Filter policy constraints"). */
export const SNS_OPERATORS: readonly string[] = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
];

/** event-ruler operators that SNS does not run; AWS rejected `anything-but: {suffix}` in May 2024. */
const EVENT_RULER_ONLY_OPERATORS: readonly string[] = ['wildcard'];
const ANYTHING_BUT_UNSUPPORTED_FORMS: readonly string[] = ['suffix', 'equals-ignore-case', 'wildcard'];

function unknownOperatorHint(name: string, known: readonly string[]): string {
  const nearest = closest(name, known);
  return distance(name, nearest) <= 3
    ? `did you mean "${nearest}"?`
    : `use one of: ${known.map((operator) => `"${operator}"`).join(', ')}`;
}

function reportUnsupported(sink: DiagnosticSink, path: DocumentPath, form: string, hint: string): void {
  sink.error(
    'filter-policy-unsupported-operator',
    path,
    `${form} is supported by event-ruler but not (or not verifiably) by SNS subscription filter policies`,
    hint,
  );
}

function reportOperandType(
  sink: DiagnosticSink,
  path: DocumentPath,
  operator: string,
  needs: string,
  got: unknown,
  example: string,
): void {
  sink.error(
    'filter-policy-operand-type',
    path,
    `"${operator}" needs ${needs}, but got ${describeValue(got)}`,
    `write it like ${example}`,
  );
}

/** `prefix`, `suffix`, `equals-ignore-case`: a string, with no nested `equals-ignore-case` (unconfirmed for SNS). */
function parseStringOperand(
  operator: 'prefix' | 'suffix' | 'equals-ignore-case',
  operand: unknown,
  path: DocumentPath,
  sink: DiagnosticSink,
): Pattern | undefined {
  if (typeof operand === 'string') return { kind: operator, value: operand };
  if (operator !== 'equals-ignore-case' && isPlainObject(operand) && Object.keys(operand).length === 1) {
    const [inner = ''] = Object.keys(operand);
    if (inner === 'equals-ignore-case') {
      reportUnsupported(
        sink,
        [...path, inner],
        `{"${operator}": {"equals-ignore-case": ...}}`,
        `list the case variants you need as plain ${operator} entries`,
      );
      return undefined;
    }
  }
  reportOperandType(sink, path, operator, 'a string', operand, `{"${operator}": "abc"}`);
  return undefined;
}

/**
 * `anything-but` takes a string, a number, a non-empty list of all strings or all numbers, or
 * `{"prefix": s}` ("String value matching" and "Numeric value matching", anything-but sections).
 */
function parseAnythingBut(operand: unknown, path: DocumentPath, sink: DiagnosticSink): Pattern | undefined {
  if (typeof operand === 'string') return { kind: 'anything-but', strings: [operand], numbers: [] };
  if (typeof operand === 'number') {
    return checkPolicyNumber(operand, path, sink)
      ? { kind: 'anything-but', strings: [], numbers: [operand] }
      : undefined;
  }
  if (Array.isArray(operand)) return parseAnythingButList(operand, path, sink);
  if (isPlainObject(operand)) return parseAnythingButObject(operand, path, sink);
  reportOperandType(
    sink,
    path,
    'anything-but',
    'a string, a number, a list of either, or {"prefix": ...}',
    operand,
    '{"anything-but": ["a", "b"]}',
  );
  return undefined;
}

function parseAnythingButList(
  items: readonly unknown[],
  path: DocumentPath,
  sink: DiagnosticSink,
): Pattern | undefined {
  if (items.length === 0) {
    sink.error(
      'filter-policy-empty-array',
      path,
      '"anything-but" has an empty list, but SNS needs at least one value to exclude',
      'list the values to exclude, or remove the entry (and the key, if it was its only entry)',
    );
    return undefined;
  }
  const kind = typeof items[0];
  const strings: string[] = [];
  const numbers: number[] = [];
  let valid = true;
  items.forEach((item, index) => {
    if (typeof item === 'string' && kind === 'string') strings.push(item);
    else if (typeof item === 'number' && kind === 'number') {
      valid = checkPolicyNumber(item, [...path, index], sink) && valid;
      numbers.push(item);
    } else if (valid) {
      valid = false;
      sink.error(
        'filter-policy-operand-type',
        [...path, index],
        `"anything-but" list must hold only strings or only numbers, but element ${index} is ${describeValue(item)}`,
        'keep one type per list: exclude strings if the message carries strings, numbers if it carries numbers',
      );
    }
  });
  return valid ? { kind: 'anything-but', strings, numbers } : undefined;
}

function parseAnythingButObject(
  operand: JsonObject,
  path: DocumentPath,
  sink: DiagnosticSink,
): Pattern | undefined {
  const keys = Object.keys(operand);
  const [form = ''] = keys;
  if (keys.length !== 1) {
    reportOperandType(
      sink,
      path,
      'anything-but',
      'exactly one nested operator, {"prefix": "..."}',
      operand,
      '{"anything-but": {"prefix": "abc"}}',
    );
    return undefined;
  }
  const inner = operand[form];
  if (form === 'prefix') {
    if (typeof inner === 'string') return { kind: 'anything-but-prefix', value: inner };
    reportOperandType(
      sink,
      [...path, form],
      'anything-but.prefix',
      'a string',
      inner,
      '{"anything-but": {"prefix": "abc"}}',
    );
    return undefined;
  }
  if (ANYTHING_BUT_UNSUPPORTED_FORMS.includes(form)) {
    reportUnsupported(
      sink,
      [...path, form],
      `{"anything-but": {"${form}": ...}}`,
      'use {"anything-but": {"prefix": ...}} or list the excluded values',
    );
    return undefined;
  }
  sink.error(
    'filter-policy-unknown-operator',
    [...path, form],
    `"anything-but" does not take the operator "${form}"; it takes a value, a list, or {"prefix": ...}`,
    unknownOperatorHint(form, ['prefix']),
  );
  return undefined;
}

function parseExists(operand: unknown, path: DocumentPath, sink: DiagnosticSink): Pattern | undefined {
  if (typeof operand === 'boolean') return { kind: 'exists', value: operand };
  reportOperandType(sink, path, 'exists', 'a boolean', operand, '{"exists": true}');
  return undefined;
}

function parseCidrOperand(operand: unknown, path: DocumentPath, sink: DiagnosticSink): Pattern | undefined {
  if (typeof operand !== 'string') {
    reportOperandType(sink, path, 'cidr', 'a string', operand, '{"cidr": "10.0.0.0/24"}');
    return undefined;
  }
  const parsed = parseCidr(operand);
  if (parsed.ok) return { kind: 'cidr', network: parsed.network };
  sink.error(
    'filter-policy-invalid-cidr',
    path,
    `"cidr" value ${JSON.stringify(operand)} is not a CIDR block SNS accepts: ${parsed.problem}`,
    'write an address and mask bits, e.g. "10.0.0.0/24"; to match one address, use the address as a plain string',
  );
  return undefined;
}

/** An operator object `{op: operand}`; `path` is the path of the object inside the value array. */
function parseOperatorObject(
  entry: JsonObject,
  path: DocumentPath,
  sink: DiagnosticSink,
): Pattern | undefined {
  const keys = Object.keys(entry);
  if (keys.length === 0) {
    sink.error(
      'filter-policy-empty-object',
      path,
      'match entry is an empty object, but SNS does not allow empty objects',
      'write an operator such as {"prefix": "..."}, or remove the entry (and the key, if it was its only entry)',
    );
    return undefined;
  }
  if (keys.length > 1) {
    sink.error(
      'filter-policy-multiple-operators',
      path,
      `match entry has ${keys.length} keys (${keys.join(', ')}), but SNS allows exactly one operator per object`,
      'put each operator in its own object in the array; entries of one array are ORed',
    );
    return undefined;
  }
  const [operator = ''] = keys;
  const operand = entry[operator];
  const operandPath = [...path, operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return parseStringOperand(operator, operand, operandPath, sink);
    case 'anything-but':
      return parseAnythingBut(operand, operandPath, sink);
    case 'numeric': {
      const comparisons = parseNumericOperand(operand, operandPath, sink);
      return comparisons === undefined ? undefined : { kind: 'numeric', comparisons };
    }
    case 'exists':
      return parseExists(operand, operandPath, sink);
    case 'cidr':
      return parseCidrOperand(operand, operandPath, sink);
  }
  if (EVENT_RULER_ONLY_OPERATORS.includes(operator)) {
    reportUnsupported(sink, operandPath, `"${operator}"`, 'use prefix, suffix or an explicit list of values');
    return undefined;
  }
  sink.error(
    'filter-policy-unknown-operator',
    operandPath,
    `unknown operator "${operator}"; SNS knows ${SNS_OPERATORS.join(', ')}`,
    unknownOperatorHint(operator, SNS_OPERATORS),
  );
  return undefined;
}

/**
 * One entry of a key's value array: a string, a number, true, false, null, or a one-key operator object
 * ("Filter policy constraints": strings, numbers and the keywords true, false and null). `path` is the
 * entry's own path, e.g. ['price', 0].
 */
export function parseMatchEntry(
  entry: unknown,
  path: DocumentPath,
  sink: DiagnosticSink,
): Pattern | undefined {
  if (typeof entry === 'string') return { kind: 'exact-string', value: entry };
  if (typeof entry === 'number') {
    return checkPolicyNumber(entry, path, sink) ? { kind: 'exact-number', value: entry } : undefined;
  }
  if (typeof entry === 'boolean' || entry === null) return { kind: 'literal', value: entry };
  if (isPlainObject(entry)) return parseOperatorObject(entry, path, sink);
  sink.error(
    'filter-policy-match-value-type',
    path,
    `match value must be a string, number, true, false, null or an operator object, but got ${describeValue(entry)}`,
    'flatten the list: every entry of a key array is one alternative',
  );
  return undefined;
}
