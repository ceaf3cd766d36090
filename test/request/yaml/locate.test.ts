import { describe, expect, it } from 'vitest';
import type { DocumentPath, SourcePosition } from '../../../lib/diagnostics';
import type { ParsedYaml } from '../../../lib/request/yaml';
import { parseText, SAMPLE_REQUEST } from './helpers';

function parsedSample(): ParsedYaml {
  const result = parseText(SAMPLE_REQUEST);
  expect(result.diagnostics).toEqual([]);
  return result.document as ParsedYaml;
}

/** Position of the `occurrence`-th (1-based) appearance of `needle` in the sample. */
function at(needle: string, occurrence = 1): SourcePosition {
  let offset = -1;
  for (let seen = 0; seen < occurrence; seen += 1) {
    offset = SAMPLE_REQUEST.indexOf(needle, offset + 1);
  }
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = SAMPLE_REQUEST.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

describe('locate', () => {
  const document = parsedSample();

  it('finds block-style values and keys', () => {
    expect(document.locate(['team'])).toEqual({ line: 2, column: 7 });
    expect(document.locate(['team'], 'key')).toEqual({ line: 2, column: 1 });
    expect(document.locate(['topics', 'order-events', 'description'])).toEqual(at('Order lifecycle'));
    expect(document.locate(['topics', 'order-events', 'description'], 'key')).toEqual(at('description'));
  });

  it('finds list items, the list itself and block scalars', () => {
    expect(document.locate(['topics', 'order-events', 'events', 1])).toEqual(at('orders.v1.OrderShipped'));
    expect(document.locate(['topics', 'order-events', 'events'])).toEqual(at('- orders.v1.OrderCreated'));
    expect(document.locate(['topics', 'order-ledger', 'notes'])).toEqual(at('|'));
  });

  it('finds flow-style values and keys, nested', () => {
    expect(document.locate(['topics', 'order-events', 'publishers', 1])).toEqual(at('"arn:aws:iam::9999'));
    expect(document.locate(['queues', 'payment-results', 'visibilityTimeout'])).toEqual(at('1m'));
    expect(document.locate(['queues', 'payment-results', 'visibilityTimeout'], 'key')).toEqual(
      at('visibilityTimeout'),
    );
    expect(document.locate(['queues', 'payment-results', 'subscriptions', 0, 'events', 1])).toEqual(at('b]'));
    expect(document.locate(['queues', 'payment-results', 'subscriptions', 0, 'topic'], 'key')).toEqual(
      at('topic:'),
    );
  });

  it('gives the root mapping for the empty path', () => {
    expect(document.locate([])).toEqual({ line: 2, column: 1 });
    expect(document.locate([], 'key')).toEqual({ line: 2, column: 1 });
  });

  it('falls back to the key naming the deepest existing mapping for paths that do not exist', () => {
    expect(document.locate(['topics', 'order-events', 'fifo'])).toEqual(at('order-events:'));
    expect(document.locate(['topics', 'order-events', 'fifo'], 'key')).toEqual(at('order-events:'));
    expect(document.locate(['nope'])).toEqual({ line: 2, column: 1 });
    expect(document.locate(['team', 'deeper', 'still'])).toEqual({ line: 2, column: 1 });
    expect(document.locate(['topics', 'order-events', 'events', 9])).toEqual(at('events:', 2));
    expect(document.locate(['topics', 'order-events', 'events', 'name'])).toEqual(at('events:', 2));
  });

  it('takes indexes as digit strings and gives the item for a key part on a list', () => {
    expect(document.locate(['topics', 'order-events', 'events', '1'])).toEqual(at('orders.v1.OrderShipped'));
    expect(document.locate(['topics', 'order-events', 'events', 1], 'key')).toEqual(
      at('orders.v1.OrderShipped'),
    );
  });

  it('points at the key of an entry with no value', () => {
    const parsed = parseText('team: orders\nowner:\nqueues: {audit: }\n').document;
    expect(parsed?.locate(['owner'])).toEqual({ line: 2, column: 1 });
    expect(parsed?.locate(['queues', 'audit'])).toEqual({ line: 3, column: 10 });
  });

  it('matches numeric-looking quoted keys by their text', () => {
    expect(parseText('"1": one\n').document?.locate([1])).toEqual({ line: 1, column: 6 });
  });

  it('counts lines and columns the same with CRLF line ends', () => {
    const parsed = parseText('team: orders\r\nqueues:\r\n  audit: {maxReceiveCount: 5}\r\n').document;
    expect(parsed?.locate(['queues', 'audit', 'maxReceiveCount'])).toEqual({ line: 3, column: 28 });
  });

  it('never throws, whatever the path', () => {
    const odd: unknown[] = [[Number.NaN], [-1], [1.5], [''], [Symbol('x')], [{}], [null]];
    for (const path of odd) {
      expect(document.locate(path as DocumentPath)).toEqual({ line: 2, column: 1 });
    }
    expect(document.locate(undefined as unknown as DocumentPath)).toEqual({ line: 2, column: 1 });
  });

  it('works when detached from the document', () => {
    const { locate } = document;
    expect(locate(['owner'], 'key')).toEqual({ line: 3, column: 1 });
  });
});
