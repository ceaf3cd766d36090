import { describe, expect, it } from 'vitest';
import {
  filterPolicyComplexity,
  validateFilterPolicy,
  type FilterPolicyCode,
  type FilterPolicyScope,
} from '../../lib/filter-policy';

const A: FilterPolicyScope = 'MessageAttributes';
const B: FilterPolicyScope = 'MessageBody';
const $or = '$or';

const errorsOf = (policy: unknown, scope: FilterPolicyScope) =>
  validateFilterPolicy(policy, scope).filter((diagnostic) => diagnostic.severity === 'error');

const values = (count: number, prefix = 'v') =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

interface InvalidCase {
  readonly name: string;
  readonly policy: unknown;
  readonly scope: FilterPolicyScope;
  readonly code: FilterPolicyCode;
  readonly path: readonly (string | number)[];
}

const invalid = (
  name: string,
  policy: unknown,
  code: FilterPolicyCode,
  path: readonly (string | number)[],
  scope: FilterPolicyScope = A,
): InvalidCase => ({ name, policy, scope, code, path });

const RECORDED_152_POLICY = {
  source: ['aws.cloudwatch', 'aws.events', 'aws.test', 'aws.test2'],
  [$or]: [
    { metricName: ['CPUUtilization', 'ReadLatency', 't1', 't2', 't3', 't4'] },
    {
      metricType: ['MetricType', 'TestType', 'TestType2', 'TestType3'],
      [$or]: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4] }],
    },
  ],
};
const RECORDED_150_POLICY = {
  source: ['aws.cloudwatch', 'aws.events', 'aws.test'],
  [$or]: [
    { metricName: ['CPUUtilization', 'ReadLatency', 'v3', 'v4', 'v5', 'v6'] },
    {
      metricType: ['MetricType', 'TestType', 'TestType2', 'TestType3'],
      [$or]: [{ metricId: [1234, 4321, 5678, 9012] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }],
    },
  ],
};
const RECORDED_160_POLICY = {
  [$or]: [
    { metricName: ['CPUUtilization', 'ReadLatency', 'TestValue'] },
    { namespace: ['AWS/EC2', 'AWS/ES'] },
  ],
  detail: {
    scope: ['Service', 'Test'],
    [$or]: [
      { source: ['aws.cloudwatch'] },
      { type: ['CloudWatch Alarm State Change', 'TestValue', 'TestValue2'] },
    ],
  },
};
const RECORDED_216_POLICY = {
  key_a: { key_b: { key_c: ['value_one', 'value_two', 'value_three', 'value_four'] } },
  key_d: { key_e: ['value_one', 'value_two', 'value_three'] },
  key_f: ['value_one', 'value_two', 'value_three'],
};
/** "Filter policy constraints", payload-based example: 3 x 4 x 2 x 3 = 72. */
const DOCUMENTED_72_POLICY = {
  key_a: { key_b: { key_c: ['value_one', 'value_two', 'value_three', 'value_four'] } },
  key_d: { key_e: ['value_one', 'value_two', 'value_three'] },
};
/** "Filter policy constraints", common example: 3 x 1 x 2 = 6. */
const DOCUMENTED_6_POLICY = {
  key_a: ['value_one', 'value_two', 'value_three'],
  key_b: ['value_one'],
  key_c: ['value_one', 'value_two'],
};

const invalidCases: InvalidCase[] = [
  // Document shape.
  invalid('policy is an array', [{ a: ['x'] }], 'filter-policy-not-object', []),
  invalid('policy is a JSON string', '{"a":["x"]}', 'filter-policy-not-object', []),
  invalid('policy is null', null, 'filter-policy-not-object', []),
  invalid('policy is undefined', undefined, 'filter-policy-not-object', []),
  invalid('policy is an empty object', {}, 'filter-policy-empty-object', []),
  invalid('a value JSON cannot hold (undefined)', { a: undefined }, 'filter-policy-not-json', ['a']),
  invalid('a value JSON cannot hold (NaN)', { a: ['x', Number.NaN] }, 'filter-policy-not-json', ['a', 1]),
  invalid('a value JSON cannot hold (Date)', { a: [new Date(0)] }, 'filter-policy-not-json', ['a', 0]),
  invalid('over 256 KB of JSON', { a: ['x'.repeat(256 * 1024)] }, 'filter-policy-too-large', []),
  invalid('invalid scope', { a: ['x'] }, 'filter-policy-invalid-scope', [], 'Body' as FilterPolicyScope),
  // Key values.
  invalid('value is a string, not an array', { key_a: 'value_one' }, 'filter-policy-value-not-array', [
    'key_a',
  ]),
  invalid('value is a number', { a: 5 }, 'filter-policy-value-not-array', ['a']),
  invalid('value is null', { a: null }, 'filter-policy-value-not-array', ['a']),
  invalid('empty value array', { a: [] }, 'filter-policy-empty-array', ['a']),
  invalid('empty nested array (body)', { a: { b: [] } }, 'filter-policy-empty-array', ['a', 'b'], B),
  invalid('empty nested object (body)', { a: {} }, 'filter-policy-empty-object', ['a'], B),
  invalid('nested object in attribute scope', { a: { b: ['x'] } }, 'filter-policy-nested-in-attributes', [
    'a',
  ]),
  invalid(
    'operator without array (attributes)',
    { a: { prefix: 'x' } },
    'filter-policy-nested-in-attributes',
    ['a'],
  ),
  invalid(
    'operator without array (body)',
    { a: { suffix: 'x' } },
    'filter-policy-value-not-array',
    ['a', 'suffix'],
    B,
  ),
  invalid(
    'two operators without array (body)',
    { a: { suffix: 'x', prefix: 'y' } },
    'filter-policy-value-not-array',
    ['a', 'suffix'],
    B,
  ),
  // Match entries.
  invalid('array inside the value array', { key: [['value']] }, 'filter-policy-match-value-type', ['key', 0]),
  invalid('empty operator object', { a: [{}] }, 'filter-policy-empty-object', ['a', 0]),
  invalid(
    'two operators in one object',
    { key: [{ suffix: 'value', prefix: 'value2' }] },
    'filter-policy-multiple-operators',
    ['key', 0],
  ),
  invalid('unknown operator', { key: [{ 'wrong-operator': true }] }, 'filter-policy-unknown-operator', [
    'key',
    0,
    'wrong-operator',
  ]),
  invalid(
    'unknown operator after a valid one',
    { a: [{ numeric: ['=', 5] }, { prefx: 'x' }] },
    'filter-policy-unknown-operator',
    ['a', 1, 'prefx'],
  ),
  invalid(
    'wildcard is not an SNS operator',
    { a: [{ wildcard: 'x*' }] },
    'filter-policy-unsupported-operator',
    ['a', 0, 'wildcard'],
  ),
  invalid(
    'anything-but suffix',
    { key: [{ 'anything-but': { suffix: 'test' } }] },
    'filter-policy-unsupported-operator',
    ['key', 0, 'anything-but', 'suffix'],
  ),
  invalid(
    'anything-but equals-ignore-case',
    { a: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] },
    'filter-policy-unsupported-operator',
    ['a', 0, 'anything-but', 'equals-ignore-case'],
  ),
  invalid(
    'anything-but wildcard',
    { a: [{ 'anything-but': { wildcard: 'x*' } }] },
    'filter-policy-unsupported-operator',
    ['a', 0, 'anything-but', 'wildcard'],
  ),
  invalid(
    'prefix with nested equals-ignore-case',
    { a: [{ prefix: { 'equals-ignore-case': 'x' } }] },
    'filter-policy-unsupported-operator',
    ['a', 0, 'prefix', 'equals-ignore-case'],
  ),
  invalid(
    'suffix with nested equals-ignore-case',
    { a: [{ suffix: { 'equals-ignore-case': 'x' } }] },
    'filter-policy-unsupported-operator',
    ['a', 0, 'suffix', 'equals-ignore-case'],
  ),
  // Operands.
  invalid('suffix with a number', { key: [{ suffix: 100 }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'suffix',
  ]),
  invalid('suffix with null', { key: [{ suffix: null }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'suffix',
  ]),
  invalid('suffix with an empty list', { key: [{ suffix: [] }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'suffix',
  ]),
  invalid('suffix with a list', { key: [{ suffix: ['test', 'test2'] }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'suffix',
  ]),
  invalid('prefix with a boolean', { a: [{ prefix: true }] }, 'filter-policy-operand-type', [
    'a',
    0,
    'prefix',
  ]),
  invalid(
    'equals-ignore-case with a number',
    { a: [{ 'equals-ignore-case': 5 }] },
    'filter-policy-operand-type',
    ['a', 0, 'equals-ignore-case'],
  ),
  invalid('exists with null', { key: [{ exists: null }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'exists',
  ]),
  invalid('exists with a string', { key: [{ exists: 'no' }] }, 'filter-policy-operand-type', [
    'key',
    0,
    'exists',
  ]),
  invalid(
    'anything-but with exists inside',
    { key: [{ 'anything-but': { exists: false } }] },
    'filter-policy-unknown-operator',
    ['key', 0, 'anything-but', 'exists'],
  ),
  invalid(
    'anything-but with an unknown operator inside',
    { key: [{ 'anything-but': { 'wrong-operator': null } }] },
    'filter-policy-unknown-operator',
    ['key', 0, 'anything-but', 'wrong-operator'],
  ),
  invalid(
    'anything-but prefix with a boolean',
    { key: [{ 'anything-but': { prefix: false } }] },
    'filter-policy-operand-type',
    ['key', 0, 'anything-but', 'prefix'],
  ),
  invalid(
    'anything-but with two operators inside',
    { a: [{ 'anything-but': { prefix: 'x', suffix: 'y' } }] },
    'filter-policy-operand-type',
    ['a', 0, 'anything-but'],
  ),
  invalid('anything-but with an empty list', { a: [{ 'anything-but': [] }] }, 'filter-policy-empty-array', [
    'a',
    0,
    'anything-but',
  ]),
  invalid(
    'anything-but with a mixed list',
    { a: [{ 'anything-but': ['x', 1] }] },
    'filter-policy-operand-type',
    ['a', 0, 'anything-but', 1],
  ),
  invalid(
    'anything-but with a list of null',
    { a: [{ 'anything-but': [null] }] },
    'filter-policy-operand-type',
    ['a', 0, 'anything-but', 0],
  ),
  invalid('anything-but with true', { a: [{ 'anything-but': true }] }, 'filter-policy-operand-type', [
    'a',
    0,
    'anything-but',
  ]),
  // cidr.
  invalid('cidr with a number', { ip: [{ cidr: 10 }] }, 'filter-policy-operand-type', ['ip', 0, 'cidr']),
  invalid('cidr without a mask', { ip: [{ cidr: '10.0.0.0' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr with two slashes', { ip: [{ cidr: '10.0.0.0/24/8' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr mask not an integer', { ip: [{ cidr: '10.0.0.0/x' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr mask negative', { ip: [{ cidr: '10.0.0.0/-1' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr IP out of range', { ip: [{ cidr: '10.0.0.256/24' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr IP with a leading zero', { ip: [{ cidr: '010.0.0.0/8' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr IPv4 mask above 32', { ip: [{ cidr: '10.0.0.0/33' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr IPv6 mask above 128', { ip: [{ cidr: '2001:db8::/129' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  invalid('cidr IPv6 with a zone id', { ip: [{ cidr: 'fe80::1%eth0/64' }] }, 'filter-policy-invalid-cidr', [
    'ip',
    0,
    'cidr',
  ]),
  // numeric.
  invalid('numeric not an array', { key: [{ numeric: '5' }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
  ]),
  invalid('numeric empty', { key: [{ numeric: [] }] }, 'filter-policy-numeric', ['key', 0, 'numeric']),
  invalid('numeric unknown operator', { key: [{ numeric: ['operator'] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
    0,
  ]),
  invalid('numeric value before operator', { key: [{ numeric: [1, '<='] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
    0,
  ]),
  invalid('numeric value is a string', { key: [{ numeric: ['=', '000'] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
    1,
  ]),
  invalid('numeric value missing', { key: [{ numeric: ['>='] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
  ]),
  invalid(
    'numeric range in the wrong order',
    { key: [{ numeric: ['<', 100, '>', 10] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 0],
  ),
  invalid(
    'numeric range with two lower bounds',
    { key: [{ numeric: ['>=', 1, '>', 2] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 2],
  ),
  invalid(
    'numeric range bottom above top',
    { key: [{ numeric: ['>', 3, '<', 1] }] },
    'filter-policy-numeric-range',
    ['key', 0, 'numeric'],
  ),
  invalid(
    'numeric range bottom equals top',
    { key: [{ numeric: ['>=', 3, '<=', 3] }] },
    'filter-policy-numeric-range',
    ['key', 0, 'numeric'],
  ),
  invalid('numeric range value missing', { key: [{ numeric: ['>', 20, '<='] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
  ]),
  invalid('numeric range operator missing', { key: [{ numeric: ['>', 20, 30] }] }, 'filter-policy-numeric', [
    'key',
    0,
    'numeric',
    2,
  ]),
  invalid(
    'numeric range operator is a word',
    { key: [{ numeric: ['>', 20, 'test'] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 2],
  ),
  invalid(
    'numeric range first value a string',
    { key: [{ numeric: ['>', '20', '<', '30'] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 1],
  ),
  invalid(
    'numeric range second value a string',
    { key: [{ numeric: ['>', 20, '<', '30'] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 3],
  ),
  invalid(
    'numeric range with too many terms',
    { key: [{ numeric: ['>', 20, '<', 30, '<', 50] }] },
    'filter-policy-numeric',
    ['key', 0, 'numeric', 4],
  ),
  // Number range.
  invalid(
    'numeric operand above 1e9',
    { a: [{ numeric: ['=', 2e9] }] },
    'filter-policy-number-out-of-range',
    ['a', 0, 'numeric', 1],
  ),
  invalid('bare number above 1e9', { a: [2_000_000_000] }, 'filter-policy-number-out-of-range', ['a', 0]),
  invalid('bare number below -1e9', { a: ['x', -1_000_000_001] }, 'filter-policy-number-out-of-range', [
    'a',
    1,
  ]),
  invalid(
    'anything-but number above 1e9',
    { a: [{ 'anything-but': [5, 2e9] }] },
    'filter-policy-number-out-of-range',
    ['a', 0, 'anything-but', 1],
  ),
  // $or.
  invalid('$or with one branch', { [$or]: [{ a: ['x'] }] }, 'filter-policy-or', ['$or']),
  invalid('$or with no branch', { [$or]: [] }, 'filter-policy-or', ['$or']),
  invalid('$or is an object', { [$or]: { a: ['x'] } }, 'filter-policy-or', ['$or']),
  invalid('$or of strings', { [$or]: ['a', 'b'] }, 'filter-policy-or', ['$or', 0]),
  invalid('$or branch not an object', { [$or]: [{ a: ['x'] }, 'b'] }, 'filter-policy-or', ['$or', 1]),
  invalid('$or branch empty', { [$or]: [{ a: ['x'] }, {}] }, 'filter-policy-empty-object', ['$or', 1]),
  invalid(
    '$or branch nested in attribute scope',
    { [$or]: [{ a: ['x'] }, { b: { c: ['y'] } }] },
    'filter-policy-nested-in-attributes',
    ['$or', 1, 'b'],
  ),
  invalid(
    'nested $or with one branch (body)',
    { d: { [$or]: [{ a: ['x'] }] } },
    'filter-policy-or',
    ['d', '$or'],
    B,
  ),
  invalid(
    'bad entry inside a $or branch',
    { [$or]: [{ a: ['x'] }, { b: [{ exists: 1 }] }] },
    'filter-policy-operand-type',
    ['$or', 1, 'b', 0, 'exists'],
  ),
  // Limits.
  invalid(
    'six keys (attributes)',
    { k1: ['1'], k2: ['2'], k3: ['3'], k4: ['4'], k5: ['5'], k6: ['6'] },
    'filter-policy-too-many-keys',
    [],
  ),
  invalid(
    'six top-level keys (body)',
    { k1: ['1'], k2: ['2'], k3: ['3'], k4: ['4'], k5: ['5'], k6: ['6'] },
    'filter-policy-too-many-keys',
    [],
    B,
  ),
  invalid('151 values in one key', { key: values(151) }, 'filter-policy-too-complex', []),
  invalid('100 x 51 values', { key1: values(100), key2: values(51) }, 'filter-policy-too-complex', []),
  invalid('recorded flat $or, complexity 152', RECORDED_152_POLICY, 'filter-policy-too-complex', []),
  invalid('recorded nested $or, complexity 160', RECORDED_160_POLICY, 'filter-policy-too-complex', [], B),
  invalid(
    'recorded nested body policy, complexity 216',
    RECORDED_216_POLICY,
    'filter-policy-too-complex',
    [],
    B,
  ),
];

describe('validateFilterPolicy: invalid policies', () => {
  it('has a large table of cases with unique names', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(invalidCases.map((testCase) => testCase.name)).size).toBe(invalidCases.length);
  });

  it.each(invalidCases)('$name -> $code', ({ policy, scope, code, path }) => {
    const errors = errorsOf(policy, scope);
    expect(errors.map((error) => ({ code: error.code, path: error.path }))).toContainEqual({ code, path });
    for (const error of errors) {
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.hint?.length ?? 0).toBeGreaterThan(0);
    }
  });
});

const validCases: [string, unknown, FilterPolicyScope][] = [
  [
    'the guide accepting policy',
    { store: ['example_corp'], event: [{ 'anything-but': 'order_cancelled' }] },
    A,
  ],
  [
    'the guide rejecting policy',
    { store: ['example_corp'], event: ['order_cancelled'], encrypted: [false] },
    A,
  ],
  [
    'every SNS operator',
    { a: ['x', 1, true, false, null, { prefix: 'p' }, { suffix: 's' }, { 'equals-ignore-case': 'E' }] },
    A,
  ],
  [
    'anything-but forms',
    {
      a: [
        { 'anything-but': 'x' },
        { 'anything-but': 5 },
        { 'anything-but': ['x', 'y'] },
        { 'anything-but': [1, 2] },
        { 'anything-but': { prefix: 'p' } },
      ],
    },
    A,
  ],
  [
    'numeric forms',
    {
      a: [
        { numeric: ['=', 301.5] },
        { numeric: ['<', 0] },
        { numeric: ['>', 0, '<=', 150] },
        { numeric: ['>=', -1e9, '<', 1e9] },
      ],
    },
    A,
  ],
  [
    'exists and cidr',
    {
      a: [{ exists: true }],
      b: [{ exists: false }],
      c: [{ cidr: '10.0.0.0/24' }, { cidr: '2001:db8::/32' }, { cidr: '0.0.0.0/0' }],
    },
    A,
  ],
  ['five keys', { k1: ['1'], k2: ['2'], k3: ['3'], k4: ['4'], k5: ['5'] }, A],
  ['150 values in one key', { key: values(150) }, A],
  ['recorded $or policy, complexity 150', RECORDED_150_POLICY, A],
  ['documented nested policy, complexity 72', DOCUMENTED_72_POLICY, B],
  ['documented flat policy, complexity 6', DOCUMENTED_6_POLICY, A],
  ['nested objects in body scope', { a: { b: { c: ['x'] } }, d: ['y'] }, B],
  [
    '$or in body scope, nested',
    { [$or]: [{ a: ['1'] }, { b: ['2'] }], c: { [$or]: [{ d: ['3'] }, { e: { f: ['4'] } }] } },
    B,
  ],
  ['dotted keys', { 'a.b': ['x'], 'c.d.e': [{ exists: true }] }, B],
  [
    'prototype-looking keys are ordinary keys',
    JSON.parse('{"__proto__": ["x"], "constructor": ["y"], "toString": [1]}'),
    A,
  ],
  ['an empty string key and value', { '': [''] }, A],
];

describe('validateFilterPolicy: valid policies', () => {
  it.each(validCases)('%s', (_name, policy, scope) => {
    expect(errorsOf(policy, scope)).toEqual([]);
  });

  it('warns about digits past the fifth decimal place, without rejecting', () => {
    const diagnostics = validateFilterPolicy({ a: [{ numeric: ['>', 0.000001] }] }, A);
    expect(diagnostics.map(({ code, severity, path }) => ({ code, severity, path }))).toEqual([
      { code: 'filter-policy-number-precision', severity: 'warning', path: ['a', 0, 'numeric', 1] },
    ]);
  });
});

describe('complexity', () => {
  it.each([
    ['documented common example', DOCUMENTED_6_POLICY, 6],
    ['documented payload example', DOCUMENTED_72_POLICY, 72],
    ['recorded flat $or, rejected', RECORDED_152_POLICY, 152],
    ['recorded flat $or, accepted', RECORDED_150_POLICY, 150],
    ['recorded nested $or, rejected', RECORDED_160_POLICY, 160],
    ['recorded nested body policy, rejected', RECORDED_216_POLICY, 216],
  ])('%s is %i', (_name, policy, expected) => {
    expect(filterPolicyComplexity(policy)).toBe(expected);
  });

  it('accepts 150 and rejects 152, 160 and 216 as AWS did', () => {
    expect(errorsOf(RECORDED_150_POLICY, A)).toEqual([]);
    expect(errorsOf(RECORDED_152_POLICY, A).map((error) => error.code)).toEqual([
      'filter-policy-too-complex',
    ]);
    expect(errorsOf(RECORDED_160_POLICY, B).map((error) => error.code)).toEqual([
      'filter-policy-too-complex',
    ]);
    expect(errorsOf(RECORDED_216_POLICY, B).map((error) => error.code)).toEqual([
      'filter-policy-too-complex',
    ]);
  });

  it('counts entries, not distinct values, and operator objects as entries', () => {
    expect(
      filterPolicyComplexity({ a: ['x', 'x', { prefix: 'y' }], b: [{ numeric: ['>', 1, '<', 2] }] }),
    ).toBe(3);
  });

  it('is 0 for something that is not a policy', () => {
    expect(filterPolicyComplexity([1, 2])).toBe(0);
  });
});

describe('diagnostic wording', () => {
  it('says what is wrong, the constraint and the value given, and how to fix it', () => {
    const [error] = errorsOf({ k1: ['1'], k2: ['2'], k3: ['3'], k4: ['4'], k5: ['5'], k6: ['6'] }, A);
    expect(error?.message).toMatch(
      /^filter policy has 6 keys, but SNS allows at most 5 \(MessageAttributes scope/,
    );
    expect(error?.hint).toMatch(/^remove one key and check its condition in the consumer instead/);
  });

  it('stops at an absurd nesting depth instead of overflowing the stack', () => {
    let policy: unknown = ['x'];
    for (let level = 0; level < 5000; level += 1) policy = { a: policy };
    const errors = errorsOf(policy, B);
    expect(errors.map((error) => error.code)).toEqual(['filter-policy-too-deep']);
    expect(errors[0]?.path.every((segment) => segment === 'a')).toBe(true);
  });
});
