import { describe, expect, it } from 'vitest';
import { canMatchValueAt, describeFilterPolicy, evaluateFilterPolicy } from '../../lib/filter-policy';

describe('describeFilterPolicy', () => {
  it('describes nothing for a policy SNS refuses', () => {
    const sixKeys = { a: ['1'], b: ['2'], c: ['3'], d: ['4'], e: ['5'], f: ['6'] };
    expect(describeFilterPolicy(sixKeys, 'MessageAttributes')).toBeUndefined();
    expect(describeFilterPolicy({ a: [] }, 'MessageAttributes')).toBeUndefined();
  });

  it('says each ANDed key in policy order, plain values first, then each operator ORed', () => {
    expect(
      describeFilterPolicy(
        {
          event_type: ['created', 'shipped'],
          region: [{ prefix: 'eu-' }, 'us-east-1'],
          amount: [{ numeric: ['>', 0, '<=', 100] }],
          channel: [{ 'anything-but': ['test', 'staging'] }],
          source_ip: [{ cidr: '10.0.0.0/24' }],
          retry: [{ exists: false }],
        },
        'MessageAttributes',
      ),
    ).toBeUndefined(); // six keys: SNS allows five, so there is nothing to describe
    expect(
      describeFilterPolicy(
        {
          event_type: ['created', 'shipped'],
          region: [{ prefix: 'eu-' }, 'us-east-1'],
          amount: [{ numeric: ['>', 0, '<=', 100] }],
          channel: [{ 'anything-but': ['test', 'staging'] }],
          source_ip: [{ cidr: '10.0.0.0/24' }, { exists: false }],
        },
        'MessageAttributes',
      ),
    ).toEqual([
      'attribute "event_type" is one of "created", "shipped"',
      'attribute "region" is "us-east-1" or starts with "eu-"',
      'attribute "amount" is a number > 0 and <= 100',
      'attribute "channel" is none of "test", "staging"',
      'attribute "source_ip" is an IP address in 10.0.0.0/24 or is absent',
    ]);
  });

  it('names nested body fields by their dotted path and spells $or as alternatives', () => {
    expect(
      describeFilterPolicy(
        {
          order: { kind: [{ suffix: '-express' }, { 'equals-ignore-case': 'RUSH' }] },
          $or: [
            { total: [{ numeric: ['>=', 500] }] },
            { vip: [true], tier: [{ 'anything-but': { prefix: 'free' } }] },
          ],
        },
        'MessageBody',
      ),
    ).toEqual([
      'body field "order.kind" ends with "-express" or is "RUSH" ignoring case',
      'either (body field "total" is a number >= 500) or (body field "vip" is true and body field "tier" does not start with "free")',
    ]);
  });

  it('quotes names and values as JSON, so a quote or newline in them stays visible', () => {
    expect(describeFilterPolicy({ 'a"b': ['x\ny'] }, 'MessageAttributes')).toEqual([
      'attribute "a\\"b" is "x\\ny"',
    ]);
  });
});

describe('canMatchValueAt', () => {
  const attribute = ['event_type'];

  it('decides on the conditions at the path alone, as SNS evaluates them', () => {
    const policy = { event_type: ['created', { prefix: 'order.' }], region: [{ prefix: 'eu-' }] };
    expect(canMatchValueAt(policy, 'MessageAttributes', attribute, 'created')).toBe(true);
    expect(canMatchValueAt(policy, 'MessageAttributes', attribute, 'order.shipped')).toBe(true);
    expect(canMatchValueAt(policy, 'MessageAttributes', attribute, 'cancelled')).toBe(false);
    // A message with only the event type fails the region key: the other keys are not the question.
    expect(
      evaluateFilterPolicy(
        policy,
        { attributes: { event_type: { DataType: 'String', StringValue: 'created' } } },
        'MessageAttributes',
      ),
    ).toBe(false);
  });

  it('lets anything through where the policy does not look, and refuses what anything-but and exists:false exclude', () => {
    expect(canMatchValueAt({ region: ['eu'] }, 'MessageAttributes', attribute, 'x')).toBe(true);
    expect(
      canMatchValueAt({ event_type: [{ 'anything-but': 'x' }] }, 'MessageAttributes', attribute, 'x'),
    ).toBe(false);
    expect(canMatchValueAt({ event_type: [{ exists: false }] }, 'MessageAttributes', attribute, 'x')).toBe(
      false,
    );
  });

  it('treats an $or branch that ignores the path as one that can always hold', () => {
    const open = { $or: [{ event_type: ['a'] }, { region: ['eu'] }] };
    const closed = { $or: [{ event_type: ['a'] }, { event_type: ['b'], region: ['eu'] }] };
    expect(canMatchValueAt(open, 'MessageAttributes', attribute, 'z')).toBe(true);
    expect(canMatchValueAt(closed, 'MessageAttributes', attribute, 'b')).toBe(true);
    expect(canMatchValueAt(closed, 'MessageAttributes', attribute, 'z')).toBe(false);
  });

  it('reads a nested body path, and refuses for an invalid policy', () => {
    const policy = { meta: { type: ['created'] }, total: [{ numeric: ['>', 5] }] };
    expect(canMatchValueAt(policy, 'MessageBody', ['meta', 'type'], 'created')).toBe(true);
    expect(canMatchValueAt(policy, 'MessageBody', ['meta', 'type'], 'shipped')).toBe(false);
    expect(canMatchValueAt({ event_type: [] }, 'MessageAttributes', attribute, 'x')).toBe(false);
  });
});
