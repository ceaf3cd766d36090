import { SourceText, START_OF_FILE } from './problems';
import type { Problem } from './problems';

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

/** UTF-16 and UTF-32 byte order marks, the longer first (FF FE starts both little-endian ones). */
const WIDE_ENCODINGS: readonly (readonly [name: string, mark: readonly number[]])[] = [
  ['UTF-32 BE', [0x00, 0x00, 0xfe, 0xff]],
  ['UTF-32 LE', [0xff, 0xfe, 0x00, 0x00]],
  ['UTF-16 LE', [0xff, 0xfe]],
  ['UTF-16 BE', [0xfe, 0xff]],
];

/**
 * Decodes UTF-8 strictly (yaml turned invalid UTF-8 and UTF-16 into garbage or U+FFFD without a
 * word), refusing anything else where it goes wrong. A UTF-8 byte order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const wide = WIDE_ENCODINGS.find(([, mark]) => mark.every((byte, index) => bytes[index] === byte));
  if (wide !== undefined) {
    const [name, mark] = wide;
    const message = `File is encoded as ${name} (it starts with the byte order mark ${mark.map(formatByte).join(' ')}): request files must be UTF-8.`;
    const hint = 'Save the file as UTF-8 (in most editors: "Save with encoding" → "UTF-8").';
    return { problem: { code: 'file-encoding', position: START_OF_FILE, message, hint } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = findInvalidUtf8(bytes) ?? 0;
    // The bytes before the offset are valid UTF-8, so the column counts characters, not bytes.
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const shown = Array.from(bytes.subarray(offset, offset + 4), (byte) => `0x${formatByte(byte)}`).join(' ');
    return {
      problem: {
        code: 'file-encoding',
        position: new SourceText(before).position(before.length),
        message: `File is not valid UTF-8: request files must be UTF-8, but the bytes at offset ${offset} (${shown}) are not a UTF-8 character.`,
        hint: 'Save the file as UTF-8; editors that save "ANSI", Latin-1 or Windows-1252 produce bytes like these.',
      },
    };
  }
  const nul = text.indexOf('\u0000');
  if (nul === -1) return { text };
  const message =
    'File contains a NUL byte (0x00): request files must be UTF-8 text; NUL bytes mean UTF-16 without a byte order mark, or a binary file.';
  const position = new SourceText(text).position(nul);
  return { problem: { code: 'file-encoding', position, message, hint: 'Save the file as UTF-8 text.' } };
}

/**
 * Offset of the first byte that does not begin a well-formed UTF-8 sequence, if any. The fatal
 * TextDecoder does not say where; the replacing one decodes everything before it exactly and puts
 * U+FFFD in its place: the offset is the UTF-8 length before the first U+FFFD not written as such.
 */
export function findInvalidUtf8(bytes: Uint8Array): number | undefined {
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let decodedUpTo = 0;
  for (let index = lossy.indexOf('\ufffd'); index !== -1; index = lossy.indexOf('\ufffd', index + 1)) {
    offset += Buffer.byteLength(lossy.slice(decodedUpTo, index), 'utf8');
    if (bytes[offset] !== 0xef || bytes[offset + 1] !== 0xbf || bytes[offset + 2] !== 0xbd) return offset;
    offset += 3;
    decodedUpTo = index + 1;
  }
  return undefined;
}

function formatByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function formatBytes(count: number): string {
  return count >= 1024 && count % 1024 === 0 ? `${count} bytes (${count / 1024} KiB)` : `${count} bytes`;
}
