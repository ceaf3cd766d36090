import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Written into every output, so a later run of the same command knows the directory is its own to
 * replace. Any other non-empty directory is refused: replacing it would delete what is there.
 */
export const OUTPUT_MARKER = '.eventbus-output';
const MARKER_PREFIX = 'Written by eventbus ';

/** The command that owns an output directory: named in its marker and in every refusal. */
export interface OutputWriter {
  /** `synth`, `docs`. */
  readonly command: string;
  /** A directory name to suggest instead of the working directory. */
  readonly example: string;
  /** Recognizes this command's outputs from before the marker existed. @default none */
  readonly isUnmarkedOutput?: (entries: readonly string[]) => boolean;
}

export const SYNTH_OUTPUT: OutputWriter = {
  command: 'synth',
  example: 'cdktf.out',
  isUnmarkedOutput: isUnmarkedSynthOutput,
};

function markerText(writer: OutputWriter): string {
  return `${MARKER_PREFIX}${writer.command}. The whole directory is replaced whenever it runs: keep nothing else here.\n`;
}

/** The command a marker names, or undefined for a marker of unknown form (treated as the writer's own). */
function markerCommand(directory: string): string | undefined {
  const marker = readQuietly(path.join(directory, OUTPUT_MARKER));
  return marker.startsWith(MARKER_PREFIX)
    ? /^[a-z]+/.exec(marker.slice(MARKER_PREFIX.length))?.[0]
    : undefined;
}

/** A directory the command must not write to, with why; reported as a usage error, nothing touched. */
export class OutputRefused extends Error {}

/** Paths an output may never be, contain or sit inside: the user's own files. */
export interface OwnedPaths {
  readonly cwd: string;
  readonly requestsDir: string;
  readonly configFile: string;
}

/**
 * Refuses every output directory that is not the writer's to replace: `/`, a mount point, the
 * working directory or one of its ancestors, anything that holds or lies in the requests or the
 * platform config, a file or link, a non-empty directory without the marker, and another
 * command's output (`docs --out cdktf.out` must not delete the Terraform the team applies).
 */
export function assertReplaceable(
  target: string,
  owned: OwnedPaths,
  writer: OutputWriter = SYNTH_OUTPUT,
): void {
  const absolute = path.resolve(owned.cwd, target);
  const refuse = (why: string): never => {
    throw new OutputRefused(`refusing to write the output to ${target}: ${why}`);
  };
  if (path.parse(absolute).root === absolute) refuse('it is the root of the file system');
  if (contains(absolute, path.resolve(owned.cwd))) {
    refuse(
      `it is the working directory or one of its parents; name a directory of its own, such as ${writer.example}`,
    );
  }
  const requests = path.resolve(owned.cwd, owned.requestsDir);
  if (contains(absolute, requests) || contains(requests, absolute)) {
    refuse('it holds the request files or lies inside their directory');
  }
  const config = path.resolve(owned.cwd, owned.configFile);
  if (contains(absolute, config)) refuse('it holds the platform config');
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stat.isSymbolicLink()) refuse('it is a symbolic link; name the directory itself');
  if (!stat.isDirectory()) refuse('it is not a directory');
  if (isMountPoint(absolute, stat)) refuse('it is a mount point; name a directory inside it');
  const entries = fs.readdirSync(absolute);
  if (entries.length === 0) return;
  if (!entries.includes(OUTPUT_MARKER) && !(writer.isUnmarkedOutput?.(entries) ?? false)) {
    refuse(
      `it holds files that ${writer.command} did not write (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', ...' : ''}); name an empty or new directory`,
    );
  }
  const owner = entries.includes(OUTPUT_MARKER) ? markerCommand(absolute) : undefined;
  if (owner !== undefined && owner !== writer.command) {
    refuse(`it is an output of eventbus ${owner}; name another directory for ${writer.command}`);
  }
}

/**
 * What a builder decided about the content it staged: swap it in, or refuse it. A refusal is input
 * the user must fix (a security finding, a resource the output would destroy), not a failure.
 */
export type BuildOutcome = { readonly ok: true } | Refusal;

export interface Refusal {
  readonly ok: false;
  /** What the user reads; the command adds that nothing was written. */
  readonly message: string;
}

export const BUILT: BuildOutcome = { ok: true };

export function refused(message: string): Refusal {
  return { ok: false, message };
}

/** Only an explicit refusal counts: a builder typed to return nothing may still return a value. */
function isRefusal(outcome: unknown): outcome is Refusal {
  return typeof outcome === 'object' && outcome !== null && (outcome as Partial<Refusal>).ok === false;
}

/**
 * Builds a directory's new content beside it and swaps it in, holding a lock so that no other
 * run writes the same directory meanwhile. A swap interrupted between its two renames leaves
 * the old output beside the target, and the next run puts it back before doing anything else;
 * stale staging directories are removed then too. If building fails or the builder refuses what it
 * staged, the old output stays; a refusal is returned, a failure thrown.
 */
export function replaceDirectory(
  target: string,
  build: (staging: string) => BuildOutcome,
  writer?: OutputWriter,
): BuildOutcome;
/** A builder that reports nothing never refuses: what it staged is swapped in unless it throws. */
export function replaceDirectory(
  target: string,
  build: (staging: string) => void,
  writer?: OutputWriter,
): void;
export function replaceDirectory(
  target: string,
  build: ((staging: string) => BuildOutcome) | ((staging: string) => void),
  writer: OutputWriter = SYNTH_OUTPUT,
): BuildOutcome {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  fs.mkdirSync(parent, { recursive: true });
  const release = lock(absolute, writer);
  try {
    recover(absolute);
    const staging = fs.mkdtempSync(siblingPrefix(absolute, 'staging'));
    let outcome: unknown;
    try {
      outcome = build(staging);
      if (!isRefusal(outcome)) fs.writeFileSync(path.join(staging, OUTPUT_MARKER), markerText(writer));
    } catch (error) {
      removeQuietly(staging);
      throw error;
    }
    if (isRefusal(outcome)) {
      removeQuietly(staging);
      return outcome;
    }
    swapIn(staging, absolute);
    return BUILT;
  } finally {
    release();
  }
}

function swapIn(staging: string, absolute: string): void {
  const previous = fs.existsSync(absolute)
    ? `${siblingPrefix(absolute, 'previous')}${path.basename(staging).slice(-6)}`
    : undefined;
  try {
    if (previous) fs.renameSync(absolute, previous);
    fs.renameSync(staging, absolute);
  } catch (error) {
    if (previous && !fs.existsSync(absolute) && fs.existsSync(previous)) fs.renameSync(previous, absolute);
    removeQuietly(staging);
    throw error;
  }
  if (previous) removeQuietly(previous);
}

/** Puts back an output that an interrupted swap moved aside, and removes stale staging directories. */
function recover(absolute: string): void {
  const leftovers = fs
    .readdirSync(path.dirname(absolute))
    .filter((name) => name.startsWith(`.${path.basename(absolute)}.`))
    .map((name) => path.join(path.dirname(absolute), name));
  const movedAside = leftovers.filter((leftover) => leftover.includes('.previous-'));
  if (!fs.existsSync(absolute) && movedAside.length > 0) {
    const newest = movedAside.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0] as string;
    fs.renameSync(newest, absolute);
  }
  for (const leftover of leftovers) {
    if (leftover.includes('.staging-') || leftover.includes('.previous-')) removeQuietly(leftover);
    // Threads render beside the output before the lock is taken: only a dead process's are stale.
    const jobsOf = /\.jobs-(\d+)-[^/]*$/.exec(leftover)?.[1];
    if (jobsOf !== undefined && !isRunning(Number(jobsOf))) removeQuietly(leftover);
  }
}

/**
 * Where this process's threads render stacks beside an output, before the output is replaced:
 * named after the process, so that a later run removes it when the process died before it could.
 */
export function jobsDirectoryPrefix(absolute: string): string {
  return `${sibling(absolute, 'jobs')}-${process.pid}-`;
}

/** Another run writing the same directory would swap its output in under ours. */
export class OutputLocked extends Error {}

function lock(absolute: string, writer: OutputWriter): () => void {
  const file = sibling(absolute, 'lock');
  const take = (): boolean => {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };
  if (!take()) {
    const holder = Number.parseInt(readQuietly(file), 10);
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new OutputLocked(
        `another ${writer.command} (process ${holder}) is writing ${path.basename(absolute)}; wait for it, or delete ${file} if no ${writer.command} is running`,
      );
    }
    // The process that held it is gone: the lock is stale.
    fs.rmSync(file, { force: true });
    if (!take()) {
      throw new OutputLocked(`another ${writer.command} is writing ${path.basename(absolute)} right now`);
    }
  }
  return () => fs.rmSync(file, { force: true });
}

/**
 * Synth outputs written before the marker existed: a cdktf output or a cloud assembly, and
 * nothing else. They are replaced like marked ones, so upgrading needs no manual step.
 */
function isUnmarkedSynthOutput(entries: readonly string[]): boolean {
  const written =
    /^(manifest\.json|stacks|identity-policies|endpoints|cdk\.out|tree\.json|validation-report\.json|.+\.template\.json|.+\.assets\.json)$/;
  return entries.includes('manifest.json') && entries.every((entry) => written.test(entry));
}

/** `.<name>.<kind>` beside a path: an output's lock and copies, a file's temporary twin. */
export function sibling(absolute: string, kind: string): string {
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.${kind}`);
}

function siblingPrefix(absolute: string, kind: 'staging' | 'previous'): string {
  return `${sibling(absolute, kind)}-`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isMountPoint(absolute: string, stat: fs.Stats): boolean {
  const parent = fs.statSync(path.dirname(absolute));
  return parent.dev !== stat.dev || parent.ino === stat.ino;
}

/** `inner` is `outer` or lies below it. */
function contains(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}

function readQuietly(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Cleanup after a failure must not hide the failure itself (on a read-only disk it fails too). */
function removeQuietly(directory: string): void {
  try {
    fs.rmSync(directory, { recursive: true, force: true });
  } catch {
    // The next run removes what is left.
  }
}
