import { describe, expect, it } from 'vitest';
import { checkSize, decodeUtf8, findInvalidUtf8 } from '../../../lib/request/yaml/decode';

describe('findInvalidUtf8', () => {
  it.each([
    ['an overlong encoding', [0xc0, 0x80], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], 0],
    ['a UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated sequence', [0x61, 0xe2, 0x82], 1],
    ['a stray continuation byte', [0x61, 0x62, 0x80], 2],
    ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9], 3],
  ])('finds %s', (_, bytes, offset) => {
    expect(findInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });

  it('accepts well-formed multi-byte text', () => {
    expect(findInvalidUtf8(new TextEncoder().encode('é € 漢 😀'))).toBeUndefined();
  });
});

describe('decodeUtf8', () => {
  it('drops a UTF-8 byte order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' });
  });

  it('names UTF-32 by its byte order mark', () => {
    const result = decodeUtf8(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]));
    expect(result.problem?.message).toContain('UTF-32 LE');
  });

  it('counts the column of a bad byte in characters, not bytes', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('é: x\n€€'), 0xff]);
    expect(decodeUtf8(bytes).problem?.position).toEqual({ line: 2, column: 3 });
  });
});

describe('checkSize', () => {
  it('allows exactly the limit and rejects one byte more', () => {
    expect(checkSize(new Uint8Array(10), 10)).toBeUndefined();
    expect(checkSize(new Uint8Array(11), 10)?.code).toBe('file-too-large');
  });
});
