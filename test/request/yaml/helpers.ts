import { expect } from 'vitest';
import type { Diagnostic, LoadCode } from '../../../lib/diagnostics';
import { parseYaml } from '../../../lib/request/yaml';
import type { ParseYamlResult, YamlLimits } from '../../../lib/request/yaml';

export const FILE = 'requests/sample.yaml';

/** A request file in the shape of the bundled examples, written in block and flow style. */
export const SAMPLE_REQUEST = `# A request for the orders team.
team: orders
owner: orders-team@example.com
topics:
  order-events:
    description: Order lifecycle events, one message per state change.
    events:
      - orders.v1.OrderCreated
      - orders.v1.OrderShipped
    publishers: [arn:aws:iam::111111111111:role/orders-api, "arn:aws:iam::999999999999:role/orders-api"]
  order-ledger:
    fifo: true
    notes: |
      Strictly ordered per order id.
      Keep messages small.
queues:
  payment-results: {visibilityTimeout: 1m, subscriptions: [{topic: payments/payment-events, events: [a, b]}]}
  audit:
    maxReceiveCount: 5
`;

const encoder = new TextEncoder();

export function parseText(text: string, limits?: Partial<YamlLimits>): ParseYamlResult {
  return parseYaml(FILE, encoder.encode(text), limits);
}

export interface Found {
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

export function found(diagnostics: readonly Diagnostic[]): Found[] {
  return diagnostics.map(({ code, line, column }) => ({ code, line, column }));
}

/** Asserts the file was rejected and that the first diagnostic is this one. */
export function expectFirstProblem(
  result: ParseYamlResult,
  code: LoadCode,
  line: number,
  column: number,
): Diagnostic {
  expect(result.document).toBeUndefined();
  const [first] = result.diagnostics;
  expect(
    first === undefined ? undefined : { code: first.code, line: first.line, column: first.column },
  ).toEqual({
    code,
    line,
    column,
  });
  return first as Diagnostic;
}

/** Asserts the file was rejected with exactly this one diagnostic, which has a message and a hint. */
export function expectOnlyProblem(
  result: ParseYamlResult,
  code: LoadCode,
  line: number,
  column: number,
): Diagnostic {
  expect(found(result.diagnostics)).toEqual([{ code, line, column }]);
  const diagnostic = expectFirstProblem(result, code, line, column);
  expect(diagnostic.severity).toBe('error');
  expect(diagnostic.file).toBe(FILE);
  expect(diagnostic.message.length).toBeGreaterThan(20);
  expect(diagnostic.hint?.length ?? 0).toBeGreaterThan(10);
  return diagnostic;
}

/** Whether the reader refuses `text` as nested deeper than `maxDepth`. */
export function isTooDeep(text: string, maxDepth: number): boolean {
  return parseText(text, { maxDepth }).diagnostics.some(({ code }) => code === 'yaml-nesting-too-deep');
}

/** Asserts the reader measures `text` as nested exactly `depth` levels: refused one level below, not at it. */
export function expectNesting(text: string, depth: number): void {
  expect(isTooDeep(text, depth)).toBe(false);
  // A limit below 1 is raised to 1, so a depth of 1 has no lower limit to refuse it.
  if (depth > 1) {
    expect(isTooDeep(text, depth - 1)).toBe(true);
  }
}
