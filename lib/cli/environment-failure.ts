/**
 * What the machine refused (a full disk, a read-only file system, missing permissions), in one
 * line that names the path: the user fixes the machine, not the requests, and needs no stack trace.
 */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'a directory stands where a file must be written',
  EEXIST: 'something is already in the way',
  EMFILE: 'too many files are open',
  EIO: 'the device reported an input/output error',
  EXDEV: 'the staging directory and the output are on different file systems',
  EBUSY: 'the path is busy (a mount point, or in use)',
};

/** The one-line description of a file-system error, or undefined for anything else (a bug). */
export function describeEnvironmentFailure(error: unknown): string | undefined {
  const { code, path, dest, syscall } = (error ?? {}) as NodeJS.ErrnoException & { dest?: string };
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;
  const cause = CAUSES[code] ?? `the system reported ${code}`;
  const where = dest ?? path;
  return `eventbus: cannot write ${where ?? 'the output'}: ${cause} (${syscall} failed with ${code})`;
}
