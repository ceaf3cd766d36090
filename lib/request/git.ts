import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileSystemError, type FileTree, type TreeEntry, type TreeRead } from './file-tree';
import { REQUEST_FILE } from './index';

/** The requests and platform config as a git commit holds them, read out of git into memory. */
export interface Snapshot {
  /**
   * The commit's request files and platform config where the working tree has them: load with the
   * working tree's directories and paths, and diagnostics name the same files.
   */
  readonly tree: FileTree;
  /**
   * The commit holds neither the platform config nor any request file: the bus did not exist yet
   * (the merge request that adds it), so the change adds all of it.
   */
  readonly isEmpty: boolean;
}

/** The ref cannot be read: not a repository, an unknown ref, or git missing. */
export class GitReadError extends Error {}

/** What one git invocation may print: the requests of a large organisation fit many times over. */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

/**
 * Reads the request files and the platform config at `ref` out of git's object store, objects
 * only: the working tree and the index are never touched, and nothing is written anywhere. Paths
 * are taken relative to the repository that holds `cwd`.
 */
export function snapshotAt(
  ref: string,
  { cwd, requestsDir, configFile }: { cwd: string; requestsDir: string; configFile: string },
): Snapshot {
  if (ref.startsWith('-')) throw new GitReadError(`"${ref}" is not a git ref`);
  const top = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
    .toString('utf8')
    .trim();
  const realTop = fs.realpathSync(top);
  const inRepository = (file: string): string => {
    const relative = path.relative(realTop, realpathOfParent(path.resolve(cwd, file)));
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new GitReadError(`${file} is outside the git repository at ${top}`);
    }
    return relative.split(path.sep).join('/');
  };
  const requests = { absolute: path.resolve(cwd, requestsDir), inRepository: inRepository(requestsDir) };
  const config = { absolute: path.resolve(cwd, configFile), inRepository: inRepository(configFile) };
  const blobs = listBlobs(top, commit, [requests.inRepository, config.inRepository]);
  const isEmpty = blobs.every((blob) => blob.path !== config.inRepository && !REQUEST_FILE.test(blob.path));
  const contents = readBlobs(
    top,
    blobs.map((blob) => blob.object),
  );
  const files = new Map(
    blobs.map((blob, index) => [
      blob.path,
      { symbolicLink: blob.mode === SYMBOLIC_LINK, bytes: contents[index] as Buffer },
    ]),
  );
  const toRepository = (absolute: string): string | undefined => {
    if (absolute === config.absolute) return config.inRepository;
    const relative = path.relative(requests.absolute, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return path.posix.join(requests.inRepository, relative.split(path.sep).join('/'));
  };
  return { tree: new CommitTree(files, requests.inRepository, toRepository), isEmpty };
}

/** Git's file mode of a symbolic link, whose blob holds the link's target. */
const SYMBOLIC_LINK = '120000';

/** Links followed in a row before a path counts as a loop, as Linux's ELOOP limit. */
const MAX_LINKS_FOLLOWED = 40;

interface CommitFile {
  readonly symbolicLink: boolean;
  readonly bytes: Buffer;
}

/**
 * A commit's files as a {@link FileTree}. Directories are the parents of its files; the requests
 * directory is one even when the commit has no request in it (a base without requests is an
 * empty directory). A path outside the requests and the config does not exist.
 */
class CommitTree implements FileTree {
  private readonly directories = new Map<string, Map<string, TreeEntry>>();

  constructor(
    private readonly files: ReadonlyMap<string, CommitFile>,
    requestsPath: string,
    private readonly toRepository: (absolute: string) => string | undefined,
  ) {
    this.directory(path.posix.normalize(requestsPath || '.'));
    for (const [file, { symbolicLink }] of files) {
      this.directory(path.posix.dirname(file)).set(path.posix.basename(file), {
        name: path.posix.basename(file),
        kind: symbolicLink ? 'symbolic-link' : 'file',
      });
    }
  }

  list(directory: string): readonly TreeEntry[] {
    const at = this.toRepository(directory);
    const entries = at === undefined ? undefined : this.directories.get(path.posix.normalize(at || '.'));
    if (entries) return [...entries.values()];
    throw fileSystemError(at !== undefined && this.files.has(at) ? 'ENOTDIR' : 'ENOENT', directory);
  }

  read(file: string, maxBytes: number): TreeRead {
    let at = this.toRepository(file);
    for (let followed = 0; at !== undefined; followed++) {
      const found = this.files.get(at);
      if (found === undefined) break;
      if (!found.symbolicLink) {
        if (found.bytes.length > maxBytes) return { kind: 'too-large', size: found.bytes.length };
        return { kind: 'read', bytes: found.bytes };
      }
      if (followed === MAX_LINKS_FOLLOWED) throw fileSystemError('ELOOP', file);
      // A link's target is relative to its directory; one that leaves the commit's files is missing.
      const target = found.bytes.toString('utf8');
      at = path.posix.isAbsolute(target) ? undefined : path.posix.join(path.posix.dirname(at), target);
    }
    if (at !== undefined && this.directories.has(path.posix.normalize(at || '.'))) {
      throw fileSystemError('EISDIR', file);
    }
    throw fileSystemError('ENOENT', file);
  }

  /** The entries of a directory, created with its parents' entries for it. */
  private directory(at: string): Map<string, TreeEntry> {
    const existing = this.directories.get(at);
    if (existing) return existing;
    const entries = new Map<string, TreeEntry>();
    this.directories.set(at, entries);
    if (at !== '.') {
      const name = path.posix.basename(at);
      this.directory(path.posix.dirname(at)).set(name, { name, kind: 'directory' });
    }
    return entries;
  }
}

interface Blob {
  readonly mode: string;
  readonly object: string;
  readonly path: string;
}

function listBlobs(top: string, commit: string, paths: readonly string[]): Blob[] {
  const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]).toString('utf8');
  return listing
    .split('\0')
    .filter((entry) => entry !== '')
    .flatMap((entry) => {
      const [meta, file] = entry.split('\t') as [string, string];
      const [mode, type, object] = meta.split(' ') as [string, string, string];
      return type === 'blob' ? [{ mode, object, path: file }] : [];
    });
}

/** Reads every blob in one `git cat-file --batch`: one process however many files there are. */
function readBlobs(top: string, objects: readonly string[]): Buffer[] {
  if (objects.length === 0) return [];
  const output = git(top, ['cat-file', '--batch'], `${objects.join('\n')}\n`);
  const contents: Buffer[] = [];
  let offset = 0;
  for (const object of objects) {
    const headerEnd = output.indexOf(0x0a, offset);
    const [name, , size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (name !== object || size === undefined) throw new GitReadError(`git could not read object ${object}`);
    const start = headerEnd + 1;
    contents.push(output.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return contents;
}

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync('git', [...args], {
      cwd,
      input,
      maxBuffer: MAX_GIT_OUTPUT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch (error) {
    const { code, stderr, status } = error as NodeJS.ErrnoException & { stderr?: Buffer; status?: number };
    if (code === 'ENOENT') throw new GitReadError('git is not installed (it reads the base of --base)');
    const said = stderr?.toString('utf8').trim();
    if (args[0] === 'rev-parse' && args[1] === '--verify') {
      throw new GitReadError(`"${args[3]?.replace(/\^\{commit\}$/, '')}" is not a commit of this repository`);
    }
    throw new GitReadError(
      said ? `git ${args[0]}: ${said}` : `git ${args[0]} failed (exit ${status ?? '?'})`,
    );
  }
}

/** The real path of a file that may not exist yet: its nearest existing parent, resolved. */
function realpathOfParent(file: string): string {
  const missing: string[] = [];
  let current = file;
  while (!fs.existsSync(current)) {
    missing.unshift(path.basename(current));
    current = path.dirname(current);
  }
  return path.join(fs.realpathSync(current), ...missing);
}
