import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  evaluateFilterPolicy,
  explainFilterPolicy,
  validateFilterPolicy,
  type FilterMessage,
  type FilterPolicyScope,
} from '../../lib/filter-policy';
import { yieldingProperty } from '../support/event-loop';

const scopes = fc.constantFrom<FilterPolicyScope>('MessageAttributes', 'MessageBody');
const keyNames = fc.constantFrom('a', 'b', 'a.b', 'store', '$or', '__proto__', 'constructor', 'toString', '');

/** Messages of every kind: well-formed, odd attribute types, JSON and non-JSON bodies. */
const attributeValue = fc.oneof(
  fc.string(),
  fc.json(),
  fc.double().map(String),
  fc.integer().map(String),
  fc
    .array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)))
    .map((items) => JSON.stringify(items)),
);
const attribute = fc.record(
  {
    DataType: fc.constantFrom('String', 'String.Array', 'Number', 'Binary', 'Number.float', 'Nonsense'),
    StringValue: attributeValue,
    BinaryValue: fc.base64String(),
  },
  { requiredKeys: ['DataType'] },
);
const messages: fc.Arbitrary<FilterMessage> = fc.record(
  {
    attributes: fc.dictionary(fc.oneof(keyNames, fc.string()), attribute, { maxKeys: 6 }),
    body: fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify({ a: value, b: value })),
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<FilterMessage>;

/** Entries of a value array: plain values and every operator, well-formed or not. */
const entry = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(true, false, null),
  fc.record({ prefix: fc.string({ maxLength: 3 }) }),
  fc.record({ suffix: fc.string({ maxLength: 3 }) }),
  fc.record({ 'equals-ignore-case': fc.string({ maxLength: 3 }) }),
  fc.record({
    'anything-but': fc.oneof(fc.string({ maxLength: 3 }), fc.array(fc.integer(), { minLength: 1 })),
  }),
  fc.record({ 'anything-but': fc.record({ prefix: fc.string({ maxLength: 3 }) }) }),
  fc.record({
    numeric: fc.tuple(fc.constantFrom('=', '<', '<=', '>', '>='), fc.integer({ min: -9, max: 9 })),
  }),
  fc.record({
    numeric: fc.tuple(
      fc.constant('>'),
      fc.integer({ min: -9, max: 0 }),
      fc.constant('<'),
      fc.integer({ min: 1, max: 9 }),
    ),
  }),
  fc.record({ exists: fc.boolean() }),
  fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32') }),
);

/** Mostly valid policies: a few keys, nested objects and `$or`, a few levels deep. */
const policies: fc.Arbitrary<unknown> = fc.letrec<{ policy: object; node: unknown; withOr: object }>(
  (tie) => ({
    policy: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a.b'), tie('node'), { minKeys: 1, maxKeys: 3 }),
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'policy' },
      { weight: 4, arbitrary: fc.array(entry, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: tie('policy') },
      { weight: 1, arbitrary: tie('withOr') },
    ),
    withOr: fc
      .tuple(tie('policy'), fc.array(tie('policy'), { minLength: 2, maxLength: 3 }))
      .map(([base, branches]) => ({ ...base, $or: branches })),
  }),
).policy;

/** Replaces, deletes or wraps one node of a policy, anywhere in it. */
function mutate(policy: unknown, choice: number, replacement: unknown, operation: number): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        nodes.push({ parent: value, key: index });
        visit(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        nodes.push({ parent: object, key });
        visit(object[key]);
      }
    }
  };
  const copy: unknown = JSON.parse(JSON.stringify(policy));
  visit(copy);
  const node = nodes[choice % Math.max(1, nodes.length)];
  if (node === undefined) return replacement;
  const { parent, key } = node;
  const current = (parent as Record<string | number, unknown>)[key];
  const replace = (value: unknown) =>
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true });
  switch (operation % 5) {
    case 0:
      replace(replacement);
      break;
    case 1:
      replace([current]);
      break;
    case 2:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(parent, key);
      break;
    case 3:
      replace({ [String(key)]: current });
      break;
    default:
      if (!Array.isArray(parent))
        Object.defineProperty(parent, '__proto__', { value: current, enumerable: true });
  }
  return copy;
}

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  // Nothing may leak onto Object.prototype, whatever keys the inputs carried.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

function checkNeverThrows(policy: unknown, message: FilterMessage, scope: FilterPolicyScope): void {
  const diagnostics = validateFilterPolicy(policy, scope);
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const diagnostic of diagnostics) {
    expect(diagnostic.code.startsWith('filter-policy-')).toBe(true);
    expect(Array.isArray(diagnostic.path)).toBe(true);
  }
  const matched = evaluateFilterPolicy(policy, message, scope);
  expect(typeof matched).toBe('boolean');
  expect(explainFilterPolicy(policy, message, scope).matched).toBe(matched);
  // A policy SNS would reject matches nothing.
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) expect(matched).toBe(false);
}

describe('never throws', () => {
  it('on arbitrary JSON as policy', async () => {
    await fc.assert(yieldingProperty(fc.jsonValue(), messages, scopes, checkNeverThrows), { numRuns: 400 });
  });

  it('on arbitrary JSON objects whose keys look like prototype keys', async () => {
    const objects = fc
      .dictionary(keyNames, fc.jsonValue(), { maxKeys: 6 })
      .map((value) => JSON.parse(JSON.stringify(value)));
    await fc.assert(yieldingProperty(objects, messages, scopes, checkNeverThrows), { numRuns: 300 });
  });

  it('on generated policies', async () => {
    await fc.assert(yieldingProperty(policies, messages, scopes, checkNeverThrows), { numRuns: 400 });
  });

  it('on mutations of valid policies', async () => {
    await fc.assert(
      yieldingProperty(
        policies,
        fc.nat(),
        fc.jsonValue(),
        fc.nat(),
        messages,
        scopes,
        (policy, choice, replacement, op, message, scope) =>
          checkNeverThrows(mutate(policy, choice, replacement, op), message, scope),
      ),
      { numRuns: 400 },
    );
  });

  it('on values that are not JSON at all, as policy or message', async () => {
    await fc.assert(
      yieldingProperty(fc.anything(), fc.anything(), scopes, (policy, message, scope) =>
        checkNeverThrows(policy, message as FilterMessage, scope),
      ),
      { numRuns: 300 },
    );
  });

  it('on a policy that tries to pollute the prototype', () => {
    const policy: unknown = JSON.parse('{"__proto__": {"polluted": ["x"]}, "a": [{"exists": true}]}');
    const message: FilterMessage = { body: '{"__proto__": {"polluted": "x"}, "a": 1}' };
    checkNeverThrows(policy, message, 'MessageBody');
    expect(evaluateFilterPolicy(policy, message, 'MessageBody')).toBe(true);
  });

  it('on huge numbers in policies and messages', () => {
    const policy = { a: [1e308, { numeric: ['>', -1e308] }] };
    checkNeverThrows(policy, { body: '{"a": 1e400}' }, 'MessageBody');
    checkNeverThrows({ a: [{ numeric: ['<', 5] }] }, { body: '{"a": -1e400}' }, 'MessageBody');
  });
});

describe('matching laws', () => {
  it('entries of one key are ORed: [x, y] matches exactly when [x] or [y] does', async () => {
    await fc.assert(
      yieldingProperty(entry, entry, messages, scopes, (first, second, message, scope) => {
        const both = evaluateFilterPolicy({ a: [first, second] }, message, scope);
        const either =
          evaluateFilterPolicy({ a: [first] }, message, scope) ||
          evaluateFilterPolicy({ a: [second] }, message, scope);
        if (validateFilterPolicy({ a: [first, second] }, scope).length === 0) expect(both).toBe(either);
      }),
      { numRuns: 400 },
    );
  });

  it('the order of entries does not matter', async () => {
    await fc.assert(
      yieldingProperty(
        fc.array(entry, { minLength: 1, maxLength: 4 }),
        messages,
        scopes,
        (entries, message, scope) => {
          const forward = evaluateFilterPolicy({ a: entries }, message, scope);
          expect(evaluateFilterPolicy({ a: [...entries].reverse() }, message, scope)).toBe(forward);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('$or of two policies matches exactly when either does (no arrays involved)', async () => {
    await fc.assert(
      yieldingProperty(
        policies,
        policies,
        fc.dictionary(
          fc.constantFrom('a', 'b', 'c'),
          fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: -9, max: 9 })),
        ),
        (left, right, flat) => {
          const message = { body: JSON.stringify(flat) };
          const combined = { $or: [left, right] };
          if (
            validateFilterPolicy(combined, 'MessageBody').some(
              (diagnostic) => diagnostic.severity === 'error',
            )
          )
            return;
          expect(evaluateFilterPolicy(combined, message, 'MessageBody')).toBe(
            evaluateFilterPolicy(left, message, 'MessageBody') ||
              evaluateFilterPolicy(right, message, 'MessageBody'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

// --- A brute-force oracle for the array rule --------------------------------------------------------------

type Leaf = { path: string; value: unknown; trail: [number, number][] };
type Term = { path: string; entries: unknown[] }[];

/** Every scalar of the body with its dotted path and the array elements above it. */
function flatten(
  value: unknown,
  path: string | undefined,
  trail: [number, number][],
  out: Leaf[],
  ids: { next: number },
) {
  if (Array.isArray(value)) {
    const id = (ids.next += 1);
    value.forEach((item, index) => flatten(item, path, [...trail, [id, index]], out, ids));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      flatten(item, path === undefined ? key : `${path}.${key}`, trail, out, ids);
  } else if (path !== undefined) out.push({ path, value, trail });
}

/** The policy as alternatives of plain conditions. */
function expand(policy: object, prefix: string | undefined): Term[] {
  let terms: Term[] = [[]];
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      const branches = (value as object[]).flatMap((branch) => expand(branch, prefix));
      terms = terms.flatMap((term) => branches.map((branch) => [...term, ...branch]));
    } else {
      const path = prefix === undefined ? key : `${prefix}.${key}`;
      const sub: Term[] = Array.isArray(value) ? [[{ path, entries: value }]] : expand(value as object, path);
      terms = terms.flatMap((term) => sub.map((extra) => [...term, ...extra]));
    }
  }
  return terms;
}

const consistent = (a: Leaf, b: Leaf) =>
  a.trail.every(([id, index]) =>
    b.trail.every(([otherId, otherIndex]) => otherId !== id || otherIndex === index),
  );

function oracle(policy: object, bodyValue: object): boolean {
  const leaves: Leaf[] = [];
  flatten(bodyValue, undefined, [], leaves, { next: 0 });
  return expand(policy, undefined).some((term) => {
    const choices: Leaf[][] = [];
    for (const { path, entries } of term) {
      const here = leaves.filter((leaf) => leaf.path === path);
      if (here.length === 0) {
        if (
          entries.some(
            (entry) =>
              typeof entry === 'object' && entry !== null && (entry as { exists?: boolean }).exists === false,
          )
        )
          continue;
        return false;
      }
      choices.push(
        here.filter((leaf) =>
          entries.some((entry) =>
            typeof entry === 'object' && entry !== null
              ? (entry as { exists?: boolean }).exists === true
              : entry === leaf.value,
          ),
        ),
      );
    }
    const pick = (index: number, chosen: Leaf[]): boolean =>
      index === choices.length ||
      (choices[index] ?? []).some(
        (leaf) => chosen.every((other) => consistent(leaf, other)) && pick(index + 1, [...chosen, leaf]),
      );
    return pick(0, []);
  });
}

describe('agrees with a brute-force oracle', () => {
  const simpleEntry = fc.oneof(
    fc.constantFrom('x', 'y', 1, 2, true, null),
    fc.record({ exists: fc.boolean() }),
  );
  const simplePolicies = fc.letrec<{ policy: object; node: unknown }>((tie) => ({
    policy: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'p' },
      fc.dictionary(fc.constantFrom('a', 'b', 'a.b'), tie('node'), { minKeys: 1, maxKeys: 3 }),
      fc
        .tuple(
          fc.dictionary(fc.constantFrom('a', 'b'), tie('node'), { maxKeys: 2 }),
          fc.array(tie('policy'), { minLength: 2, maxLength: 2 }),
        )
        .map(([base, branches]) => ({ ...base, $or: branches })),
    ),
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'p' },
      { weight: 3, arbitrary: fc.array(simpleEntry, { minLength: 1, maxLength: 2 }) },
      tie('policy'),
    ),
  })).policy;
  const bodies = fc.letrec<{ object: object; value: unknown }>((tie) => ({
    object: fc.dictionary(fc.constantFrom('a', 'b', 'a.b'), tie('value'), { maxKeys: 3 }),
    value: fc.oneof(
      { maxDepth: 3 },
      fc.constantFrom('x', 'y', 1, 2, true, null),
      tie('object'),
      fc.array(fc.oneof(tie('object'), fc.constantFrom('x', 'y', 1, 2)), { maxLength: 3 }),
    ),
  })).object;

  it('on nested policies with $or against bodies with arrays of objects', async () => {
    await fc.assert(
      yieldingProperty(simplePolicies, bodies, (policy, bodyValue) => {
        if (validateFilterPolicy(policy, 'MessageBody').length > 0) return;
        expect(evaluateFilterPolicy(policy, { body: JSON.stringify(bodyValue) }, 'MessageBody')).toBe(
          oracle(policy, bodyValue),
        );
      }),
      { numRuns: 1500 },
    );
  });
});
