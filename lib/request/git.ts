import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REQUEST_FILE } from './index';

/** The requests and platform config as a git commit holds them, copied out of git. */
export interface Snapshot {
  /** A temporary directory laid out like the repository (only the requests and the config). */
  readonly root: string;
  readonly requestsDir: string;
  readonly configFile: string;
  /** Where the working directory lies in the snapshot: load from here and paths read the same. */
  readonly cwd: string;
  /**
   * The commit holds neither the platform config nor any request file: the bus did not exist yet
   * (the merge request that adds it), so the change adds all of it.
   */
  readonly isEmpty: boolean;
  /** Removes the temporary directory. */
  dispose(): void;
}

/** The ref cannot be read: not a repository, an unknown ref, or git missing. */
export class GitReadError extends Error {}

/** What one git invocation may print: the requests of a large organisation fit many times over. */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

/**
 * Copies the request files and the platform config at `ref` out of git's object store into a
 * temporary directory, reading objects only: the working tree and the index are never touched.
 * Paths are taken relative to the repository that holds `cwd`, so the snapshot loads exactly as
 * the working tree does, with the same relative paths in diagnostics.
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
  const requestsPath = inRepository(requestsDir);
  const configPath = inRepository(configFile);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-base-'));
  const inSnapshot = (repositoryPath: string): string => path.join(root, ...repositoryPath.split('/'));
  let isEmpty: boolean;
  try {
    const blobs = listBlobs(top, commit, [requestsPath, configPath]);
    isEmpty = blobs.every((blob) => blob.path !== configPath && !REQUEST_FILE.test(blob.path));
    const contents = readBlobs(
      top,
      blobs.map((blob) => blob.object),
    );
    blobs.forEach((blob, index) => {
      const destination = inSnapshot(blob.path);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      // Links are recreated as links, so the loader reports them as it would in the working tree.
      if (blob.mode === '120000') fs.symlinkSync((contents[index] as Buffer).toString('utf8'), destination);
      else fs.writeFileSync(destination, contents[index] as Buffer);
    });
    // An empty tree at the base is a base without requests: the loader sees an empty directory.
    fs.mkdirSync(inSnapshot(requestsPath), { recursive: true });
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    root,
    requestsDir: inSnapshot(requestsPath),
    configFile: inSnapshot(configPath),
    cwd: path.join(root, path.relative(realTop, fs.realpathSync(cwd))),
    isEmpty,
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
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
