import * as fs from 'node:fs';

/** What reading a file at most `maxBytes` long found. */
export type BoundedRead =
  | { readonly kind: 'read'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large'; readonly size: number };

/**
 * Reads at most `maxBytes + 1` bytes: a file's size is known from `fstat` before anything is read,
 * and a file that grows meanwhile, or a device that never ends (`/dev/zero`), is cut at one byte
 * past the limit. Memory stays bounded by the limit whatever the file is.
 * @throws the file system's error (ENOENT, EACCES, EISDIR...) for the caller to describe
 */
export function readBounded(file: string, maxBytes: number): BoundedRead {
  const descriptor = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(descriptor);
    if (size > maxBytes) return { kind: 'too-large', size };
    // Sized by fstat, so a run over many small files does not allocate the limit for each.
    let buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > maxBytes) break;
        // Longer than fstat said (grown meanwhile, or a device): read on to one byte past the limit.
        const larger = Buffer.allocUnsafe(maxBytes + 1);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length };
    return { kind: 'read', bytes: buffer.subarray(0, length) };
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Why an entry that is not a regular file cannot be a request: opening a FIFO waits for a writer,
 * a device may never end, a socket cannot be read at all.
 */
export function describeSpecialFile(stat: fs.Stats): string | undefined {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return undefined;
}
