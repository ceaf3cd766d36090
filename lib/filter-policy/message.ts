import { joinKeyPath } from './conditions';
import { isPlainObject } from './json';
import { MAX_BODY_NESTING } from './limits';
import { parseNumberAttribute } from './numbers';
import type { LeafValue } from './patterns';
import type { FilterPolicyScope } from './types';

/** Which element of which array a leaf came from; arrays are numbered in the order they are met. */
export interface ArrayStep {
  readonly array: number;
  readonly index: number;
}

/** A scalar in the message, with the array elements that lead to it (outermost first). */
export interface EventLeaf {
  readonly value: LeafValue;
  readonly trail: readonly ArrayStep[];
}

/**
 * The message as the matcher sees it: event-ruler's flattened event, restricted to the paths the policy
 * names. A path with no leaves is absent (an object or an empty array at a path is not a leaf).
 */
export interface FilterEvent {
  readonly leaves: ReadonlyMap<string, readonly EventLeaf[]>;
  /** False when `exists: false` cannot match even for an absent key (see attributesEvent). */
  readonly absenceCanMatch: boolean;
}

/** Reads an own data property without running getters or looking at the prototype chain. */
function ownValue(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  const value: unknown = descriptor?.value;
  return value;
}

function ownKeys(object: unknown): string[] {
  return typeof object === 'object' && object !== null ? Object.keys(object) : [];
}

function isLeafValue(value: unknown): value is LeafValue {
  return (
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null
  );
}

class LeafCollector {
  private readonly leaves = new Map<string, EventLeaf[]>();
  private arrays = 0;

  constructor(private readonly wanted: ReadonlySet<string>) {}

  add(path: string, value: LeafValue, trail: readonly ArrayStep[]): void {
    if (!this.wanted.has(path)) return;
    const list = this.leaves.get(path);
    if (list === undefined) this.leaves.set(path, [{ value, trail }]);
    else list.push({ value, trail });
  }

  newArray(): number {
    this.arrays += 1;
    return this.arrays;
  }

  result(absenceCanMatch: boolean): FilterEvent {
    return { leaves: this.leaves, absenceCanMatch };
  }
}

/**
 * How SNS turns each attribute into an event value (Amazon SNS Developer Guide, "Filter policy
 * constraints" and "String value matching"):
 * - String: one string, compared case-sensitively; text that looks like JSON stays one opaque string.
 * - Number: one number, so `3.015e2` equals `301.5`.
 * - String.Array: the JSON array is parsed and each element is matched on its own; elements keep their
 *   JSON type (a number element takes numeric rules).
 * - Binary: ignored, as if absent.
 * A custom type label (`Number.float`) keeps its base type. Values SNS would have refused at Publish
 * (a Number that is not a number, a String.Array that is not an array) are treated as absent.
 */
function attributesEvent(attributes: unknown, wanted: ReadonlySet<string>): FilterEvent {
  const collector = new LeafCollector(wanted);
  const names = ownKeys(attributes);
  for (const name of names) {
    const attribute = ownValue(attributes, name);
    const dataType = ownValue(attribute, 'DataType');
    const text = ownValue(attribute, 'StringValue');
    if (typeof dataType !== 'string' || typeof text !== 'string') continue;
    if (dataType === 'String.Array') {
      addStringArray(collector, name, text);
      continue;
    }
    const baseType = dataType.split('.')[0];
    if (baseType === 'String') collector.add(name, text, []);
    else if (baseType === 'Number') {
      const value = parseNumberAttribute(text);
      if (value !== undefined) collector.add(name, value, []);
    }
  }
  // Key matching note: "exists": false only matches a message that carries at least one attribute.
  return collector.result(names.length > 0);
}

function addStringArray(collector: LeafCollector, name: string, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  if (!Array.isArray(parsed)) return;
  const array = collector.newArray();
  parsed.forEach((element: unknown, index) => {
    if (isLeafValue(element)) collector.add(name, element, [{ array, index }]);
  });
}

interface PendingValue {
  readonly value: unknown;
  readonly path: string | undefined;
  readonly trail: readonly ArrayStep[];
  readonly depth: number;
}

/**
 * MessageBody scope ("Amazon SNS message filtering": the payload must be a well-formed JSON object).
 * Objects are flattened into dotted paths and arrays are walked into, each element remembered in the
 * leaf's trail so that conditions can be required to meet in the same array element. Undefined when the
 * body is not a JSON object: such a message never matches.
 */
function bodyEvent(body: unknown, wanted: ReadonlySet<string>): FilterEvent | undefined {
  if (typeof body !== 'string') return undefined;
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isPlainObject(root)) return undefined;
  const collector = new LeafCollector(wanted);
  const stack: PendingValue[] = [{ value: root, path: undefined, trail: [], depth: 0 }];
  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    const { value, path, trail, depth } = pending;
    if (depth > MAX_BODY_NESTING) return undefined;
    if (Array.isArray(value)) {
      const array = collector.newArray();
      value.forEach((element: unknown, index) => {
        stack.push({ value: element, path, trail: [...trail, { array, index }], depth: depth + 1 });
      });
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        stack.push({ value: value[key], path: joinKeyPath(path, key), trail, depth: depth + 1 });
      }
    } else if (isLeafValue(value) && path !== undefined) {
      collector.add(path, value, trail);
    }
  }
  return collector.result(true);
}

/** The event for `scope`, or undefined when the message can match no policy at all. */
export function eventFromMessage(
  message: unknown,
  scope: FilterPolicyScope,
  wanted: ReadonlySet<string>,
): FilterEvent | undefined {
  return scope === 'MessageAttributes'
    ? attributesEvent(ownValue(message, 'attributes'), wanted)
    : bodyEvent(ownValue(message, 'body'), wanted);
}
