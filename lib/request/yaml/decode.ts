import type { Problem } from './problems';
import { SourceText, START_OF_FILE } from './source-text';

export type DecodeResult =
  { readonly text: string; readonly problem?: never } | { readonly problem: Problem };

/** Rejects a file over the size cap before any decoding: yaml's duplicate-key check is O(n²) (security.md §3). */
export function checkSize(bytes: Uint8Array, maxBytes: number): Problem | undefined {
  return bytes.byteLength <= maxBytes ? undefined : sizeProblem(bytes.byteLength, maxBytes);
}

/** A file of `size` bytes where at most `maxBytes` are read; also for files refused before reading. */
export function sizeProblem(size: number, maxBytes: number): Problem {
  return {
    code: 'file-too-large',
    position: START_OF_FILE,
    message: `File is too large: request files may be at most ${formatBytes(maxBytes)}; this one is ${formatBytes(size)}.`,
    hint: 'Split the request into several smaller files of the same team in its place (such as requests/<team>/), each naming the same team, owner and environments; a single request never needs this much text.',
  };
}

/**
 * Decodes UTF-8 strictly. The reference observed yaml turning invalid UTF-8 and UTF-16 into
 * garbage or U+FFFD without a word, so anything that is not UTF-8 is refused here with the place
 * it goes wrong. A UTF-8 byte order mark is accepted and dropped by the decoder.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const wideEncoding = detectWideEncoding(bytes);
  if (wideEncoding !== undefined) {
    return {
      problem: {
        code: 'file-encoding',
        position: START_OF_FILE,
        message: `File is encoded as ${wideEncoding}: request files must be UTF-8.`,
        hint: 'Save the file as UTF-8 (in most editors: "Save with encoding" → "UTF-8").',
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: invalidUtf8Problem(bytes) };
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return {
      problem: {
        code: 'file-encoding',
        position: new SourceText(text).position(nul),
        message:
          'File contains a NUL byte (0x00): request files must be UTF-8 text; NUL bytes mean UTF-16 without a byte order mark, or a binary file.',
        hint: 'Save the file as UTF-8 text.',
      },
    };
  }
  return { text };
}

/** Names the encoding announced by a UTF-16 or UTF-32 byte order mark, if there is one. */
function detectWideEncoding(bytes: Uint8Array): string | undefined {
  const [first, second, third, fourth] = bytes;
  if (first === 0x00 && second === 0x00 && third === 0xfe && fourth === 0xff) {
    return 'UTF-32 BE (it starts with the byte order mark 00 00 FE FF)';
  }
  if (first === 0xff && second === 0xfe) {
    return third === 0x00 && fourth === 0x00
      ? 'UTF-32 LE (it starts with the byte order mark FF FE 00 00)'
      : 'UTF-16 LE (it starts with the byte order mark FF FE)';
  }
  if (first === 0xfe && second === 0xff) {
    return 'UTF-16 BE (it starts with the byte order mark FE FF)';
  }
  return undefined;
}

function invalidUtf8Problem(bytes: Uint8Array): Problem {
  const offset = findInvalidUtf8(bytes) ?? 0;
  const shown = Array.from(bytes.subarray(offset, offset + 4), formatByte).join(' ');
  return {
    code: 'file-encoding',
    position: positionOfByte(bytes, offset),
    message: `File is not valid UTF-8: request files must be UTF-8, but the bytes at offset ${offset} (${shown}) are not a UTF-8 character.`,
    hint: 'Save the file as UTF-8; editors that save "ANSI", Latin-1 or Windows-1252 produce bytes like these.',
  };
}

/**
 * Offset of the first byte that does not begin a well-formed UTF-8 sequence, or undefined if all
 * of it is valid. TextDecoder only says *that* decoding failed; this says where.
 */
export function findInvalidUtf8(bytes: Uint8Array): number | undefined {
  let offset = 0;
  while (offset < bytes.length) {
    const length = wellFormedSequenceLength(bytes, offset);
    if (length === 0) {
      return offset;
    }
    offset += length;
  }
  return undefined;
}

type ByteRange = readonly [low: number, high: number];

const CONTINUATION: ByteRange = [0x80, 0xbf];

/**
 * Unicode Table 3-7: for each range of lead bytes, the ranges its continuation bytes must fall
 * in. The narrowed second ranges exclude overlong forms (E0, F0), surrogates (ED) and code points
 * above U+10FFFF (F4). Lead bytes not listed (80–C1, F5–FF) never start a character.
 */
const WELL_FORMED_SEQUENCES: readonly { readonly lead: ByteRange; readonly rest: readonly ByteRange[] }[] = [
  { lead: [0xc2, 0xdf], rest: [CONTINUATION] },
  { lead: [0xe0, 0xe0], rest: [[0xa0, 0xbf], CONTINUATION] },
  { lead: [0xe1, 0xec], rest: [CONTINUATION, CONTINUATION] },
  { lead: [0xed, 0xed], rest: [[0x80, 0x9f], CONTINUATION] },
  { lead: [0xee, 0xef], rest: [CONTINUATION, CONTINUATION] },
  { lead: [0xf0, 0xf0], rest: [[0x90, 0xbf], CONTINUATION, CONTINUATION] },
  { lead: [0xf1, 0xf3], rest: [CONTINUATION, CONTINUATION, CONTINUATION] },
  { lead: [0xf4, 0xf4], rest: [[0x80, 0x8f], CONTINUATION, CONTINUATION] },
];

function inRange(byte: number, [low, high]: ByteRange): boolean {
  return byte >= low && byte <= high;
}

function continuationRanges(lead: number): readonly ByteRange[] | undefined {
  return WELL_FORMED_SEQUENCES.find((sequence) => inRange(lead, sequence.lead))?.rest;
}

/** Length of the well-formed sequence starting at `offset`, or 0 if it is ill-formed. */
function wellFormedSequenceLength(bytes: Uint8Array, offset: number): number {
  const lead = bytes[offset] ?? 0;
  if (lead <= 0x7f) {
    return 1;
  }
  const ranges = continuationRanges(lead);
  if (ranges === undefined) {
    return 0;
  }
  for (const [index, range] of ranges.entries()) {
    const byte = bytes[offset + 1 + index];
    if (byte === undefined || !inRange(byte, range)) {
      return 0;
    }
  }
  return 1 + ranges.length;
}

/** Line and column of a byte offset; the bytes before it are valid UTF-8 by construction. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return new SourceText(before).position(before.length);
}

function formatByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

function formatBytes(count: number): string {
  return count >= 1024 && count % 1024 === 0 ? `${count} bytes (${count / 1024} KiB)` : `${count} bytes`;
}
