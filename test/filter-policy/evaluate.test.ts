import { describe, expect, it } from 'vitest';
import {
  evaluateFilterPolicy,
  explainFilterPolicy,
  type FilterMessage,
  type FilterMessageAttribute,
  type FilterPolicyScope,
} from '../../lib/filter-policy';
import {
  attrs,
  bin,
  body,
  INSURANCE_ATTRIBUTES,
  INSURANCE_BODY,
  list,
  num,
  rawBody,
  rawList,
  str,
} from './messages';

interface Case {
  readonly name: string;
  readonly policy: unknown;
  readonly message: FilterMessage;
  readonly scope: FilterPolicyScope;
  readonly expected: boolean;
}

const A: FilterPolicyScope = 'MessageAttributes';
const B: FilterPolicyScope = 'MessageBody';

function attributeCase(name: string, policy: unknown, message: FilterMessage, expected: boolean): Case {
  return { name: `[attributes] ${name}`, policy, message, scope: A, expected };
}

function bodyCase(name: string, policy: unknown, message: FilterMessage, expected: boolean): Case {
  return { name: `[body] ${name}`, policy, message, scope: B, expected };
}

/**
 * The developer guide shows most examples twice: as a message attribute and as a body property.
 * `attribute` is the attribute form, `bodyValue` the JSON value of the body property.
 */
function bothScopes(
  name: string,
  key: string,
  policyValue: unknown[],
  attribute: FilterMessageAttribute,
  bodyValue: unknown,
  expected: boolean,
): Case[] {
  const policy = { [key]: policyValue };
  return [
    attributeCase(name, policy, attrs({ [key]: attribute }), expected),
    bodyCase(name, policy, body({ [key]: bodyValue }), expected),
  ];
}

// --- SNS Developer Guide, "Example filter policies" (the insurance-quote message) -------------------------

const ACCEPTING_POLICY = {
  store: ['example_corp'],
  event: [{ 'anything-but': 'order_cancelled' }],
  customer_interests: ['rugby', 'football', 'baseball'],
  price_usd: [{ numeric: ['>=', 100] }],
};
const REJECTING_POLICY = {
  store: ['example_corp'],
  event: ['order_cancelled'],
  encrypted: [false],
  customer_interests: ['basketball', 'baseball'],
};

const insuranceCases: Case[] = [
  ...[
    ['the accepting policy', ACCEPTING_POLICY, true],
    ['the rejecting policy', REJECTING_POLICY, false],
    ['store: [example_corp]', { store: ['example_corp'] }, true],
    ['event: anything-but order_cancelled', { event: [{ 'anything-but': 'order_cancelled' }] }, true],
    [
      'customer_interests: any of rugby/football/baseball',
      { customer_interests: ['rugby', 'football', 'baseball'] },
      true,
    ],
    ['price_usd >= 100', { price_usd: [{ numeric: ['>=', 100] }] }, true],
    ['event: [order_cancelled]', { event: ['order_cancelled'] }, false],
    ['encrypted: [false] (key absent)', { encrypted: [false] }, false],
    ['customer_interests: basketball/baseball', { customer_interests: ['basketball', 'baseball'] }, false],
    ['customer_interests: [hockey] (last array element)', { customer_interests: ['hockey'] }, true],
    ['price_usd = 210.75', { price_usd: [{ numeric: ['=', 210.75] }] }, true],
    ['price_usd > 210.75', { price_usd: [{ numeric: ['>', 210.75] }] }, false],
    ['store: [Example_Corp] (case-sensitive)', { store: ['Example_Corp'] }, false],
  ].flatMap(([name, policy, expected]) => [
    attributeCase(`insurance example: ${String(name)}`, policy, INSURANCE_ATTRIBUTES, expected === true),
    bodyCase(`insurance example: ${String(name)}`, policy, INSURANCE_BODY, expected === true),
  ]),
];

// --- SNS Developer Guide, "String value matching" --------------------------------------------------------

const ci = 'customer_interests';
const stringCases: Case[] = [
  ...bothScopes('exact: rugby in [rugby, tennis]', ci, ['rugby', 'tennis'], str('rugby'), 'rugby', true),
  ...bothScopes('exact: tennis in [rugby, tennis]', ci, ['rugby', 'tennis'], str('tennis'), 'tennis', true),
  ...bothScopes(
    'exact: baseball not in [rugby, tennis]',
    ci,
    ['rugby', 'tennis'],
    str('baseball'),
    'baseball',
    false,
  ),
  ...bothScopes('prefix bas: baseball', ci, [{ prefix: 'bas' }], str('baseball'), 'baseball', true),
  ...bothScopes('prefix bas: basketball', ci, [{ prefix: 'bas' }], str('basketball'), 'basketball', true),
  ...bothScopes('prefix bas: rugby', ci, [{ prefix: 'bas' }], str('rugby'), 'rugby', false),
  ...bothScopes(
    'anything-but [rugby, tennis]: baseball',
    ci,
    [{ 'anything-but': ['rugby', 'tennis'] }],
    str('baseball'),
    'baseball',
    true,
  ),
  ...bothScopes(
    'anything-but [rugby, tennis]: football',
    ci,
    [{ 'anything-but': ['rugby', 'tennis'] }],
    str('football'),
    'football',
    true,
  ),
  ...bothScopes(
    'anything-but [rugby, tennis]: rugby',
    ci,
    [{ 'anything-but': ['rugby', 'tennis'] }],
    str('rugby'),
    'rugby',
    false,
  ),
  bodyCase(
    'anything-but [rugby, tennis]: body ["rugby"]',
    { [ci]: [{ 'anything-but': ['rugby', 'tennis'] }] },
    body({ [ci]: ['rugby'] }),
    false,
  ),
  attributeCase(
    'anything-but [rugby, tennis]: String.Array ["rugby","tennis"] (all denied)',
    { [ci]: [{ 'anything-but': ['rugby', 'tennis'] }] },
    attrs({ [ci]: list(['rugby', 'tennis']) }),
    false,
  ),
  // Not pinned: a String.Array or body array where only SOME elements are denied (["rugby","baseball"]).
  // The Dec 2022 guide says it matches, the current guide says it does not; see the reference, section 4.
  ...bothScopes(
    'anything-but prefix order-: data-entry',
    'event',
    [{ 'anything-but': { prefix: 'order-' } }],
    str('data-entry'),
    'data-entry',
    true,
  ),
  ...bothScopes(
    'anything-but prefix order-: order_number',
    'event',
    [{ 'anything-but': { prefix: 'order-' } }],
    str('order_number'),
    'order_number',
    true,
  ),
  ...bothScopes(
    'anything-but prefix order-: order-cancelled',
    'event',
    [{ 'anything-but': { prefix: 'order-' } }],
    str('order-cancelled'),
    'order-cancelled',
    false,
  ),
  ...bothScopes(
    'cidr 10.0.0.0/24: 10.0.0.0',
    'source_ip',
    [{ cidr: '10.0.0.0/24' }],
    str('10.0.0.0'),
    '10.0.0.0',
    true,
  ),
  ...bothScopes(
    'cidr 10.0.0.0/24: 10.0.0.255',
    'source_ip',
    [{ cidr: '10.0.0.0/24' }],
    str('10.0.0.255'),
    '10.0.0.255',
    true,
  ),
  ...bothScopes(
    'cidr 10.0.0.0/24: 10.1.1.0',
    'source_ip',
    [{ cidr: '10.0.0.0/24' }],
    str('10.1.1.0'),
    '10.1.1.0',
    false,
  ),
];

// --- SNS Developer Guide, "Numeric value matching" -------------------------------------------------------

const numericCases: Case[] = [
  ...bothScopes('= 301.5: 301.5', 'price_usd', [{ numeric: ['=', 301.5] }], num('301.5'), 301.5, true),
  attributeCase(
    '= 301.5: Number 3.015e2',
    { price_usd: [{ numeric: ['=', 301.5] }] },
    attrs({ price_usd: num('3.015e2') }),
    true,
  ),
  bodyCase(
    '= 301.5: body 3.015e2',
    { price_usd: [{ numeric: ['=', 301.5] }] },
    rawBody('{"price_usd": 3.015e2}'),
    true,
  ),
  ...bothScopes(
    'anything-but [100, 500]: 101',
    'price',
    [{ 'anything-but': [100, 500] }],
    num(101),
    101,
    true,
  ),
  ...bothScopes(
    'anything-but [100, 500]: 100.1',
    'price',
    [{ 'anything-but': [100, 500] }],
    num(100.1),
    100.1,
    true,
  ),
  ...bothScopes(
    'anything-but [100, 500]: 100',
    'price',
    [{ 'anything-but': [100, 500] }],
    num(100),
    100,
    false,
  ),
  ...bothScopes(
    'anything-but [100, 500]: 500',
    'price',
    [{ 'anything-but': [100, 500] }],
    num(500),
    500,
    false,
  ),
  bodyCase(
    'anything-but [100, 500]: body [100, 500] (all denied)',
    { price: [{ 'anything-but': [100, 500] }] },
    body({ price: [100, 500] }),
    false,
  ),
  ...bothScopes('< 0: -1', 'price_usd', [{ numeric: ['<', 0] }], num(-1), -1, true),
  ...bothScopes('< 0: -0.5', 'price_usd', [{ numeric: ['<', 0] }], num(-0.5), -0.5, true),
  ...bothScopes('< 0: 0', 'price_usd', [{ numeric: ['<', 0] }], num(0), 0, false),
  ...bothScopes('< 0: 7', 'price_usd', [{ numeric: ['<', 0] }], num(7), 7, false),
  ...bothScopes('> 0 <= 150: 150', 'price_usd', [{ numeric: ['>', 0, '<=', 150] }], num(150), 150, true),
  ...bothScopes('> 0 <= 150: 0.5', 'price_usd', [{ numeric: ['>', 0, '<=', 150] }], num(0.5), 0.5, true),
  ...bothScopes('> 0 <= 150: 0', 'price_usd', [{ numeric: ['>', 0, '<=', 150] }], num(0), 0, false),
  ...bothScopes('> 0 <= 150: 151', 'price_usd', [{ numeric: ['>', 0, '<=', 150] }], num(151), 151, false),
];

// --- SNS Developer Guide, "Key matching" -----------------------------------------------------------------

const withStore = attrs({ store: str('fans'), [ci]: list(['baseball', 'basketball']) });
const withoutStore = attrs({ [ci]: list(['baseball', 'basketball']) });
const bodyWithStore = body({ store: 'fans', [ci]: ['baseball', 'basketball'] });
const bodyWithoutStore = body({ [ci]: ['baseball', 'basketball'] });

const keyCases: Case[] = [
  attributeCase('exists true: store present', { store: [{ exists: true }] }, withStore, true),
  attributeCase('exists true: store absent', { store: [{ exists: true }] }, withoutStore, false),
  bodyCase('exists true: store present', { store: [{ exists: true }] }, bodyWithStore, true),
  bodyCase('exists true: store absent', { store: [{ exists: true }] }, bodyWithoutStore, false),
  attributeCase('exists false: store present', { store: [{ exists: false }] }, withStore, false),
  attributeCase('exists false: store absent', { store: [{ exists: false }] }, withoutStore, true),
  bodyCase('exists false: store present', { store: [{ exists: false }] }, bodyWithStore, false),
  bodyCase('exists false: store absent', { store: [{ exists: false }] }, bodyWithoutStore, true),
];

// --- SNS Developer Guide, "AND/OR logic" -----------------------------------------------------------------

const AND_POLICY = { [ci]: ['rugby'], price_usd: [{ numeric: ['>', 100] }] };
const OR_VALUES = { [ci]: ['rugby', 'football', 'baseball'] };
const andOrCases: Case[] = [
  attributeCase('AND: rugby and 150', AND_POLICY, attrs({ [ci]: str('rugby'), price_usd: num(150) }), true),
  attributeCase('AND: rugby and 100', AND_POLICY, attrs({ [ci]: str('rugby'), price_usd: num(100) }), false),
  attributeCase(
    'AND: football and 150',
    AND_POLICY,
    attrs({ [ci]: str('football'), price_usd: num(150) }),
    false,
  ),
  attributeCase('AND: rugby, price missing', AND_POLICY, attrs({ [ci]: str('rugby') }), false),
  bodyCase('AND: rugby and 150', AND_POLICY, body({ [ci]: 'rugby', price_usd: 150 }), true),
  bodyCase('AND: rugby and 100', AND_POLICY, body({ [ci]: 'rugby', price_usd: 100 }), false),
  bodyCase('AND: football and 150', AND_POLICY, body({ [ci]: 'football', price_usd: 150 }), false),
  bodyCase('AND: rugby, price missing', AND_POLICY, body({ [ci]: 'rugby' }), false),
  ...['rugby', 'football', 'baseball'].flatMap((value) =>
    bothScopes(`OR values: ${value}`, ci, OR_VALUES[ci], str(value), value, true),
  ),
  ...bothScopes('OR values: tennis', ci, OR_VALUES[ci], str('tennis'), 'tennis', false),
];

// --- Reference rules: MessageAttributes scope ------------------------------------------------------------

const $or = '$or';
const ATTRIBUTE_OR = {
  source: ['aws.cloudwatch'],
  [$or]: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
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

const attributeRuleCases: Case[] = [
  attributeCase(
    'String.Array: one element matches',
    { tag: ['b'] },
    attrs({ tag: list(['a', 'b', 'c']) }),
    true,
  ),
  attributeCase('String.Array: no element matches', { tag: ['z'] }, attrs({ tag: list(['a', 'b']) }), false),
  attributeCase(
    'String.Array: empty array matches no value',
    { tag: ['a'] },
    attrs({ tag: list([]) }),
    false,
  ),
  attributeCase(
    'String.Array: empty array has no leaf for exists:true',
    { tag: [{ exists: true }] },
    attrs({ tag: list([]) }),
    false,
  ),
  attributeCase(
    'String.Array: prefix applies to each element',
    { tag: [{ prefix: 'ru' }] },
    attrs({ tag: list(['soccer', 'rugby']) }),
    true,
  ),
  attributeCase(
    'String.Array: number element takes numeric rules',
    { size: [{ numeric: ['>', 10] }] },
    attrs({ size: list([5, 20]) }),
    true,
  ),
  attributeCase(
    'String.Array: no number element in range',
    { size: [{ numeric: ['>', 10] }] },
    attrs({ size: list([5, 6]) }),
    false,
  ),
  attributeCase(
    'String.Array: number element equals policy number',
    { size: [20] },
    attrs({ size: rawList('[5, 20.0]') }),
    true,
  ),
  attributeCase(
    'String.Array: true element matches true',
    { flag: [true] },
    attrs({ flag: list([true]) }),
    true,
  ),
  attributeCase(
    'String.Array: null element matches null',
    { flag: [null] },
    attrs({ flag: list(['x', null]) }),
    true,
  ),
  attributeCase(
    'String.Array: true element is not the string "true"',
    { flag: ['true'] },
    attrs({ flag: list([true]) }),
    false,
  ),
  attributeCase(
    'String that looks like JSON stays one string (no element match)',
    { tag: ['a'] },
    attrs({ tag: str('["a"]') }),
    false,
  ),
  attributeCase(
    'String that looks like JSON matches its exact text',
    { tag: ['["a"]'] },
    attrs({ tag: str('["a"]') }),
    true,
  ),
  attributeCase('Number 100 matches [100]', { price: [100] }, attrs({ price: num(100) }), true),
  attributeCase('Number "100.0" matches [100]', { price: [100] }, attrs({ price: num('100.0') }), true),
  attributeCase(
    'Number 1e2 matches numeric = 100',
    { price: [{ numeric: ['=', 100] }] },
    attrs({ price: num('1e2') }),
    true,
  ),
  attributeCase('Number 99 does not match [100]', { price: [100] }, attrs({ price: num(99) }), false),
  attributeCase(
    'Binary attribute never satisfies a value rule',
    { store: ['AAEC'] },
    attrs({ store: bin() }),
    false,
  ),
  attributeCase(
    'Binary attribute never satisfies prefix',
    { store: [{ prefix: 'A' }] },
    attrs({ store: bin() }),
    false,
  ),
  attributeCase('missing attribute: exact value fails', { store: ['x'] }, attrs({ other: str('x') }), false),
  attributeCase(
    'missing attribute: prefix fails',
    { store: [{ prefix: 'x' }] },
    attrs({ other: str('x') }),
    false,
  ),
  attributeCase(
    'missing attribute: suffix fails',
    { store: [{ suffix: 'x' }] },
    attrs({ other: str('x') }),
    false,
  ),
  attributeCase(
    'missing attribute: equals-ignore-case fails',
    { store: [{ 'equals-ignore-case': 'x' }] },
    attrs({ other: str('x') }),
    false,
  ),
  attributeCase(
    'missing attribute: anything-but fails',
    { store: [{ 'anything-but': 'x' }] },
    attrs({ other: str('x') }),
    false,
  ),
  attributeCase(
    'missing attribute: anything-but prefix fails',
    { store: [{ 'anything-but': { prefix: 'x' } }] },
    attrs({ other: str('x') }),
    false,
  ),
  attributeCase(
    'missing attribute: numeric fails',
    { price: [{ numeric: ['>', 0] }] },
    attrs({ other: num(5) }),
    false,
  ),
  attributeCase(
    'missing attribute: cidr fails',
    { ip: [{ cidr: '10.0.0.0/8' }] },
    attrs({ other: str('10.0.0.1') }),
    false,
  ),
  attributeCase('missing attribute: null fails', { store: [null] }, attrs({ other: str('x') }), false),
  attributeCase(
    'missing attribute: exists false matches',
    { store: [{ exists: false }] },
    attrs({ other: str('x') }),
    true,
  ),
  attributeCase(
    'exists false needs at least one attribute (none given)',
    { store: [{ exists: false }] },
    {},
    false,
  ),
  attributeCase(
    'exists false needs at least one attribute (empty map)',
    { store: [{ exists: false }] },
    attrs({}),
    false,
  ),
  attributeCase(
    'anything-but + exists false: key absent',
    { store: [{ 'anything-but': 'x' }, { exists: false }] },
    attrs({ other: str('x') }),
    true,
  ),
  attributeCase(
    'anything-but + exists false: denied value',
    { store: [{ 'anything-but': 'x' }, { exists: false }] },
    attrs({ store: str('x') }),
    false,
  ),
  attributeCase(
    'anything-but + exists false: allowed value',
    { store: [{ 'anything-but': 'x' }, { exists: false }] },
    attrs({ store: str('y') }),
    true,
  ),
  attributeCase(
    'anything-but single number: other number',
    { price: [{ 'anything-but': 100 }] },
    attrs({ price: num(101) }),
    true,
  ),
  attributeCase(
    'anything-but single number: same number',
    { price: [{ 'anything-but': 100 }] },
    attrs({ price: num('1e2') }),
    false,
  ),
  attributeCase(
    'anything-but is case-sensitive',
    { store: [{ 'anything-but': 'Fans' }] },
    attrs({ store: str('fans') }),
    true,
  ),
  attributeCase(
    'suffix: matches the end',
    { file: [{ suffix: '.png' }] },
    attrs({ file: str('cat.png') }),
    true,
  ),
  attributeCase(
    'suffix: other ending',
    { file: [{ suffix: '.png' }] },
    attrs({ file: str('cat.jpg') }),
    false,
  ),
  attributeCase(
    'equals-ignore-case: value differs in case',
    { store: [{ 'equals-ignore-case': 'Example_Corp' }] },
    attrs({ store: str('EXAMPLE_corp') }),
    true,
  ),
  attributeCase(
    'equals-ignore-case: different text',
    { store: [{ 'equals-ignore-case': 'example' }] },
    attrs({ store: str('example_corp') }),
    false,
  ),
  attributeCase(
    'prefix is case-sensitive',
    { store: [{ prefix: 'Ex' }] },
    attrs({ store: str('example') }),
    false,
  ),
  attributeCase(
    'numeric range: lower bound inclusive',
    { n: [{ numeric: ['>=', 10, '<', 20] }] },
    attrs({ n: num(10) }),
    true,
  ),
  attributeCase(
    'numeric range: upper bound exclusive',
    { n: [{ numeric: ['>=', 10, '<', 20] }] },
    attrs({ n: num(20) }),
    false,
  ),
  attributeCase(
    'numeric range: below',
    { n: [{ numeric: ['>=', 10, '<', 20] }] },
    attrs({ n: num(9.5) }),
    false,
  ),
  attributeCase('numeric <=: equal', { n: [{ numeric: ['<=', 5] }] }, attrs({ n: num(5) }), true),
  attributeCase(
    'entries are ORed: numeric or exact string',
    { n: [{ numeric: ['>', 100] }, 'none'] },
    attrs({ n: str('none') }),
    true,
  ),
  attributeCase(
    'cidr IPv6: compressed address inside',
    { ip: [{ cidr: '2001:db8::/32' }] },
    attrs({ ip: str('2001:db8::1') }),
    true,
  ),
  attributeCase(
    'cidr IPv6: uncompressed address inside',
    { ip: [{ cidr: '2001:db8::/32' }] },
    attrs({ ip: str('2001:0db8:0000:0000:0000:0000:0000:0001') }),
    true,
  ),
  attributeCase(
    'cidr IPv6: address outside',
    { ip: [{ cidr: '2001:db8::/32' }] },
    attrs({ ip: str('2001:db9::1') }),
    false,
  ),
  attributeCase(
    'cidr IPv6 network never matches an IPv4 address',
    { ip: [{ cidr: '2001:db8::/32' }] },
    attrs({ ip: str('10.0.0.1') }),
    false,
  ),
  attributeCase(
    'cidr: invalid IP 10.0.0.256 does not match',
    { ip: [{ cidr: '10.0.0.0/8' }] },
    attrs({ ip: str('10.0.0.256') }),
    false,
  ),
  attributeCase(
    'cidr: a Number attribute does not match',
    { ip: [{ cidr: '10.0.0.0/8' }] },
    attrs({ ip: num(10) }),
    false,
  ),
  attributeCase(
    'cidr /16 boundary inside',
    { ip: [{ cidr: '192.168.0.0/16' }] },
    attrs({ ip: str('192.168.255.255') }),
    true,
  ),
  attributeCase(
    'cidr /16 boundary outside',
    { ip: [{ cidr: '192.168.0.0/16' }] },
    attrs({ ip: str('192.169.0.0') }),
    false,
  ),
  attributeCase(
    'unnamed attributes are ignored',
    { store: ['x'] },
    attrs({ store: str('x'), extra: str('y'), more: bin() }),
    true,
  ),
  attributeCase(
    '$or: first branch',
    ATTRIBUTE_OR,
    attrs({ source: str('aws.cloudwatch'), metricName: str('CPUUtilization') }),
    true,
  ),
  attributeCase(
    '$or: second branch',
    ATTRIBUTE_OR,
    attrs({ source: str('aws.cloudwatch'), namespace: str('AWS/EC2') }),
    true,
  ),
  attributeCase(
    '$or: no branch',
    ATTRIBUTE_OR,
    attrs({ source: str('aws.cloudwatch'), namespace: str('AWS/ES') }),
    false,
  ),
  attributeCase(
    '$or is ANDed with its sibling keys',
    ATTRIBUTE_OR,
    attrs({ source: str('aws.events'), namespace: str('AWS/EC2') }),
    false,
  ),
  attributeCase(
    'recorded 150 policy: nested $or branch',
    RECORDED_150_POLICY,
    attrs({ source: str('aws.test'), metricType: str('TestType'), spaceId: num(7) }),
    true,
  ),
  attributeCase(
    'recorded 150 policy: first branch',
    RECORDED_150_POLICY,
    attrs({ source: str('aws.events'), metricName: str('v6') }),
    true,
  ),
  attributeCase(
    'recorded 150 policy: inner $or unmet',
    RECORDED_150_POLICY,
    attrs({ source: str('aws.test'), metricType: str('TestType'), spaceId: num(8) }),
    false,
  ),
  attributeCase(
    'a nested policy is invalid in this scope, so it matches nothing',
    { a: { b: ['x'] } },
    attrs({ 'a.b': str('x') }),
    false,
  ),
  attributeCase(
    'dotted attribute name matches a dotted key',
    { 'a.b': ['x'] },
    attrs({ 'a.b': str('x') }),
    true,
  ),
  attributeCase('an invalid policy matches nothing', { store: [] }, attrs({ store: str('x') }), false),
  attributeCase(
    'a too complex policy matches nothing',
    { store: Array.from({ length: 151 }, (_, i) => `v${i}`) },
    attrs({ store: str('v1') }),
    false,
  ),
];

// --- Reference rules: MessageBody scope -------------------------------------------------------------------

const DOTTED_POLICY = { 'object.nested.test': ['string.value'] };
const RECORDS_POLICY = {
  Records: {
    s3: { object: { key: [{ prefix: 'auto-' }] } },
    eventName: [{ prefix: 'ObjectCreated:' }],
  },
};
const record = (eventName: string, key: unknown) => ({ eventName, s3: { object: key } });
const BODY_OR = {
  [$or]: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  detail: {
    scope: ['Service'],
    [$or]: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }],
  },
};
const NESTED_EXISTS = {
  item: { kind: [{ prefix: 'car-' }, 'fixed'], extra: [{ exists: false }] },
  trace: [{ exists: false }],
};

const bodyRuleCases: Case[] = [
  ...[
    ['plain text', 'hello world'],
    ['a JSON string', '"hello"'],
    ['a top-level array', '[{"store":"x"}]'],
    ['an empty body', ''],
    ['truncated JSON', '{"store": "x"'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
  ].flatMap(([what, text]) => [
    bodyCase(`body that is ${what} never matches`, { store: ['x'] }, rawBody(text ?? ''), false),
    bodyCase(
      `body that is ${what} never matches, even exists:false`,
      { store: [{ exists: false }] },
      rawBody(text ?? ''),
      false,
    ),
  ]),
  bodyCase('no body at all never matches', { store: [{ exists: false }] }, {}, false),
  bodyCase('nested policy: value one level down', { a: { b: ['x'] } }, body({ a: { b: 'x' } }), true),
  bodyCase('nested policy: wrong value', { a: { b: ['x'] } }, body({ a: { b: 'y' } }), false),
  bodyCase('nested policy: key at the wrong level', { a: { b: ['x'] } }, body({ b: 'x' }), false),
  bodyCase(
    'dotted policy key: nested body',
    { 'object.nested': ['string.value'] },
    body({ object: { nested: 'string.value' } }),
    true,
  ),
  bodyCase(
    'dotted policy key: dotted body key',
    { 'object.nested': ['string.value'] },
    body({ 'object.nested': 'string.value' }),
    true,
  ),
  bodyCase(
    'dotted policy key: wrong value',
    { 'object.nested': ['string.value'] },
    body({ object: { nested: 'other' } }),
    false,
  ),
  bodyCase(
    'deep dotted key: fully nested body',
    DOTTED_POLICY,
    body({ object: { nested: { test: 'string.value' } } }),
    true,
  ),
  bodyCase(
    'deep dotted key: fully dotted body',
    DOTTED_POLICY,
    body({ 'object.nested.test': 'string.value' }),
    true,
  ),
  bodyCase(
    'deep dotted key: mixed body (dotted then nested)',
    DOTTED_POLICY,
    body({ 'object.nested': { test: 'string.value' } }),
    true,
  ),
  bodyCase(
    'deep dotted key: mixed body (nested then dotted)',
    DOTTED_POLICY,
    body({ object: { 'nested.test': 'string.value' } }),
    true,
  ),
  bodyCase('nested policy matches a dotted body key', { a: { b: ['x'] } }, body({ 'a.b': 'x' }), true),
  bodyCase('array of scalars: any element', { tags: ['b'] }, body({ tags: ['a', 'b'] }), true),
  bodyCase('array of scalars: no element', { tags: ['z'] }, body({ tags: ['a', 'b'] }), false),
  bodyCase(
    'array of objects is walked into',
    RECORDS_POLICY,
    body({ Records: [record('ObjectCreated:Put', { key: 'auto-1.xml' })] }),
    true,
  ),
  bodyCase(
    'array of objects: one condition fails',
    RECORDS_POLICY,
    body({ Records: [record('ObjectRemoved:Delete', { key: 'auto-1.xml' })] }),
    false,
  ),
  bodyCase(
    'array of objects: other key fails',
    RECORDS_POLICY,
    body({ Records: [record('ObjectCreated:Put', { key: 'home-1.xml' })] }),
    false,
  ),
  bodyCase(
    'array of arrays of objects is walked into',
    RECORDS_POLICY,
    body({ Records: [record('ObjectCreated:Put', [[{ key: 'auto-2.xml' }]])] }),
    true,
  ),
  bodyCase(
    'conditions met inside the same array element',
    RECORDS_POLICY,
    body({
      Records: [
        record('ObjectRemoved:Delete', { key: 'home.xml' }),
        record('ObjectCreated:Copy', { key: 'auto-3.xml' }),
      ],
    }),
    true,
  ),
  // Not pinned: two conditions met by DIFFERENT elements of one array ([disputed] in the reference).
  bodyCase('[100] matches 100', { n: [100] }, body({ n: 100 }), true),
  bodyCase('[100] matches 100.0', { n: [100] }, rawBody('{"n": 100.0}'), true),
  bodyCase('[100] matches 1e2', { n: [100] }, rawBody('{"n": 1e2}'), true),
  bodyCase('[100] does not match "100"', { n: [100] }, body({ n: '100' }), false),
  bodyCase('["100"] does not match 100', { n: ['100'] }, body({ n: 100 }), false),
  bodyCase('[true] does not match "true"', { f: [true] }, body({ f: 'true' }), false),
  bodyCase('[true] matches true', { f: [true] }, body({ f: true }), true),
  bodyCase('[false] matches false', { f: [false] }, body({ f: false }), true),
  bodyCase('[false] does not match true', { f: [false] }, body({ f: true }), false),
  bodyCase('[null] matches null', { f: [null] }, body({ f: null }), true),
  bodyCase('[null] does not match a missing key', { f: [null] }, body({ g: null }), false),
  bodyCase('[""] matches ""', { f: [''] }, body({ f: '' }), true),
  bodyCase('[""] does not match "x"', { f: [''] }, body({ f: 'x' }), false),
  bodyCase('prefix never matches a number', { n: [{ prefix: '1' }] }, body({ n: 123 }), false),
  bodyCase('suffix never matches a number', { n: [{ suffix: '3' }] }, body({ n: 123 }), false),
  bodyCase('numeric on a body number', { n: [{ numeric: ['>', 1, '<', 2] }] }, body({ n: 1.5 }), true),
  bodyCase(
    'numeric over a body array: one element in range',
    { n: [{ numeric: ['>', 10] }] },
    body({ n: [1, 2, 30] }),
    true,
  ),
  bodyCase(
    'numeric over a body array: none in range',
    { n: [{ numeric: ['>', 10] }] },
    body({ n: [1, 2, 3] }),
    false,
  ),
  bodyCase('exists true: an object is not a leaf', { a: [{ exists: true }] }, body({ a: { b: 1 } }), false),
  bodyCase('exists true: an empty array has no leaf', { a: [{ exists: true }] }, body({ a: [] }), false),
  bodyCase(
    'exists false: an empty array has no leaf',
    { a: [{ exists: false }] },
    body({ a: [], b: 1 }),
    true,
  ),
  bodyCase('exists true on a nested leaf', { a: { b: [{ exists: true }] } }, body({ a: { b: 0 } }), true),
  bodyCase(
    'exists true on a value inside an array of objects',
    { r: { id: [{ exists: true }] } },
    body({ r: [{ x: 1 }, { id: 'a' }] }),
    true,
  ),
  bodyCase('anything-but: key missing', { a: [{ 'anything-but': 'x' }] }, body({ b: 'y' }), false),
  bodyCase('anything-but: other value', { a: [{ 'anything-but': 'x' }] }, body({ a: 'y' }), true),
  bodyCase(
    'anything-but: array of denied values only',
    { a: [{ 'anything-but': ['x', 'y'] }] },
    body({ a: ['x', 'y'] }),
    false,
  ),
  bodyCase(
    'equals-ignore-case in the body',
    { a: [{ 'equals-ignore-case': 'HeLLo' }] },
    body({ a: 'hello' }),
    true,
  ),
  bodyCase('cidr in the body', { ip: [{ cidr: '172.16.0.0/12' }] }, body({ ip: '172.31.0.9' }), true),
  bodyCase(
    'cidr in the body: outside',
    { ip: [{ cidr: '172.16.0.0/12' }] },
    body({ ip: '172.32.0.9' }),
    false,
  ),
  bodyCase(
    'nested exists false: object present, sub-key absent',
    NESTED_EXISTS,
    body({ item: { kind: 'car-7' } }),
    true,
  ),
  bodyCase('nested exists false: exact value', NESTED_EXISTS, body({ item: { kind: 'fixed' } }), true),
  bodyCase('nested exists false: prefix fails', NESTED_EXISTS, body({ item: { kind: 'bike-car-7' } }), false),
  bodyCase(
    'nested exists false: top-level key present',
    NESTED_EXISTS,
    body({ item: { kind: 'car-7' }, trace: 'on' }),
    false,
  ),
  bodyCase(
    'nested exists false: nested key present',
    NESTED_EXISTS,
    body({ item: { kind: 'car-7', extra: 'x' } }),
    false,
  ),
  bodyCase('nested exists false: kind at the wrong level', NESTED_EXISTS, body({ kind: 'car-7' }), false),
  bodyCase(
    '$or top and nested: metricName + detail.source',
    BODY_OR,
    body({ metricName: 'ReadLatency', detail: { scope: 'Service', source: 'aws.cloudwatch' } }),
    true,
  ),
  bodyCase(
    '$or top and nested: namespace + detail.type',
    BODY_OR,
    body({ namespace: 'AWS/ES', detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }),
    true,
  ),
  bodyCase(
    '$or top and nested: detail.scope wrong',
    BODY_OR,
    body({ metricName: 'CPUUtilization', detail: { scope: 'Global', source: 'aws.cloudwatch' } }),
    false,
  ),
  bodyCase(
    '$or top and nested: detail.scope missing',
    BODY_OR,
    body({ metricName: 'CPUUtilization', detail: { source: 'aws.cloudwatch' } }),
    false,
  ),
  bodyCase(
    '$or top and nested: no nested branch',
    BODY_OR,
    body({ metricName: 'CPUUtilization', detail: { scope: 'Service' } }),
    false,
  ),
  bodyCase(
    '$or top and nested: no top branch',
    BODY_OR,
    body({ metricName: 'AWS/EC2', detail: { scope: 'Service', source: 'aws.cloudwatch' } }),
    false,
  ),
  bodyCase(
    '$or nested in a $or branch',
    { [$or]: [{ a: ['1'] }, { b: ['2'], [$or]: [{ c: ['3'] }, { d: ['4'] }] }] },
    body({ b: '2', d: '4' }),
    true,
  ),
  bodyCase(
    '$or nested in a $or branch: inner unmet',
    { [$or]: [{ a: ['1'] }, { b: ['2'], [$or]: [{ c: ['3'] }, { d: ['4'] }] }] },
    body({ b: '2', d: '5' }),
    false,
  ),
  bodyCase(
    'a branch with a nested object',
    { [$or]: [{ a: { b: ['x'] } }, { c: ['y'] }] },
    body({ a: { b: 'x' } }),
    true,
  ),
  bodyCase('unnamed body properties are ignored', { a: ['x'] }, body({ a: 'x', b: { c: [1, 2] } }), true),
  bodyCase('an invalid body policy matches nothing', { a: { b: [] } }, body({ a: { b: 'x' } }), false),
];

const cases: Case[] = [
  ...insuranceCases,
  ...stringCases,
  ...numericCases,
  ...keyCases,
  ...andOrCases,
  ...attributeRuleCases,
  ...bodyRuleCases,
];

describe('evaluateFilterPolicy', () => {
  it('has a large table of cases with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((testCase) => testCase.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name -> $expected', ({ policy, message, scope, expected }) => {
    expect(evaluateFilterPolicy(policy, message, scope)).toBe(expected);
    expect(explainFilterPolicy(policy, message, scope).matched).toBe(expected);
  });
});

describe('explainFilterPolicy', () => {
  it('names the first failing key in policy order', () => {
    expect(explainFilterPolicy(REJECTING_POLICY, INSURANCE_ATTRIBUTES, A)).toEqual({
      matched: false,
      rejectedBy: 'event',
    });
  });

  it('names nested keys with dots', () => {
    const policy = { detail: { scope: ['Service'], source: ['aws.ec2'] } };
    expect(explainFilterPolicy(policy, body({ detail: { scope: 'Service', source: 'aws.s3' } }), B)).toEqual({
      matched: false,
      rejectedBy: 'detail.source',
    });
  });

  it('names an $or group as a whole', () => {
    expect(
      explainFilterPolicy(BODY_OR, body({ metricName: 'CPUUtilization', detail: { scope: 'Service' } }), B),
    ).toEqual({ matched: false, rejectedBy: 'detail.$or' });
    expect(explainFilterPolicy(ATTRIBUTE_OR, attrs({ source: str('aws.cloudwatch') }), A)).toEqual({
      matched: false,
      rejectedBy: '$or',
    });
  });

  it('reports a match without a culprit', () => {
    expect(explainFilterPolicy(ACCEPTING_POLICY, INSURANCE_BODY, B)).toEqual({ matched: true });
  });

  it('says why when no key is to blame', () => {
    expect(explainFilterPolicy({ store: 'x' }, INSURANCE_ATTRIBUTES, A)).toEqual({
      matched: false,
      reason: 'invalid-policy',
    });
    expect(explainFilterPolicy({ store: ['x'] }, rawBody('not json'), B)).toEqual({
      matched: false,
      reason: 'body-not-json-object',
    });
  });
});
