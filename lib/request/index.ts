import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { toPlatformConfigInput, toRequestInput } from './convert';
import { pruneRejected } from './prune';
import { checkSchema, passesSchema, type SchemaKind } from './schema-check';
import type { PlatformConfigFile, RequestFile, SourceFile } from './types';
import { DISK, type FileTree, type TreeEntry } from './file-tree';
import { DEFAULT_YAML_LIMITS, parseYaml, reopenParsedYaml, sizeProblem, type ParsedYaml } from './yaml';

export type * from './types';
export { SCHEMAS, type SchemaKind } from './schema-check';
export type { FileTree } from './file-tree';

export interface LoadOptions {
  /** Directory searched recursively for *.yaml and *.yml request files. */
  readonly requestsDir: string;
  /** The platform config file. */
  readonly configFile: string;
  /** Paths in diagnostics are shown relative to it. @default process.cwd() */
  readonly cwd?: string;
  /**
   * Files read before, reused wherever a file has the same bytes under the same name; the files
   * this run reads are added. Comparing a change with its base reads each unchanged file once.
   * @default nothing reused or kept
   */
  readonly readings?: FileReadings;
  /** Where the files are read. @default the disk */
  readonly tree?: FileTree;
}

/**
 * What reading one file found, as plain data that can pass between threads. Reading is a
 * function of the file's name as shown, its kind and its bytes, so it is kept under those.
 */
export type FileReadings = Map<string, FileReading>;

export interface FileReading {
  readonly diagnostics: readonly Diagnostic[];
  /** Present when the file loaded: its value, with what the schema refused cut away, and its text. */
  readonly document?: { readonly value: unknown; readonly text: string };
  /** The team a request file names when its schema check failed. */
  readonly brokenTeam?: string;
}

export interface LoadedRequests {
  /** Present when the platform config loaded and passed its schema. */
  readonly config?: PlatformConfigFile;
  /** Request files that loaded and passed their schema, in path order. */
  readonly requests: readonly RequestFile[];
  /** Teams named by a request file that failed to load: references to them are not reported again. */
  readonly teamsWithBrokenFiles: ReadonlySet<string>;
  /**
   * Every file the run read or tried to read, as shown in diagnostics: the platform config, then
   * each request file found, loaded or not, in path order.
   */
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads the platform config and every request file, reporting every problem of every file. */
export function loadRequests(options: LoadOptions): LoadedRequests {
  const cwd = options.cwd ?? process.cwd();
  const tree = options.tree ?? DISK;
  const diagnostics: Diagnostic[] = [];
  const display = (file: string): string => toPosix(path.relative(cwd, path.resolve(cwd, file)));

  const configPath = path.resolve(cwd, options.configFile);
  const configShownAs = display(configPath);
  const read = (absolute: string, shownAs: string, kind: SchemaKind): ParsedYaml | undefined => {
    const reading = readFile(tree, absolute, shownAs, kind, options.readings);
    diagnostics.push(...reading.diagnostics);
    if (reading.brokenTeam !== undefined) teamsWithBrokenFiles.add(reading.brokenTeam);
    return reading.document && reopenParsedYaml(shownAs, reading.document.value, reading.document.text);
  };
  const teamsWithBrokenFiles = new Set<string>();
  const configDocument = read(configPath, configShownAs, 'platform-config');
  const config: PlatformConfigFile | undefined = configDocument && {
    ...sourceOf(configDocument, path.basename(configPath)),
    config: toPlatformConfigInput(configDocument.value),
  };

  const requestsDir = path.resolve(cwd, options.requestsDir);
  const requests: RequestFile[] = [];
  const files = [configShownAs];
  for (const relativePath of findRequestFiles(tree, requestsDir, diagnostics, display)) {
    const absolute = path.join(requestsDir, relativePath);
    const shownAs = display(absolute);
    files.push(shownAs);
    const document = read(absolute, shownAs, 'request');
    if (document) {
      requests.push({ ...sourceOf(document, relativePath), request: toRequestInput(document.value) });
    }
  }
  return { ...(config ? { config } : {}), requests, teamsWithBrokenFiles, files, diagnostics };
}

function sourceOf(document: ParsedYaml, relativePath: string): SourceFile {
  return { file: document.file, relativePath, locate: (at, part) => document.locate(at, part) };
}

/** The file's reading: reused from `readings` when its bytes were read before, else read and kept there. */
function readFile(
  tree: FileTree,
  absolute: string,
  shownAs: string,
  kind: SchemaKind,
  readings?: FileReadings,
): FileReading {
  let bytes: Uint8Array;
  try {
    const read = tree.read(absolute, DEFAULT_YAML_LIMITS.maxBytes);
    if (read.kind === 'special') {
      const problem = {
        message: `expected a file, found ${read.description}`,
        hint: 'name a regular YAML file',
      };
      return { diagnostics: [fileProblem(shownAs, problem)] };
    }
    if (read.kind === 'too-large') {
      const { message, hint } = sizeProblem(read.size, DEFAULT_YAML_LIMITS.maxBytes);
      // The platform config is one file: it cannot be split the way a team's request can.
      const fix = kind === 'platform-config' ? 'Shorten the platform config until it fits.' : hint;
      return { diagnostics: [fileProblem(shownAs, { message, hint: fix }, 'file-too-large')] };
    }
    bytes = read.bytes;
  } catch (error) {
    return { diagnostics: [fileProblem(shownAs, describeFsError(error, kind))] };
  }
  if (readings === undefined) return readContent(shownAs, kind, bytes);
  const key = `${kind}\0${shownAs}\0${createHash('sha256').update(bytes).digest('hex')}`;
  const earlier = readings.get(key);
  if (earlier !== undefined) return earlier;
  const reading = readContent(shownAs, kind, bytes);
  readings.set(key, reading);
  return reading;
}

function readContent(shownAs: string, kind: SchemaKind, bytes: Uint8Array): FileReading {
  const parsed = parseYaml(shownAs, bytes);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const { value, text } = parsed.document;
  const schemaProblems = checkSchema(kind, parsed.document);
  if (schemaProblems.length === 0) return { diagnostics: parsed.diagnostics, document: { value, text } };
  const diagnostics = [...parsed.diagnostics, ...schemaProblems];
  const team = (value as { team?: unknown }).team;
  // Parts of the team may be cut away below: references into it are not reported again.
  const brokenTeam = kind === 'request' && typeof team === 'string' ? { brokenTeam: team } : {};
  const pruned = pruneRejected(
    value,
    schemaProblems.map((problem) => problem.path),
  );
  if (pruned === undefined || !passesSchema(kind, pruned)) return { diagnostics, ...brokenTeam };
  return { diagnostics, document: { value: pruned, text }, ...brokenTeam };
}

/** Request files end in .yaml or .yml, in any case (`x.YAML` is one too). */
export const REQUEST_FILE = /\.ya?ml$/i;

/**
 * Request files below the directory, relative to it, in code-point order so that every machine
 * reads them in the same order. Nothing that could be a request is passed over in silence: hidden
 * YAML files and hidden directories, symbolic links (not followed, so a request tree cannot pull
 * in files from elsewhere), and pipes, devices and sockets are each reported.
 */
function findRequestFiles(
  tree: FileTree,
  root: string,
  diagnostics: Diagnostic[],
  display: (file: string) => string,
): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    let entries: readonly TreeEntry[];
    try {
      entries = tree.list(directory);
    } catch (error) {
      diagnostics.push(fileProblem(display(directory), describeFsError(error, 'request')));
      return;
    }
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      if (entry.name.startsWith('.')) {
        if (entry.kind === 'directory' || REQUEST_FILE.test(entry.name)) {
          diagnostics.push(
            fileProblem(display(absolute), {
              message: `hidden ${entry.kind === 'directory' ? 'directories are' : 'files are'} not read in the requests directory`,
              hint: 'rename it without the leading "." so that it is validated, or move it out of the requests directory',
            }),
          );
        }
        continue;
      }
      if (entry.kind === 'symbolic-link') {
        if (REQUEST_FILE.test(entry.name) || !path.extname(entry.name)) {
          diagnostics.push(
            fileProblem(display(absolute), {
              message: 'symbolic links are not followed in the requests directory',
              hint: 'replace the link with the file itself',
            }),
          );
        }
      } else if (entry.kind === 'directory') {
        walk(absolute);
      } else if (entry.kind === 'file') {
        if (REQUEST_FILE.test(entry.name)) found.push(toPosix(path.relative(root, absolute)));
      } else if (entry.kind === 'special') {
        diagnostics.push(
          fileProblem(display(absolute), {
            message:
              'only regular files and directories belong in the requests directory, not pipes, devices or sockets',
            hint: 'remove it from the requests directory',
          }),
        );
      }
    }
  };
  walk(root);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A problem with a file as a whole, found before its content is read: at its first position. */
function fileProblem(
  file: string,
  text: { message: string; hint: string },
  code: 'file-unreadable' | 'file-too-large' = 'file-unreadable',
): Diagnostic {
  return { code, severity: 'error', ...text, file, line: 1, column: 1, path: [] };
}

function describeFsError(error: unknown, kind: SchemaKind): { message: string; hint: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return kind === 'platform-config'
      ? {
          message: 'the platform config file does not exist',
          hint: 'create eventbus.config.yaml (see the README) or pass --config FILE',
        }
      : { message: 'the requests directory does not exist', hint: 'pass --requests DIR' };
  }
  if (code === 'EISDIR') return { message: 'expected a file, found a directory', hint: 'name a YAML file' };
  return { message: `the file cannot be read (${code ?? 'unknown error'})`, hint: 'check its permissions' };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
