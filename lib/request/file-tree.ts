import * as fs from 'node:fs';
import { describeSpecialFile, readBounded, type BoundedRead } from './read-file';

/** What a directory entry is, as the loader tells entries apart. */
export type EntryKind = 'file' | 'directory' | 'symbolic-link' | 'special' | 'other';

export interface TreeEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

/** What reading a file found: its bytes, that it is too large, or that it is no regular file. */
export type TreeRead = BoundedRead | { readonly kind: 'special'; readonly description: string };

/**
 * Where the loader reads the platform config and the request files: the disk, or a commit's
 * files held in memory (`request/git`). Paths are absolute, as the loader resolves them.
 * Failures are thrown as file-system errors with a `code` (ENOENT, EISDIR...), which the loader
 * puts in words the same way for every tree.
 */
export interface FileTree {
  /** The entries of a directory, in any order. */
  list(directory: string): readonly TreeEntry[];
  /** A file's bytes, at most `maxBytes` of them; links are followed. */
  read(file: string, maxBytes: number): TreeRead;
}

/** The files on disk. */
export const DISK: FileTree = {
  list: (directory) =>
    fs.readdirSync(directory, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      kind: entryKind(entry),
    })),
  read: (file, maxBytes) => {
    const special = describeSpecialFile(fs.statSync(file));
    return special === undefined ? readBounded(file, maxBytes) : { kind: 'special', description: special };
  },
};

function entryKind(entry: fs.Dirent): EntryKind {
  if (entry.isSymbolicLink()) return 'symbolic-link';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isSocket()) {
    return 'special';
  }
  return 'other';
}

/** The error a file system would throw, for trees that are not one. */
export function fileSystemError(code: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${file}`), { code, path: file });
}
