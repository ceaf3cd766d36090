import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument } from 'yaml';
import { resolveCoreScalar } from '../../../lib/request/yaml/core-schema';
import { yieldingProperty } from '../../support/event-loop';

/**
 * What yaml makes of `text` written as a plain scalar, with the options parse.ts reads files with:
 * undefined when yaml does not read it as one plain scalar without an error.
 */
function yamlReading(text: string): { value: unknown } | undefined {
  const document = parseDocument(`key: ${text}`, {
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
    intAsBigInt: false,
  });
  const node = document.get('key', true);
  if (document.errors.length > 0 || !isScalar(node) || node.type !== 'PLAIN') return undefined;
  return { value: node.value };
}

/** What the core schema's table says `text` is, in yaml's terms: text stays text. */
function tableReading(text: string): unknown {
  const resolved = resolveCoreScalar(text);
  return resolved === undefined ? text : resolved.value;
}

/** Every form of YAML 1.2.2 §10.3.2, and texts one character away from one. */
const FORMS = [
  ...['~', 'null', 'Null', 'NULL', 'nULL', 'nulls', '~x'],
  ...['true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fALSE', 'True1', 'yes', 'on'],
  ...['0', '-0', '+0', '007', '-017', '+5', '12', '99999999999999999999', '1_000', '12:30'],
  ...['0o17', '0o8', '0O17', '0o', '-0o17', '0x1F', '0xff', '0X1F', '0x', '0xg', '-0x1F', '+0x1'],
  ...['0b101', '.inf', '-.inf', '+.inf', '.Inf', '-.INF', '.iNF', '.nan', '.NaN', '.NAN', '-.nan'],
  ...['1.5', '1.50', '.5', '-.5', '+.5', '5.', '1.', '1e3', '1E+3', '-1.5e-3', '5.e2', '.5e1'],
  ...['1e', 'e3', '1.2.3', '.', '+', '-1-', '1e400', '0.0', '-0.0', '1,5'],
];

describe("the core schema's table", () => {
  it.each(FORMS)('reads %s as yaml does', (text) => {
    const read = yamlReading(text);
    expect(read, `yaml reads ${text} as a plain scalar`).toBeDefined();
    expect(tableReading(text)).toStrictEqual(read?.value);
  });

  it('reads every short plain scalar of digits, signs, dots and letters of the forms as yaml does', async () => {
    const scalar = fc.stringMatching(/^[-+.~0-9a-fA-FoOxXeEnNiIlLtTrRuUsS]{1,8}$/);
    let compared = 0;
    await fc.assert(
      yieldingProperty(scalar, (text) => {
        const read = yamlReading(text);
        if (read === undefined) return;
        compared += 1;
        expect(tableReading(text), text).toStrictEqual(read.value);
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(2000);
  });
});
